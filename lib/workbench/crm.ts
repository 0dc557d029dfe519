import "server-only";
import { and, asc, count, eq, lt } from "drizzle-orm";
import { households, householdScores } from "@/db/schema";
import { movedThisWeek } from "@/lib/crm/dashboard";
import { BANDS, type CrmRules } from "@/lib/crm/config";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { visibleHouseholds } from "@/lib/registry/view";

/**
 * The workbench's sentiment figures, read from the existing tables (household_scores = the
 * current score; sentiment entries for this week's moves). Kept in this one file so the summary
 * tables being added can replace these reads without touching the pages.
 */

/**
 * Households in the view whose current score is in the poor or critical band: how many, and the lowest few.
 * The read starts from the score index (the company's few households under the floor) by a
 * CROSS JOIN, which SQLite keeps in that order: left to itself it walked every active household
 * and looked its score up (50,000 lookups at the bench's size instead of ~1,400; a butler's view
 * then keeps those in its placements).
 */
export async function atRiskHouseholds(db: DbOrTx, companyId: number, view: RegistryView, rules: CrmRules, limit = 5) {
  const p = householdPlacementSubquery(db, companyId);
  const where = and(
    eq(householdScores.companyId, companyId),
    lt(householdScores.score, rules.bandFloors.fair),
    eq(households.companyId, companyId),
    eq(households.active, true),
    eq(households.id, householdScores.householdId),
    eq(p.householdId, households.id),
    visibleHouseholds(view, p),
  );
  const [[total], lowest] = await Promise.all([
    db.select({ n: count() }).from(householdScores).crossJoin(households).crossJoin(p).where(where),
    db
      .select({ id: households.id, name: households.name, score: householdScores.score })
      .from(householdScores)
      .crossJoin(households)
      .crossJoin(p)
      .where(where)
      .orderBy(asc(householdScores.score), asc(households.id))
      .limit(limit),
  ]);
  return { total: total?.n ?? 0, lowest };
}

/** Households in the view that fell at least one band this week (Monday … today), worst fall first. */
export async function fellABandThisWeek(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  rules: CrmRules,
  today: string,
) {
  const rank = (b: string) => BANDS.indexOf(b as (typeof BANDS)[number]);
  const moves = await movedThisWeek(db, companyId, view, rules, today);
  return moves
    .filter((m) => rank(m.to) > rank(m.from))
    .sort((a, b) => rank(b.to) - rank(b.from) - (rank(a.to) - rank(a.from)) || a.score - b.score)
    .map((m) => ({ householdId: m.householdId, name: m.name, from: m.from, to: m.to, score: m.score }));
}
