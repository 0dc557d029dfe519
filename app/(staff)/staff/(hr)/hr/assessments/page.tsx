import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { saveAssessmentAction } from "./actions";
import { ManagerFields } from "@/components/hr/assessment-form";
import { inputClass, labelClass, Input, Select, Submit } from "@/components/hr/form-bits";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { isAssessmentPeriod } from "@/lib/hr/kpi";
import { localParts } from "@/lib/time/zone";
import { previousQuarter, quarterOf } from "@/lib/time/quarters";
import { assessablePeople, listAssessments } from "@/lib/hr/assessment-queries";

export async function generateMetadata() {
  return { title: (await getTranslations("hr.assessments"))("title") };
}

export const dynamic = "force-dynamic";

/** Reviews of a period (default: last quarter): start one, open one, go to the ranking. */
export default async function AssessmentsPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireUser(HR_MANAGE_ROLES);
  const t = await getTranslations("hr.assessments");
  const sp = await searchParams;
  const today = localParts(new Date(), user.timeZone).date;
  const asked = sp.period?.trim().toUpperCase();
  const period = asked && isAssessmentPeriod(asked) ? asked : previousQuarter(quarterOf(today));
  const db = getDb();
  const [rows, people] = await Promise.all([
    listAssessments(db, user.companyId, period),
    assessablePeople(db, user.companyId),
  ]);
  const reviewed = new Set(rows.map((r) => r.userId));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { period, count: rows.length })}
        actions={
          <Link
            href={`/staff/hr/assessments/ranking?period=${period}`}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            {t("rankingLink")}
          </Link>
        }
      />
      <PeriodFilter period={period} />
      <Card title={t("start")}>
        <ActionForm
          action={saveAssessmentAction}
          redirectTo="/staff/hr/assessments/{id}"
          className="grid gap-3 sm:grid-cols-2"
          testId="assessment-form"
        >
          <Select
            name="userId"
            label={t("person")}
            options={[
              { value: "", label: t("choosePerson") },
              ...people
                .filter((p) => !reviewed.has(p.userId))
                .map((p) => ({ value: p.userId, label: `${p.employeeNo} ${p.name}` })),
            ]}
          />
          <Input name="period" label={t("period")} defaultValue={period} />
          <ManagerFields />
          <div className="sm:col-span-2">
            <Submit>{t("saveDraft")}</Submit>
          </div>
        </ActionForm>
      </Card>
      <AssessmentRows rows={rows} />
    </div>
  );
}

async function PeriodFilter({ period }: { period: string }) {
  const t = await getTranslations("hr.assessments");
  return (
    <Card>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="period" className={labelClass}>
            {t("period")}
          </label>
          <input
            id="period"
            name="period"
            defaultValue={period}
            placeholder="2026Q4 / 2026-10"
            className={inputClass}
          />
        </div>
        <button type="submit" className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
          {t("show")}
        </button>
        <p className="text-xs text-slate-500">{t("periodHint")}</p>
      </form>
    </Card>
  );
}

async function AssessmentRows({ rows }: { rows: Awaited<ReturnType<typeof listAssessments>> }) {
  const t = await getTranslations("hr.assessments");
  const tr = await getTranslations("roles");
  return (
    <Card>
      {rows.length === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        <Table
          head={[t("person"), t("role"), t("community"), t("managerScore"), t("overall"), t("grade"), t("status")]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/staff/hr/assessments/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.employeeNo} {r.name}
                </Link>
              </td>
              <td>{tr(r.role)}</td>
              <td>{r.communityName ?? "—"}</td>
              <td className="tabular-nums">{r.managerScore}</td>
              <td className="tabular-nums">{r.overall}</td>
              <td className="font-semibold">{r.grade}</td>
              <td>
                {t(`statuses.${r.status}`)}
                {r.revision > 1 ? ` · ${t("revision", { n: r.revision })}` : ""}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
