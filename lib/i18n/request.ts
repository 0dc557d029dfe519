import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { DEFAULT_TIME_ZONE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "./config";

/**
 * The locale comes from the NEXT_LOCALE cookie (set by the language switch and at sign-in
 * from the user's saved preference), else from Accept-Language, else Chinese.
 */
export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return {
    locale,
    timeZone: DEFAULT_TIME_ZONE,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
