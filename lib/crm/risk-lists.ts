import { and, asc, eq, lte, sql } from "drizzle-orm";
import { buildings, householdPlacements, households, householdScores, units, users } from "@/db/schema";
import { arrearsSubquery } from "@/lib/billing/queries/arrears";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { visibleHouseholds } from "@/lib/registry/view";
import { bandOf } from "./bands";
import { type Band, type CrmRules } from "./config";

/** The sentiment dashboard's per-butler risk lists (§8.6), limited to the households the viewer may see. */

export interface RiskRow {
  butlerUserId: number;
  butlerName: string;
  householdId: number;
  name: string;
  unit: string | null;
  score: number;
  band: Band;
  monthsInArrears: number;
  households: number;
}

/**
 * Each butler's households sorted by risk — lowest score first, then most months in
 * arrears — the first `perButler` of each, with the butler's visible household count.
 */
export async function butlerRiskLists(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  rules: CrmRules,
  asOf: string,
  perButler = 10,
  onlyButlerId?: number,
): Promise<RiskRow[]> {
  // Where each household sits, from the kept table (household_placements), not recomputed per household.
  const p = householdPlacements;
  const ar = arrearsSubquery(db, companyId, asOf);
  const score = sql<number>`coalesce(${householdScores.score}, ${rules.initialScore})`;
  const months = sql<number>`coalesce(${ar.months}, 0)`;
  const ranked = db
    .select({
      butlerUserId: sql<number>`${p.butlerUserId}`.as("r_butler"),
      householdId: sql<number>`${households.id}`.as("r_household"),
      name: sql<string>`${households.name}`.as("r_name"),
      unitId: sql<number | null>`${p.unitId}`.as("r_unit"),
      score: sql<number>`${score}`.as("r_score"),
      months: sql<number>`${months}`.as("r_months"),
      rn: sql<number>`row_number() over (partition by ${p.butlerUserId} order by ${score} asc, ${months} desc, ${households.id} asc)`.as(
        "r_rn",
      ),
      total: sql<number>`count(*) over (partition by ${p.butlerUserId})`.as("r_total"),
    })
    .from(households)
    .innerJoin(p, eq(p.householdId, households.id))
    .leftJoin(householdScores, eq(householdScores.householdId, households.id))
    .leftJoin(ar, eq(ar.householdId, households.id))
    .where(
      and(
        eq(households.companyId, companyId),
        eq(p.companyId, companyId),
        eq(households.active, true),
        sql`${p.butlerUserId} is not null`,
        onlyButlerId ? eq(p.butlerUserId, onlyButlerId) : undefined,
        visibleHouseholds(view, p),
      ),
    )
    .as("ranked");
  const rows = await db
    .select({
      butlerUserId: ranked.butlerUserId,
      butlerName: users.name,
      householdId: ranked.householdId,
      name: ranked.name,
      building: buildings.name,
      unitNumber: units.number,
      score: ranked.score,
      months: ranked.months,
      total: ranked.total,
    })
    .from(ranked)
    .innerJoin(users, eq(users.id, ranked.butlerUserId))
    .leftJoin(units, eq(units.id, ranked.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .where(lte(ranked.rn, perButler))
    .orderBy(asc(users.name), asc(ranked.butlerUserId), asc(ranked.rn));
  return rows.map((r) => ({
    butlerUserId: r.butlerUserId,
    butlerName: r.butlerName,
    householdId: r.householdId,
    name: r.name,
    unit: r.building && r.unitNumber ? `${r.building} ${r.unitNumber}` : null,
    score: Number(r.score),
    band: bandOf(Number(r.score), rules.bandFloors),
    monthsInArrears: Number(r.months),
    households: Number(r.total),
  }));
}
