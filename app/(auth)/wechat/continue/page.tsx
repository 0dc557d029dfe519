import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { WechatContinue } from "@/components/auth/wechat-continue";
import { applySavedLocale } from "@/app/actions";
import { TICKET_COOKIE } from "@/app/_lib/wechat-cookies";

export async function generateMetadata() {
  return { title: (await getTranslations("messaging.wechatSignIn"))("title") };
}

/** After the WeChat callback for a bound openid: the ticket (an httpOnly cookie under /wechat) signs in once. */
export default async function WechatContinuePage({ searchParams }: { searchParams: Promise<{ failed?: string }> }) {
  const t = await getTranslations("messaging.wechatSignIn");
  const { failed } = await searchParams;
  const ticket = failed ? null : ((await cookies()).get(TICKET_COOKIE)?.value ?? null);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("title")}</h1>
      <WechatContinue ticket={ticket} applySavedLocale={applySavedLocale} />
    </>
  );
}
