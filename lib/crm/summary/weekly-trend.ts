import { and, count, eq, sql } from "drizzle-orm";
import { crmScoreMoves, households } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { bandOf } from "../bands";
import { BANDS, type Band, type CrmRules } from "../config";
import { ENTRY_ALIAS_E } from "../sql";

/*
 * The dashboard's weekly trend for company-wide viewers, from the score timeline
 * (crm_score_moves, lib/crm/summary/score-moves.ts) instead of a ledger lookup per household and
 * week: the moves up to each week end give every household's score that day; the few inactive
 * households are taken out by a lookup of their own; households with no entry by then count at
 * the initial score.
 */

export interface TrendWeek extends Record<Band, number> {
  weekEnd: string;
  households: number;
  mean: number | null;
}

const weeksOf = (ends: readonly string[]) =>
  sql.join(
    ends.map((d) => sql`(${d})`),
    sql`, `,
  );

export async function companyWeeklyTrend(
  db: DbOrTx,
  companyId: number,
  rules: CrmRules,
  ends: readonly string[],
): Promise<TrendWeek[]> {
  // One pass over the timeline: each move lands in the first week end on or after its day; the
  // running sum over the week ends then gives each week end's histogram.
  const bucket = sql.join(
    ends.map((d) => sql`when m.day <= ${d} then ${d}`),
    sql` `,
  );
  const [moves, inactive, [active]] = await Promise.all([
    db.all<{ d: string; score: number; n: number }>(sql`
      select case ${bucket} end as d, m.score as score, sum(m.households) as n
      from ${crmScoreMoves} m where m.company_id = ${companyId} and m.day <= ${ends[ends.length - 1]}
      group by 1, 2`),
    db.all<{ d: string; s: number | null }>(sql`
      with weeks(d) as (values ${weeksOf(ends)})
      select w.d as d, (select e.score_after from ${ENTRY_ALIAS_E}
        where e.company_id = ${companyId} and e.household_id = v.id and e.occurred_on <= w.d
        order by e.occurred_on desc, e.id desc limit 1) as s
      from weeks w cross join (select id from ${households} where company_id = ${companyId} and active = 0) v`),
    db
      .select({ n: count() })
      .from(households)
      .where(and(eq(households.companyId, companyId), eq(households.active, true))),
  ]);
  const hist = new Map(ends.map((d) => [d, new Map<number, number>()]));
  for (const m of moves) {
    const h = hist.get(m.d)!;
    h.set(Number(m.score), (h.get(Number(m.score)) ?? 0) + Number(m.n));
  }
  ends.forEach((d, i) => {
    if (i === 0) return;
    const h = hist.get(d)!;
    for (const [score, n] of hist.get(ends[i - 1])!) h.set(score, (h.get(score) ?? 0) + n);
  });
  for (const r of inactive) {
    if (r.s === null) continue;
    const h = hist.get(r.d)!;
    h.set(Number(r.s), (h.get(Number(r.s)) ?? 0) - 1);
  }
  const activeN = Number(active?.n ?? 0);
  return ends.map((d) => {
    const counts = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
    let scored = 0;
    let sum = 0;
    for (const [score, n] of hist.get(d)!) {
      counts[bandOf(score, rules.bandFloors)] += n;
      scored += n;
      sum += score * n;
    }
    const unscored = activeN - scored;
    counts[bandOf(rules.initialScore, rules.bandFloors)] += unscored;
    sum += rules.initialScore * unscored;
    return { weekEnd: d, households: activeN, mean: activeN ? Math.round((sum / activeN) * 10) / 10 : null, ...counts };
  });
}
