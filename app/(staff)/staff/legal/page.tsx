import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { LEGAL_VIEW_ROLES, listLegalCases } from "@/lib/crm/legal";
import { isLegalCaseOpen, LEGAL_CASE_STATUSES, type LegalCaseStatus } from "@/lib/crm/rules/arrears";
import { getDb } from "@/lib/db";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.legal"))("title") };
}

/** The legal dashboard: cases by status with counts (open ones first), newest first. */
export default async function LegalPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser(LEGAL_VIEW_ROLES);
  const sp = await searchParams;
  const status = LEGAL_CASE_STATUSES.includes(sp.status as LegalCaseStatus) ? (sp.status as LegalCaseStatus) : undefined;
  const t = await getTranslations("arrears.legal");
  const { rows, byStatus } = await listLegalCases(getDb(), user.companyId, { userId: user.id, roles: user.roles }, status);
  const shown = status ? rows : rows.filter((r) => isLegalCaseOpen(r.status));
  const openCount = LEGAL_CASE_STATUSES.filter(isLegalCaseOpen).reduce((s, k) => s + byStatus[k], 0);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <nav className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7" aria-label={t("title")}>
        <Link href="/staff/legal" aria-current={!status ? "page" : undefined} className={`rounded-md p-3 ring-1 ${!status ? "bg-brand-50 ring-brand-300" : "bg-white ring-slate-200"}`}>
          <div className="text-xs text-slate-500">{t("open")}</div>
          <div className="text-lg font-semibold tabular-nums" data-testid="legal-open-count">
            {openCount}
          </div>
        </Link>
        {LEGAL_CASE_STATUSES.map((s) => (
          <Link key={s} href={`/staff/legal?status=${s}`} aria-current={status === s ? "page" : undefined} className={`rounded-md p-3 ring-1 ${status === s ? "bg-brand-50 ring-brand-300" : "bg-white ring-slate-200"}`}>
            <div className="text-xs text-slate-500">{t(`status.${s}`)}</div>
            <div className="text-lg font-semibold tabular-nums" data-testid={`legal-count-${s}`}>
              {byStatus[s]}
            </div>
          </Link>
        ))}
      </nav>
      <Card>
        {shown.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <Table head={["#", t("household"), t("openedOn"), t("statusLabel")]}>
            {shown.map((c) => (
              <tr key={c.id} data-testid={`legal-case-${c.id}`}>
                <td className="tabular-nums">
                  <Link href={`/staff/legal/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {c.id}
                  </Link>
                </td>
                <td>{c.householdName}</td>
                <td className="tabular-nums">{c.openedOn}</td>
                <td>{t(`status.${c.status}`)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
