import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { SURVEY_AREAS } from "@/lib/crm/rules/visits";
import { listSurveys, surveyResults, type SurveyGrouping } from "@/lib/crm/surveys/results";
import { VISIT_REPORT_ROLES } from "@/lib/crm/visits/access";
import { getDb } from "@/lib/db";
import { loadRegistryView } from "@/lib/registry/view";

export async function generateMetadata() {
  return { title: (await getTranslations("visits.surveys"))("title") };
}

const GROUPINGS: SurveyGrouping[] = ["community", "building", "butler"];
const GROUP_LABEL = { community: "byCommunity", building: "byBuilding", butler: "byButler" } as const;

type Survey = Awaited<ReturnType<typeof listSurveys>>[number];

const fmt = (n: number | null) => (n == null ? "—" : n.toFixed(2));
const low = (n: number | null) => (n != null && n < 3 ? "text-red-700" : "");

/** Survey results per community / building / butler (mean per area, response rate) within the viewer's scope. */
export default async function SurveysPage({
  searchParams,
}: {
  searchParams: Promise<{ survey?: string; group?: string }>;
}) {
  const user = await requireUser(VISIT_REPORT_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("visits.surveys");
  const db = getDb();
  const list = await listSurveys(db, user.companyId);
  const survey = list.find((s) => String(s.id) === sp.survey) ?? list[0];
  const grouping: SurveyGrouping = GROUPINGS.includes(sp.group as SurveyGrouping)
    ? (sp.group as SurveyGrouping)
    : "community";
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const rows = survey ? await surveyResults(db, user.companyId, survey.id, grouping, view) : [];
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          survey ? (
            <Link
              href={`/staff/crm/surveys/digest?survey=${survey.id}`}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t("digest")}
            </Link>
          ) : null
        }
      />
      {!survey ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        <>
          <SurveyNav list={list} survey={survey} grouping={grouping} />
          <Card>
            {rows.length ? <SurveyTable rows={rows} grouping={grouping} /> : <EmptyState>{t("none")}</EmptyState>}
          </Card>
        </>
      )}
    </div>
  );
}

async function SurveyNav({ list, survey, grouping }: { list: Survey[]; survey: Survey; grouping: SurveyGrouping }) {
  const t = await getTranslations("visits.surveys");
  return (
    <>
      <nav className="flex flex-wrap gap-2" aria-label={t("survey")}>
        {list.slice(0, 8).map((s) => (
          <Link
            key={s.id}
            href={`/staff/crm/surveys?survey=${s.id}&group=${grouping}`}
            aria-current={s.id === survey.id ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ring-1 ${s.id === survey.id ? "bg-slate-800 text-white ring-slate-800" : "bg-white ring-slate-300"}`}
          >
            {s.quarter}
          </Link>
        ))}
      </nav>
      <p className="text-sm text-slate-600">{t("period", { from: survey.opensOn, to: survey.closesOn })}</p>
      <nav className="flex flex-wrap gap-2" aria-label={t("group")}>
        {GROUPINGS.map((g) => (
          <Link
            key={g}
            href={`/staff/crm/surveys?survey=${survey.id}&group=${g}`}
            aria-current={g === grouping ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ring-1 ${g === grouping ? "bg-brand-600 text-white ring-brand-600" : "bg-white ring-slate-300"}`}
          >
            {t(GROUP_LABEL[g])}
          </Link>
        ))}
      </nav>
    </>
  );
}

async function SurveyTable({
  rows,
  grouping,
}: {
  rows: Awaited<ReturnType<typeof surveyResults>>;
  grouping: SurveyGrouping;
}) {
  const t = await getTranslations("visits.surveys");
  return (
    <Table
      head={[
        t(GROUP_LABEL[grouping]),
        t("recipients"),
        t("responses"),
        t("responseRate"),
        t("overall"),
        ...SURVEY_AREAS.map((a) => t(a)),
      ]}
    >
      {rows.map((r) => (
        <tr key={r.key ?? "none"}>
          <td>{r.name ?? t("unknown")}</td>
          <td className="tabular-nums">{r.recipients}</td>
          <td className="tabular-nums">{r.responses}</td>
          <td className="tabular-nums">{r.responseRate}%</td>
          <td className={`tabular-nums font-medium ${low(r.means.overall)}`}>{fmt(r.means.overall)}</td>
          {SURVEY_AREAS.map((a) => (
            <td key={a} className={`tabular-nums ${low(r.means[a])}`}>
              {fmt(r.means[a])}
            </td>
          ))}
        </tr>
      ))}
    </Table>
  );
}
