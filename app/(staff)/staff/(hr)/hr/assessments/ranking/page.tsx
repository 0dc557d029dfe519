import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inputClass, labelClass } from "@/components/hr/form-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { isAssessmentPeriod } from "@/lib/hr/kpi";
import { localParts } from "@/lib/time/zone";
import { previousQuarter, quarterOf } from "@/lib/time/quarters";
import { assessmentRanking } from "@/lib/hr/assessment-queries";

export async function generateMetadata() {
  return { title: (await getTranslations("hr.assessments"))("rankingTitle") };
}

export const dynamic = "force-dynamic";

/** Final reviews of a period ranked by overall score within each role and community. */
export default async function RankingPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireUser(HR_MANAGE_ROLES);
  const t = await getTranslations("hr.assessments");
  const tr = await getTranslations("roles");
  const asked = (await searchParams).period?.trim().toUpperCase();
  const period =
    asked && isAssessmentPeriod(asked) ? asked : previousQuarter(quarterOf(localParts(new Date(), user.timeZone).date));
  const rows = await assessmentRanking(getDb(), user.companyId, period);
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${tr(r.role)} · ${r.communityName ?? "—"}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href={`/staff/hr/assessments?period=${period}`} className="hover:underline">
          {t("title")}
        </Link>{" "}
        / {t("rankingTitle")}
      </nav>
      <PageHeader title={t("rankingTitle")} subtitle={t("rankingSubtitle", { period })} />
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="period" className={labelClass}>
              {t("period")}
            </label>
            <input id="period" name="period" defaultValue={period} className={inputClass} />
          </div>
          <button type="submit" className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
            {t("show")}
          </button>
        </form>
      </Card>
      {rows.length === 0 ? (
        <EmptyState>{t("noFinal")}</EmptyState>
      ) : (
        [...groups].map(([group, list]) => (
          <Card key={group} title={group}>
            <Table head={[t("rank"), t("person"), t("managerScore"), t("overall"), t("grade")]}>
              {list.map((r) => (
                <tr key={r.id} data-testid="ranking-row">
                  <td className="font-semibold tabular-nums">{r.rank}</td>
                  <td>
                    <Link href={`/staff/hr/assessments/${r.id}`} className="text-brand-700 hover:underline">
                      {r.employeeNo} {r.name}
                    </Link>
                  </td>
                  <td className="tabular-nums">{r.managerScore}</td>
                  <td className="tabular-nums">{r.overall}</td>
                  <td className="font-semibold">{r.grade}</td>
                </tr>
              ))}
            </Table>
          </Card>
        ))
      )}
    </div>
  );
}
