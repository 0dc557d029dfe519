import { getLocale, getTranslations } from "next-intl/server";
import { auditChanges } from "@/components/tenancy/audit-change";
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

/** The fields an entry changed, each "field: before → after" with money in yuan. */
function Changes({ before, after, locale }: { before: unknown; after: unknown; locale: Locale }) {
  return (
    <ul className="space-y-0.5" data-testid="audit-changes">
      {auditChanges(before, after, locale).map((c) => (
        <li key={c.field}>
          <span className="text-slate-500">{c.field}</span>:{" "}
          <span data-user-text>
            {c.before !== null ? <s className="text-slate-500">{c.before}</s> : null}
            {c.before !== null && c.after !== null ? " → " : null}
            {c.after !== null ? <span className="text-slate-900">{c.after}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
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
                <td {...(e.actorName ? { "data-user-text": "" } : {})}>{e.actorName ?? t("system")}</td>
                <td className="font-mono text-xs">{e.action}</td>
                <td className="font-mono text-xs">
                  {e.entity}
                  {e.entityId ? `#${e.entityId}` : ""}
                </td>
                <td className="text-xs text-slate-600">
                  <Changes before={e.before} after={e.after} locale={locale} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
