import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { correctAssessmentAction, finaliseAssessmentAction, saveAssessmentAction } from "../actions";
import { ManagerFields } from "@/components/hr/assessment-form";
import { Input, Submit } from "@/components/hr/form-bits";
import { KpiCards } from "@/components/hr/kpi-cards";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { getAssessment } from "@/lib/hr/assessment-queries";
import { finalGrade, overallScore } from "@/lib/hr/kpi";
import { computeKpis } from "@/lib/hr/kpi-queries";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { parseId } from "@/app/_lib/registry-guards";

export const dynamic = "force-dynamic";

type Assessment = NonNullable<Awaited<ReturnType<typeof getAssessment>>>;
type Values = {
  managerScore: Assessment["managerScore"];
  comment: Assessment["comment"];
  gradeOverride: Assessment["gradeOverride"];
};

/**
 * One review: the KPI cards (a draft shows them computed live; a final one shows what was
 * stored when it was finalised), the manager's form or the correction form, the revisions.
 */
export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(HR_MANAGE_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  const a = await getAssessment(db, user.companyId, id);
  if (!a) notFound();
  const t = await getTranslations("hr.assessments");
  const tr = await getTranslations("roles");
  const locale = (await getLocale()) as Locale;
  const draft = a.status === "draft";
  const kpis = draft
    ? (((await computeKpis(db, user.companyId, a.role, a.period, user.timeZone, [a.userId])).get(a.userId) ??
        {}) as Record<string, number | null>)
    : a.kpis;
  const overall = draft ? overallScore(a.role, kpis, a.managerScore) : a.overall;
  const grade = draft ? finalGrade(overall, a.gradeOverride) : a.grade;
  const values = { managerScore: a.managerScore, comment: a.comment, gradeOverride: a.gradeOverride };
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href={`/staff/hr/assessments?period=${a.period}`} className="hover:underline">
          {t("title")}
        </Link>{" "}
        / {a.name}
      </nav>
      <PageHeader
        title={t("reviewTitle", { name: a.name ?? "", period: a.period })}
        subtitle={`${tr(a.role)} · ${a.communityName ?? "—"} · ${t(`statuses.${a.status}`)} · ${t("revision", { n: a.revision })}${a.isCurrent ? "" : ` · ${t("superseded")}`}`}
      />
      <Card title={draft ? t("kpisLive") : t("kpisStored")}>
        <KpiCards role={a.role} kpis={kpis} />
      </Card>
      <div className="grid grid-cols-3 gap-3">
        <Stat label={t("managerScore")} value={a.managerScore} />
        <Stat label={t("overall")} value={overall} />
        <Stat label={t("grade")} value={<span data-testid="grade">{grade}</span>} />
      </div>
      <p className="text-xs text-slate-500">{t("formula")}</p>
      {draft && a.isCurrent ? (
        <DraftForms a={a} values={values} />
      ) : (
        <Card title={t("managerPart")}>
          <p className="whitespace-pre-wrap text-sm text-slate-800">{a.comment}</p>
          {a.reason ? <p className="mt-2 text-sm text-amber-700">{t("reasonShown", { reason: a.reason })}</p> : null}
          <p className="mt-2 text-xs text-slate-500">
            {a.reviewerName ?? ""} {a.finalisedAt ? formatDateTime(a.finalisedAt, locale, user.timeZone) : ""}
          </p>
        </Card>
      )}
      {!draft && a.isCurrent ? <CorrectCard a={a} values={values} /> : null}
      {a.revisions.length > 1 ? <RevisionsCard a={a} /> : null}
    </div>
  );
}

async function DraftForms({ a, values }: { a: Assessment; values: Values }) {
  const t = await getTranslations("hr.assessments");
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t("managerPart")}>
        <ActionForm action={saveAssessmentAction} className="grid gap-3 sm:grid-cols-2" testId="manager-form">
          <input type="hidden" name="userId" value={a.userId} />
          <input type="hidden" name="period" value={a.period} />
          <ManagerFields values={values} />
          <div className="sm:col-span-2">
            <Submit>{t("saveDraft")}</Submit>
          </div>
        </ActionForm>
      </Card>
      <Card title={t("finaliseTitle")}>
        <p className="mb-3 text-sm text-slate-600">{t("finaliseHint")}</p>
        <ActionForm action={finaliseAssessmentAction} testId="finalise-form">
          <input type="hidden" name="id" value={a.id} />
          <Submit>{t("finalise")}</Submit>
        </ActionForm>
      </Card>
    </div>
  );
}

async function CorrectCard({ a, values }: { a: Assessment; values: Values }) {
  const t = await getTranslations("hr.assessments");
  return (
    <Card title={t("correctTitle")}>
      <p className="mb-3 text-sm text-slate-600">{t("correctHint")}</p>
      <ActionForm
        action={correctAssessmentAction}
        redirectTo="/staff/hr/assessments/{id}"
        className="grid gap-3 sm:grid-cols-2"
        testId="correct-form"
      >
        <input type="hidden" name="id" value={a.id} />
        <ManagerFields values={values} />
        <Input name="reason" label={t("reason")} className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <Submit>{t("correct")}</Submit>
        </div>
      </ActionForm>
    </Card>
  );
}

async function RevisionsCard({ a }: { a: Assessment }) {
  const t = await getTranslations("hr.assessments");
  return (
    <Card title={t("revisions")}>
      <Table head={[t("revisionCol"), t("status"), t("managerScore"), t("overall"), t("grade"), t("reason")]}>
        {a.revisions.map((r) => (
          <tr key={r.id} className={r.id === a.id ? "font-medium" : ""}>
            <td>
              <Link href={`/staff/hr/assessments/${r.id}`} className="text-brand-700 hover:underline">
                {r.revision}
              </Link>
            </td>
            <td>{t(`statuses.${r.status}`)}</td>
            <td className="tabular-nums">{r.managerScore}</td>
            <td className="tabular-nums">{r.overall}</td>
            <td>{r.grade}</td>
            <td>{r.reason ?? "—"}</td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}
