import { and, count, eq, ne } from "drizzle-orm";
import { crmScoreCounts, households } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { bandOf } from "../bands";
import { BANDS, type Band, type CrmRules } from "../config";

/*
 * The company's score histogram (crm_score_counts, kept by triggers on household_scores and
 * households.active: db/migrations/0025_summary_triggers.sql), and the band distribution of
 * every active household read from it — for viewers who see the whole company.
 */

/** Active households per cached score (scores with none left out). */
export async function scoreHistogram(db: DbOrTx, companyId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ score: crmScoreCounts.score, n: crmScoreCounts.households })
    .from(crmScoreCounts)
    .where(and(eq(crmScoreCounts.companyId, companyId), ne(crmScoreCounts.households, 0)));
  return new Map(rows.map((r) => [r.score, r.n]));
}

/** Band counts, total and mean score of the company's active households; those without a cached score are at the initial score. */
export async function companyBandDistribution(db: DbOrTx, companyId: number, rules: CrmRules) {
  const [hist, [active]] = await Promise.all([
    scoreHistogram(db, companyId),
    db
      .select({ n: count() })
      .from(households)
      .where(and(eq(households.companyId, companyId), eq(households.active, true))),
  ]);
  const counts = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  let scored = 0;
  let sum = 0;
  for (const [score, n] of hist) {
    counts[bandOf(score, rules.bandFloors)] += n;
    scored += n;
    sum += score * n;
  }
  const unscored = Number(active?.n ?? 0) - scored;
  if (unscored > 0) {
    counts[bandOf(rules.initialScore, rules.bandFloors)] += unscored;
    sum += rules.initialScore * unscored;
  }
  const total = scored + Math.max(unscored, 0);
  return { counts, total, mean: total ? Math.round((sum / total) * 10) / 10 : null };
}
