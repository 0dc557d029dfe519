import { getTranslations } from "next-intl/server";
import { PreferencesForm, WechatBindingCard } from "@/components/messaging/preferences-form";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { preferencesOf } from "@/lib/outbox/preferences";
import { openidOf } from "@/lib/outbox/wechat/sender";
import { setPreferenceAction, unbindWechatAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("messaging.preferences"))("title") };
}

/** The resident's notification channels per kind, and their WeChat binding (375 px first). */
export default async function NotificationPreferencesPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("messaging.preferences");
  const db = getDb();
  const [preferences, openid] = await Promise.all([
    preferencesOf(db, user.companyId, user.id),
    openidOf(db, user.companyId, user.id),
  ]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("subtitle")}</p>
      </div>
      <PreferencesForm preferences={preferences} wechatBound={!!openid} setPreference={setPreferenceAction} />
      <WechatBindingCard bound={!!openid} unbind={unbindWechatAction} />
    </div>
  );
}
