import { and, count, countDistinct, eq, inArray, sql, isNull, type SQLWrapper } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communities,
  householdUnits,
  householdPlacements,
  households,
  residentLinks,
  unitButlers,
  units,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/** Portfolio head counts for the staff dashboard. */
export async function registryCounts(db: DbOrTx, companyId: number) {
  const [[c], [b], [u], [h], [r]] = await Promise.all([
    db
      .select({ n: count() })
      .from(communities)
      .where(and(eq(communities.companyId, companyId), eq(communities.active, true))),
    db
      .select({ n: count() })
      .from(buildings)
      .where(and(eq(buildings.companyId, companyId), eq(buildings.active, true))),
    db
      .select({ n: count() })
      .from(units)
      .where(and(eq(units.companyId, companyId), eq(units.active, true))),
    db
      .select({ n: count() })
      .from(households)
      .where(and(eq(households.companyId, companyId), eq(households.active, true))),
    db
      .select({ n: countDistinct(residentLinks.userId) })
      .from(residentLinks)
      .where(and(eq(residentLinks.companyId, companyId), eq(residentLinks.status, "approved"))),
  ]);
  return { communities: c.n, buildings: b.n, units: u.n, households: h.n, residents: r.n };
}

/** The hp_ columns both placement subqueries give, from where each value comes. */
function placementColumns(
  from: Record<"householdId" | "unitId" | "buildingId" | "communityId" | "butlerUserId", SQLWrapper>,
) {
  return {
    householdId: sql<number>`${from.householdId}`.as("hp_household_id"),
    unitId: sql<number>`${from.unitId}`.as("hp_unit_id"),
    buildingId: sql<number>`${from.buildingId}`.as("hp_building_id"),
    communityId: sql<number>`${from.communityId}`.as("hp_community_id"),
    butlerUserId: sql<number | null>`${from.butlerUserId}`.as("hp_butler_user_id"),
  };
}

/**
 * Where each household sits, computed from the registry (the definition; columns prefixed hp_ so
 * they never clash with the tables a caller joins): its main unit (its first residential unit,
 * else its first unit), that unit's building and community, and the household's butler —
 * the unit-range butler when the unit has one, else the building's butler. Company-scoped.
 * Reads use householdPlacementSubquery (the kept table); the database view
 * `household_placement_v` and tests/integration/summary-tables.test.ts compare with this.
 */
export function householdButlersSubquery(db: DbOrTx, companyId: number, onlyHouseholdIds?: readonly number[]) {
  const mainUnit = sql<number>`coalesce(
    (select min(hu2.unit_id) from ${householdUnits} hu2 join ${units} u2 on u2.id = hu2.unit_id
      where hu2.household_id = ${householdUnits.householdId} and u2.type = 'residential'),
    (select min(hu3.unit_id) from ${householdUnits} hu3 where hu3.household_id = ${householdUnits.householdId}))`;
  return db
    .select(
      placementColumns({
        householdId: householdUnits.householdId,
        unitId: units.id,
        buildingId: units.buildingId,
        communityId: buildings.communityId,
        butlerUserId: sql`coalesce(${unitButlers.butlerUserId}, ${buildingButlers.butlerUserId})`,
      }),
    )
    .from(householdUnits)
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(unitButlers, eq(unitButlers.unitId, units.id))
    .leftJoin(buildingButlers, eq(buildingButlers.buildingId, units.buildingId))
    .where(
      and(
        eq(householdUnits.companyId, companyId),
        // A caller that needs a few households says so: the planner cannot push an outer filter into this subquery.
        onlyHouseholdIds ? inArray(householdUnits.householdId, [...onlyHouseholdIds]) : undefined,
        eq(householdUnits.unitId, mainUnit),
      ),
    )
    .as("household_placement");
}

/**
 * Where each household sits, read from `household_placements` (kept by triggers in the same
 * statement as every registry change, equal to householdButlersSubquery — summary-tables test):
 * the same hp_ columns. Computing it on read costs two correlated lookups per household of the
 * company (at 50,000 households a butler's orders queue took 30 s); the table is one index read.
 */
export function householdPlacementSubquery(db: DbOrTx, companyId: number, onlyHouseholdIds?: readonly number[]) {
  return db
    .select(placementColumns(householdPlacements))
    .from(householdPlacements)
    .where(
      and(
        eq(householdPlacements.companyId, companyId),
        onlyHouseholdIds ? inArray(householdPlacements.householdId, [...onlyHouseholdIds]) : undefined,
      ),
    )
    .as("household_placement");
}

/** A butler's buildings and household count (a household's butler follows from its main unit). */
export async function butlerSummary(db: DbOrTx, companyId: number, butlerUserId: number) {
  const hb = householdPlacementSubquery(db, companyId);
  const [[b], [h]] = await Promise.all([
    db
      .select({ n: count() })
      .from(buildingButlers)
      .where(and(eq(buildingButlers.companyId, companyId), eq(buildingButlers.butlerUserId, butlerUserId))),
    db
      .select({ n: count() })
      .from(hb)
      .innerJoin(households, and(eq(households.id, hb.householdId), eq(households.active, true)))
      .where(eq(hb.butlerUserId, butlerUserId)),
  ]);
  return { buildings: b.n, households: h.n };
}

/** The butler of each given household (null when none is assigned). */
export async function butlersOfHouseholds(
  db: DbOrTx,
  companyId: number,
  householdIds: number[],
): Promise<Map<number, number | null>> {
  if (householdIds.length === 0) return new Map();
  const hb = householdPlacementSubquery(db, companyId, householdIds);
  const rows = await db.select({ householdId: hb.householdId, butlerUserId: hb.butlerUserId }).from(hb);
  return new Map(rows.map((r) => [r.householdId, r.butlerUserId]));
}

/** The households a resident is linked to (approved links only), with their units. */
export async function residentHouseholds(db: DbOrTx, companyId: number, userId: number) {
  const rows = await db
    .select({
      householdId: households.id,
      householdName: households.name,
      relation: residentLinks.relation,
      unitId: units.id,
      unitNumber: units.number,
      unitType: units.type,
      areaCentiM2: units.areaCentiM2,
      buildingName: buildings.name,
      communityName: communities.name,
    })
    .from(residentLinks)
    .innerJoin(households, and(eq(households.id, residentLinks.householdId), eq(households.companyId, companyId)))
    .leftJoin(householdUnits, and(eq(householdUnits.householdId, households.id), isNull(householdUnits.toDate)))
    .leftJoin(units, eq(units.id, householdUnits.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(communities, eq(communities.id, buildings.communityId))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        eq(residentLinks.status, "approved"),
      ),
    )
    .orderBy(households.id, units.id);
  const byHousehold = new Map<
    number,
    {
      id: number;
      name: string;
      relation: string;
      units: { id: number; label: string; type: string; areaCentiM2: number }[];
    }
  >();
  for (const r of rows) {
    const h = byHousehold.get(r.householdId) ?? {
      id: r.householdId,
      name: r.householdName,
      relation: r.relation,
      units: [],
    };
    if (r.unitId != null)
      h.units.push({
        id: r.unitId,
        label: `${r.communityName ?? ""} ${r.buildingName ?? ""} ${r.unitNumber ?? ""}`.trim(),
        type: r.unitType ?? "residential",
        areaCentiM2: r.areaCentiM2 ?? 0,
      });
    byHousehold.set(r.householdId, h);
  }
  return [...byHousehold.values()];
}
