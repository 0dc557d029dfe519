import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

type Tally = { done: number; late: number; missed: number };
export type Team = "cleaning" | "security";
const OUTCOMES = ["done", "late", "missed"] as const;
const TONE = { done: "text-emerald-700", late: "text-amber-700", missed: "text-red-700" } as const;

/**
 * One team's figures on the supervisor's board (issue 19 point 2): done, late and missed, today
 * and this week; each figure links to the board listing exactly those rows (`href`).
 */
export async function TeamCounts({
  team,
  counts,
  href,
}: {
  team: Team;
  counts: { today: Tally; week: Tally };
  href: (q: { team: Team; status: (typeof OUTCOMES)[number]; period: "today" | "week" }) => string;
}) {
  const t = await getTranslations("field.board");
  return (
    <Card title={t(`team.${team}`)}>
      <table className="w-full text-sm" data-testid={`team-${team}`}>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col" className="py-1 font-medium">
              <span className="sr-only">{t("period")}</span>
            </th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col" className="py-1 text-right font-medium">
                {t(`outcome.${o}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(["today", "week"] as const).map((period) => (
            <tr key={period} className="border-t border-slate-100">
              <th scope="row" className="py-2 text-left font-medium">
                {t(period)}
              </th>
              {OUTCOMES.map((o) => (
                <td key={o} className="py-2 text-right">
                  <Link
                    href={href({ team, status: o, period })}
                    className={`inline-flex min-h-11 min-w-11 items-center justify-end font-semibold underline-offset-2 hover:underline ${TONE[o]}`}
                    data-testid={`count-${team}-${period}-${o}`}
                  >
                    {counts[period][o]}
                  </Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
