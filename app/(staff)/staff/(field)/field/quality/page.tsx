import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { QualityChart, type QualityPoint } from "@/components/field/quality-chart";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { QualityTables } from "@/components/field/quality-tables";
import { requireUser } from "@/app/_lib/session";
import { INSPECTION_TEAMS } from "@/db/schema/inspections";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { monthlyQuality } from "@/lib/field/inspection-queries";
import { monthsEnding, qualityPct } from "@/lib/field/inspection-rules";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("field.quality"))("title") };
}

const MONTHS = 6;

/** The monthly quality score (issue 19 point 3): per team as a trend, per community as a table, last 6 months. */
export default async function QualityPage() {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const t = await getTranslations("field");
  const months = monthsEnding(localDate(new Date(), user.timeZone).slice(0, 7), MONTHS);
  const q = await monthlyQuality(getDb(), user.companyId, months);
  const pctOf = (rows: { month: string; score: number; maxScore: number }[], month: string) => {
    const mine = rows.filter((r) => r.month === month);
    return qualityPct(
      mine.reduce((s, r) => s + r.score, 0),
      mine.reduce((s, r) => s + r.maxScore, 0),
    );
  };
  const data: QualityPoint[] = months.map((month) => ({
    month,
    all: pctOf(q.byCommunity, month),
    ...Object.fromEntries(
      INSPECTION_TEAMS.map((team) => [
        team,
        pctOf(
          q.byTeam.filter((r) => r.team === team),
          month,
        ),
      ]),
    ),
  }));
  const teams = INSPECTION_TEAMS.filter((team) => q.byTeam.some((r) => r.team === team));
  const communities = [...new Map(q.byCommunity.map((r) => [r.communityId, r.name])).entries()];
  return (
    <div className="space-y-4">
      <PageHeader title={t("quality.title")} subtitle={t("quality.subtitle", { months: MONTHS })} />
      {q.byCommunity.length === 0 ? (
        <EmptyState>
          <span data-testid="quality-empty">{t("quality.empty")}</span>{" "}
          <Link href="/staff/field/inspections/new" className="text-brand-700 underline">
            {t("inspections.new")}
          </Link>
        </EmptyState>
      ) : (
        <>
          <Card title={t("quality.trend")}>
            <QualityChart
              data={data}
              label={t("quality.trend")}
              series={[
                { key: "all", name: t("quality.all") },
                ...teams.map((team) => ({ key: team, name: t(`team.${team}`) })),
              ]}
            />
          </Card>
          <QualityTables months={months} data={data} teams={teams} communities={communities} rows={q.byCommunity} />
        </>
      )}
    </div>
  );
}
