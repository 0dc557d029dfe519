import { and, count, countDistinct, eq, inArray } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communities,
  householdUnits,
  households,
  residentLinks,
  units,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/** Portfolio head counts for the staff dashboard. */
export async function registryCounts(db: DbOrTx, companyId: number) {
  const [[c], [b], [u], [h], [r]] = await Promise.all([
    db.select({ n: count() }).from(communities).where(and(eq(communities.companyId, companyId), eq(communities.active, true))),
    db.select({ n: count() }).from(buildings).where(and(eq(buildings.companyId, companyId), eq(buildings.active, true))),
    db.select({ n: count() }).from(units).where(and(eq(units.companyId, companyId), eq(units.active, true))),
    db.select({ n: count() }).from(households).where(and(eq(households.companyId, companyId), eq(households.active, true))),
    db
      .select({ n: countDistinct(residentLinks.userId) })
      .from(residentLinks)
      .where(and(eq(residentLinks.companyId, companyId), eq(residentLinks.status, "approved"))),
  ]);
  return { communities: c.n, buildings: b.n, units: u.n, households: h.n, residents: r.n };
}

/** A butler's buildings and household count (households follow from the unit's building). */
export async function butlerSummary(db: DbOrTx, companyId: number, butlerUserId: number) {
  const mine = await db
    .select({ buildingId: buildingButlers.buildingId })
    .from(buildingButlers)
    .where(and(eq(buildingButlers.companyId, companyId), eq(buildingButlers.butlerUserId, butlerUserId)));
  const buildingIds = mine.map((m) => m.buildingId);
  if (buildingIds.length === 0) return { buildings: 0, households: 0 };
  const [row] = await db
    .select({ n: countDistinct(householdUnits.householdId) })
    .from(householdUnits)
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .where(and(eq(householdUnits.companyId, companyId), inArray(units.buildingId, buildingIds)));
  return { buildings: buildingIds.length, households: row.n };
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
    .leftJoin(householdUnits, eq(householdUnits.householdId, households.id))
    .leftJoin(units, eq(units.id, householdUnits.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(communities, eq(communities.id, buildings.communityId))
    .where(and(eq(residentLinks.companyId, companyId), eq(residentLinks.userId, userId), eq(residentLinks.status, "approved")))
    .orderBy(households.id, units.id);
  const byHousehold = new Map<
    number,
    { id: number; name: string; relation: string; units: { id: number; label: string; type: string; areaCentiM2: number }[] }
  >();
  for (const r of rows) {
    const h = byHousehold.get(r.householdId) ?? { id: r.householdId, name: r.householdName, relation: r.relation, units: [] };
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
