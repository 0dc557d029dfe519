import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { listAuditEntries } from "@/lib/audit/queries";
import { requireUser } from "@/app/_lib/session";
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
          <Table head={[t("when"), t("actor"), t("action"), t("entity"), t("change")]}>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="whitespace-nowrap tabular-nums">{formatDateTime(e.createdAt, locale, user.timeZone)}</td>
                <td>{e.actorName ?? t("system")}</td>
                <td className="font-mono text-xs">{e.action}</td>
                <td className="font-mono text-xs">
                  {e.entity}
                  {e.entityId ? `#${e.entityId}` : ""}
                </td>
                <td className="font-mono text-xs text-slate-600">
                  {e.before ? <div>− {summarize(e.before)}</div> : null}
                  {e.after ? <div>+ {summarize(e.after)}</div> : null}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
