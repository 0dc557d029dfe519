import Link from "next/link";
import { CsvDownload } from "@/components/ui/csv-download";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { ByWidth } from "@/components/ui/by-width";
import { VisitCards } from "@/components/crm/visits/visit-cards";
import { CoverageChart } from "@/components/crm/visits/coverage-chart";
import { requireUser } from "@/app/_lib/session";

import { publishedRules } from "@/lib/crm/ledger/read";
import { coverageFilterSchema } from "@/lib/crm/visits/schemas";
import { VISIT_REPORT_ROLES } from "@/lib/crm/visits/access";
import { coverageReport, type CoverageRow } from "@/lib/crm/visits/coverage";
import { myVisits } from "@/lib/crm/visits/record";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { loadRegistryView } from "@/lib/registry/view";
import { localDate } from "@/lib/time/zone";
import { previousQuarter, quarterOf } from "@/lib/time/quarters";

export async function generateMetadata() {
  return { title: (await getTranslations("visits.coverage"))("title") };
}

type Report = Awaited<ReturnType<typeof coverageReport>>;

/** Visit coverage per butler and per community for a quarter (own scope), with the 90 % target, a chart and CSV. */
export default async function VisitCoveragePage({ searchParams }: { searchParams: Promise<{ quarter?: string }> }) {
  const user = await requireUser(VISIT_REPORT_ROLES);
  const t = await getTranslations("visits.coverage");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const current = quarterOf(localDate(new Date(), user.timeZone));
  const quarter = coverageFilterSchema.parse(await searchParams).quarter ?? current;
  const quarters = [
    current,
    previousQuarter(current),
    previousQuarter(previousQuarter(current)),
    previousQuarter(previousQuarter(previousQuarter(current))),
  ];
  if (!quarters.includes(quarter)) quarters.push(quarter);
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const [report, rules, mine] = await Promise.all([
    coverageReport(db, user.companyId, quarter, view),
    publishedRules(db, user.companyId),
    user.roles.includes("butler") ? myVisits(db, user.companyId, user.id, quarter) : Promise.resolve([]),
  ]);
  const target = rules.visits.coveragePercent[2];
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <CsvDownload
            href={`/staff/crm/visits/csv?quarter=${quarter}`}
            className="text-sm text-brand-700 hover:underline"
            label={t("csv")}
          />
        }
      />
      <QuarterFilter quarter={quarter} quarters={quarters} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label={t("households")} value={report.total.households} />
        <Stat label={t("sampled")} value={report.total.sampled} />
        <Stat label={t("visited")} value={report.total.visited} />
        <Stat label={t("coverage")} value={`${report.total.coverage}%`} />
      </div>
      {mine.length ? (
        <MyVisits mine={mine} locale={locale} timeZone={user.timeZone} />
      ) : user.roles.includes("butler") ? (
        <Card title={t("mine")}>
          <EmptyState>{t("mineEmpty")}</EmptyState>
        </Card>
      ) : null}
      <CoverageCards report={report} target={target} />
    </div>
  );
}

async function QuarterFilter({ quarter, quarters }: { quarter: string; quarters: string[] }) {
  const t = await getTranslations("visits.coverage");
  return (
    <form method="get" className="flex items-end gap-2">
      <div>
        <label htmlFor="quarter" className="mb-1 block text-sm font-medium text-slate-700">
          {t("quarter")}
        </label>
        <select
          id="quarter"
          name="quarter"
          defaultValue={quarter}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
        {t("show")}
      </button>
    </form>
  );
}

async function MyVisits({
  mine,
  locale,
  timeZone,
}: {
  mine: Awaited<ReturnType<typeof myVisits>>;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("visits.coverage");
  return (
    <Card title={t("mine")}>
      <ByWidth
        wide={
          <Table head={[t("household"), t("month"), t("status"), ""]}>
            {mine.map((v) => (
              <tr key={v.id} data-testid="my-visit">
                <td>
                  <span data-user-text>{v.householdName}</span>{" "}
                  <span className="text-xs text-slate-500">{v.householdCode}</span>
                </td>
                <td>{v.sampledMonth}</td>
                <td>
                  {v.visitedAt ? `${t("done")} · ${formatDateTime(v.visitedAt, locale, timeZone)}` : t("pending")}
                </td>
                <td>
                  <Link href={`/staff/crm/visits/${v.id}`} className="text-brand-700 hover:underline">
                    {t("open")}
                  </Link>
                </td>
              </tr>
            ))}
          </Table>
        }
        narrow={<VisitCards visits={mine} locale={locale} timeZone={timeZone} />}
      />
    </Card>
  );
}

async function CoverageCards({ report, target }: { report: Report; target: number }) {
  const t = await getTranslations("visits.coverage");
  const rows = (list: CoverageRow[]) =>
    list.map((r) => (
      <tr key={r.id}>
        <td data-user-text>{r.name}</td>
        <td className="tabular-nums">{r.households}</td>
        <td className="tabular-nums">{r.sampled}</td>
        <td className="tabular-nums">{r.visited}</td>
        <td className={`tabular-nums ${r.coverage < target ? "text-red-700" : "text-brand-700"}`}>
          {r.coverage}%{r.coverage < target ? <span className="ml-1 text-xs">({t("belowTarget")})</span> : null}
        </td>
      </tr>
    ));
  const head = (first: string) => [
    first,
    t("households"),
    t("sampled"),
    t("visited"),
    `${t("coverage")} · ${t("target", { target })}`,
  ];
  return (
    <>
      <Card title={t("byButler")}>
        {report.byButler.length ? (
          <>
            <CoverageChart
              data={report.byButler.map((r) => ({ name: r.name, coverage: r.coverage }))}
              target={target}
              labels={{ coverage: t("coverage"), target: t("target", { target }), chart: t("chartLabel") }}
            />
            <Table head={head(t("butler"))}>{rows(report.byButler)}</Table>
          </>
        ) : (
          <EmptyState>{t("none")}</EmptyState>
        )}
      </Card>
      <Card title={t("byCommunity")}>
        {report.byCommunity.length ? (
          <Table head={head(t("community"))}>{rows(report.byCommunity)}</Table>
        ) : (
          <EmptyState>{t("none")}</EmptyState>
        )}
      </Card>
    </>
  );
}
