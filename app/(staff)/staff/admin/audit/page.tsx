import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listAuditEntries } from "@/lib/audit/queries";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("auditTitle") };
}

function summarize(value: unknown): string {
  if (value == null) return "";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export default async function AuditPage() {
  const user = await requireUser(["admin"]);
  const t = await getTranslations("admin");
  const locale = (await getLocale()) as Locale;
  const entries = await listAuditEntries(getDb(), user.companyId, { limit: 200 });
  return (
    <div className="space-y-4">
      <PageHeader title={t("auditTitle")} subtitle={t("auditSubtitle")} />
      <Card>
        {entries.length === 0 ? (
          <EmptyState>{t("emptyAudit")}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs text-slate-500">
                <tr>
                  <th className="py-2 pr-3 font-medium">{t("when")}</th>
                  <th className="py-2 pr-3 font-medium">{t("actor")}</th>
                  <th className="py-2 pr-3 font-medium">{t("action")}</th>
                  <th className="py-2 pr-3 font-medium">{t("entity")}</th>
                  <th className="py-2 font-medium">{t("change")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className="border-b border-slate-100 align-top last:border-0">
                    <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{formatDateTime(e.createdAt, locale, user.timeZone)}</td>
                    <td className="py-2 pr-3">{e.actorName ?? t("system")}</td>
                    <td className="py-2 pr-3 font-mono text-xs">{e.action}</td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      {e.entity}
                      {e.entityId ? `#${e.entityId}` : ""}
                    </td>
                    <td className="py-2 font-mono text-xs text-slate-600">
                      {e.before ? <div>− {summarize(e.before)}</div> : null}
                      {e.after ? <div>+ {summarize(e.after)}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
