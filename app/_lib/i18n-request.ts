import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { getSessionUser } from "./session";
import { loadMessages } from "@/lib/i18n/messages";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";

/**
 * The locale comes from the NEXT_LOCALE cookie (set by the language switch, and at sign-in
 * from the user's saved preference); without it the app speaks Simplified Chinese.
 */
export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
  return {
    locale,
    // Dates show in the company's time zone (default Asia/Shanghai), wherever the viewer is.
    timeZone: (await getSessionUser())?.timeZone ?? DEFAULT_TIME_ZONE,
    messages: await loadMessages(locale),
  };
});
