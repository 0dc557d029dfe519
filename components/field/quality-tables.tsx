import { getTranslations } from "next-intl/server";
import type { QualityPoint } from "@/components/field/quality-chart";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { qualityPct } from "@/lib/field/inspection-rules";

const cell = (v: number | null) => (v == null ? "—" : `${v}%`);

/** The monthly quality score as tables: one row per team, one per community, a column per month. */
export async function QualityTables({
  months,
  data,
  teams,
  communities,
  rows,
}: {
  months: string[];
  data: QualityPoint[];
  teams: readonly string[];
  communities: [number, string][];
  rows: { communityId: number; month: string; score: number; maxScore: number }[];
}) {
  const t = await getTranslations("field");
  const pctOf = (id: number, month: string) => {
    const mine = rows.filter((r) => r.communityId === id && r.month === month);
    return qualityPct(
      mine.reduce((s, r) => s + r.score, 0),
      mine.reduce((s, r) => s + r.maxScore, 0),
    );
  };
  return (
    <>
      <Card title={t("quality.byTeam")}>
        <Table head={[t("quality.team"), ...months]}>
          {teams.map((team) => (
            <tr key={team} data-testid={`quality-team-${team}`}>
              <td className="whitespace-nowrap">{t(`team.${team}`)}</td>
              {data.map((p) => (
                <td key={p.month} className="tabular-nums">
                  {cell(p[team] as number | null)}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </Card>
      <Card title={t("quality.byCommunity")}>
        <Table head={[t("quality.community"), ...months]}>
          {communities.map(([id, name]) => (
            <tr key={id} data-testid={`quality-community-${id}`}>
              <td className="whitespace-nowrap" data-user-text>
                {name}
              </td>
              {months.map((month) => (
                <td key={month} className="tabular-nums">
                  {cell(pctOf(id, month))}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
