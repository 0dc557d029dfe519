import { getTranslations } from "next-intl/server";
import { SmsSettingsForm } from "@/components/messaging/sms-settings-form";
import { WechatAccountForm } from "@/components/messaging/wechat-account-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { smsSettingsView } from "@/lib/outbox/sms/settings";
import { wechatAccountView } from "@/lib/outbox/wechat/account";
import { saveSmsSettingsAction, saveWechatAccountAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("messaging.settings"))("title") };
}

/**
 * Message settings (admin): the SMS provider with its template codes and the quiet hours, and the
 * WeChat official account with its template mapping. Secrets are sealed and never sent back.
 */
export default async function MessageSettingsPage() {
  const user = await requireUser(["admin"]);
  const t = await getTranslations("messaging");
  const db = getDb();
  const [sms, wechat] = await Promise.all([smsSettingsView(db, user.companyId), wechatAccountView(db, user.companyId)]);
  const origin = (process.env.NEXTAUTH_URL ?? "").replace(/\/$/, "");
  return (
    <div className="space-y-4">
      <PageHeader title={t("settings.title")} subtitle={t("settings.subtitle")} />
      <Card title={t("sms.title")}>
        <SmsSettingsForm action={saveSmsSettingsAction} view={sms} />
      </Card>
      <Card title={t("wechat.title")}>
        <p className="mb-3 text-sm text-slate-600">
          {t("wechat.menuLink")}{" "}
          <code className="break-all rounded bg-slate-100 px-1 text-xs" data-testid="wechat-menu-link">
            {`${origin}/wechat/oauth/start?company=${user.companyId}`}
          </code>
        </p>
        <WechatAccountForm action={saveWechatAccountAction} view={wechat} />
      </Card>
    </div>
  );
}
