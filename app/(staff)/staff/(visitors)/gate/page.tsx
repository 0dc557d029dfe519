import { getLocale, getTranslations } from "next-intl/server";
import { Input } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, EmptyState } from "@/components/ui/card";
import { GateScanner } from "@/components/visitors/gate-scanner";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { GATE_ROLES } from "@/lib/visitors/rules";
import { recentEntries } from "@/lib/visitors/queries";
import { retentionDays } from "@/lib/visitors/settings";
import { admitPassAction, checkPassAction, visitorSettingsAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("visitors.gate"))("title") };
}

/** 门岗: the gate's phone page — scan a visitor pass, see its state, admit; the latest entries. */
export default async function GatePage() {
  const user = await requireUser(GATE_ROLES);
  const t = await getTranslations("visitors.gate");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const isAdmin = user.roles.includes("admin");
  const [entries, days] = await Promise.all([
    recentEntries(db, user.companyId),
    isAdmin ? retentionDays(db, user.companyId) : null,
  ]);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("subtitle")}</p>
      </div>
      <Card>
        <GateScanner check={checkPassAction} admit={admitPassAction} timeZone={user.timeZone} />
      </Card>
      <Card title={t("recent")}>
        {entries.length === 0 ? (
          <EmptyState>{t("noRecent")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="gate-entries">
            {entries.map((e) => (
              <li key={e.id} className="py-2">
                <p className="font-medium" data-user-text>
                  {e.visitorName ?? "—"} {e.plate ? <span className="font-mono text-slate-500">{e.plate}</span> : null}
                </p>
                <p className="text-xs text-slate-500">
                  {formatDateTime(e.admittedAt, locale, user.timeZone)} · <span data-user-text>{e.communityName}</span>{" "}
                  · {e.seq}/{e.maxEntries} · <span data-user-text>{e.admittedBy}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {days !== null ? (
        <Card title={t("settings")}>
          <ActionForm action={visitorSettingsAction} className="space-y-3" testId="visitor-settings">
            <Input
              name="retentionDays"
              type="number"
              inputMode="numeric"
              label={t("retentionDays")}
              defaultValue={days}
              min={1}
              max={365}
            />
            <p className="text-xs text-slate-500">{t("retentionHint")}</p>
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
              {t("save")}
            </button>
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
