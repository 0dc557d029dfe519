import Link from "next/link";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { WechatBindForm } from "@/components/auth/wechat-continue";
import { applySavedLocale } from "@/app/actions";
import { TICKET_COOKIE } from "@/app/_lib/wechat-cookies";
import { requestCodeAction } from "../../sign-in/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("messaging.wechatBind"))("title") };
}

/**
 * First WeChat sign-in: the openid is not bound yet. The resident proves their account with a phone
 * code (the same code as the phone sign-in); the "wechat" provider binds the openid and signs in.
 */
export default async function WechatBindPage() {
  const t = await getTranslations("messaging.wechatBind");
  const ticket = (await cookies()).get(TICKET_COOKIE)?.value;
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      {ticket ? (
        <>
          <p className="mb-5 mt-1 text-sm text-slate-600">{t("subtitle")}</p>
          <WechatBindForm ticket={ticket} requestCode={requestCodeAction} applySavedLocale={applySavedLocale} />
        </>
      ) : (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-700">
          {t("expired")}{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            {t("toSignIn")}
          </Link>
        </p>
      )}
    </>
  );
}
