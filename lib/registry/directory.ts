import { and, asc, count, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communities,
  communityManagers,
  households,
  householdUnits,
  memberships,
  supervisorButlers,
  unitButlers,
  units,
  users,
} from "@/db/schema";
import { householdPlacementSubquery } from "./queries";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Communities for a picker (id, name, active; active first, then by name): no counts. The registry's
 * dropdowns read them through listCommunities, which counted every unit and household of the
 * company on each page view (three grouped reads over 50,000 rows at the bench's size).
 */
export async function listCommunityOptions(db: DbOrTx, companyId: number, only: number[] | "all" = "all") {
  const scope = only === "all" ? undefined : inArray(communities.id, only.length ? only : [-1]);
  return db
    .select({ id: communities.id, name: communities.name, active: communities.active })
    .from(communities)
    .where(and(eq(communities.companyId, companyId), scope))
    .orderBy(sql`${communities.active} desc`, asc(communities.name));
}

/** Communities with their building, unit and household counts (one grouped query each, no N+1). */
export async function listCommunities(db: DbOrTx, companyId: number, only: number[] | "all" = "all") {
  const scope = only === "all" ? undefined : inArray(communities.id, only.length ? only : [-1]);
  const rows = await db
    .select({
      id: communities.id,
      name: communities.name,
      address: communities.address,
      active: communities.active,
      managerId: communityManagers.managerUserId,
      managerName: users.name,
    })
    .from(communities)
    .leftJoin(communityManagers, eq(communityManagers.communityId, communities.id))
    .leftJoin(users, eq(users.id, communityManagers.managerUserId))
    .where(and(eq(communities.companyId, companyId), scope))
    .orderBy(sql`${communities.active} desc`, asc(communities.name));
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [b, u, h] = await Promise.all([
    db
      .select({ id: buildings.communityId, n: count() })
      .from(buildings)
      .where(and(eq(buildings.companyId, companyId), eq(buildings.active, true), inArray(buildings.communityId, ids)))
      .groupBy(buildings.communityId),
    db
      .select({ id: buildings.communityId, n: count() })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(and(eq(units.companyId, companyId), eq(units.active, true), inArray(buildings.communityId, ids)))
      .groupBy(buildings.communityId),
    db
      .select({ id: buildings.communityId, n: sql<number>`count(distinct ${householdUnits.householdId})` })
      .from(householdUnits)
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(
        and(
          eq(householdUnits.companyId, companyId),
          isNull(householdUnits.toDate),
          inArray(buildings.communityId, ids),
        ),
      )
      .groupBy(buildings.communityId),
  ]);
  const map = (list: { id: number; n: number }[]) => new Map(list.map((r) => [r.id, r.n]));
  const [bm, um, hm] = [map(b), map(u), map(h)];
  return rows.map((r) => ({
    ...r,
    buildings: bm.get(r.id) ?? 0,
    units: um.get(r.id) ?? 0,
    households: hm.get(r.id) ?? 0,
  }));
}

export async function getCommunity(db: DbOrTx, companyId: number, id: number) {
  const [row] = await db
    .select()
    .from(communities)
    .where(and(eq(communities.companyId, companyId), eq(communities.id, id)));
  return row ?? null;
}

/** A community's buildings with butler, unit and household counts (`scope`: lib/registry/browse.ts). */
export async function listBuildings(db: DbOrTx, companyId: number, communityId: number, scope?: SQL) {
  const rows = await db
    .select({
      id: buildings.id,
      code: buildings.code,
      name: buildings.name,
      floors: buildings.floors,
      active: buildings.active,
      butlerId: buildingButlers.butlerUserId,
      butlerName: users.name,
    })
    .from(buildings)
    .leftJoin(buildingButlers, eq(buildingButlers.buildingId, buildings.id))
    .leftJoin(users, eq(users.id, buildingButlers.butlerUserId))
    .where(and(eq(buildings.companyId, companyId), eq(buildings.communityId, communityId), scope))
    .orderBy(sql`${buildings.active} desc`, sql`length(${buildings.code})`, asc(buildings.code));
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const stats = await db
    .select({
      id: units.buildingId,
      units: count(),
      held: sql<number>`count(${householdUnits.unitId})`,
    })
    .from(units)
    .leftJoin(householdUnits, and(eq(householdUnits.unitId, units.id), isNull(householdUnits.toDate)))
    .where(and(eq(units.companyId, companyId), eq(units.active, true), inArray(units.buildingId, ids)))
    .groupBy(units.buildingId);
  const byId = new Map(stats.map((s) => [s.id, s]));
  return rows.map((r) => ({ ...r, units: byId.get(r.id)?.units ?? 0, heldUnits: byId.get(r.id)?.held ?? 0 }));
}

export async function getBuilding(db: DbOrTx, companyId: number, id: number, scope?: SQL) {
  const [row] = await db
    .select({
      id: buildings.id,
      communityId: buildings.communityId,
      communityName: communities.name,
      code: buildings.code,
      name: buildings.name,
      floors: buildings.floors,
      active: buildings.active,
      butlerId: buildingButlers.butlerUserId,
    })
    .from(buildings)
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .leftJoin(buildingButlers, eq(buildingButlers.buildingId, buildings.id))
    .where(and(eq(buildings.companyId, companyId), eq(buildings.id, id), scope));
  return row ?? null;
}

/** A building's units with their holder and the unit-range butler, if any. */
export async function listUnits(db: DbOrTx, companyId: number, buildingId: number) {
  return db
    .select({
      id: units.id,
      number: units.number,
      floor: units.floor,
      areaCentiM2: units.areaCentiM2,
      type: units.type,
      active: units.active,
      householdId: householdUnits.householdId,
      rangeButlerId: unitButlers.butlerUserId,
      rangeButlerName: users.name,
    })
    .from(units)
    .leftJoin(householdUnits, and(eq(householdUnits.unitId, units.id), isNull(householdUnits.toDate)))
    .leftJoin(unitButlers, eq(unitButlers.unitId, units.id))
    .leftJoin(users, eq(users.id, unitButlers.butlerUserId))
    .where(and(eq(units.companyId, companyId), eq(units.buildingId, buildingId)))
    .orderBy(sql`${units.active} desc`, sql`length(${units.number})`, asc(units.number));
}

/**
 * Every butler with their household and building counts and supervisor, in two grouped
 * queries (households follow from their main unit, so unit-range butlers count too).
 */
export async function listButlerLoads(db: DbOrTx, companyId: number) {
  const placement = householdPlacementSubquery(db, companyId);
  const peopleQuery = db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      supervisorId: supervisorButlers.supervisorUserId,
      supervisorName: sql<
        string | null
      >`(select s.name from ${users} s where s.id = ${supervisorButlers.supervisorUserId})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      supervisorButlers,
      and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.butlerUserId, users.id)),
    )
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "butler")))
    .orderBy(asc(users.name));
  const loadsQuery = db
    .select({ butlerId: placement.butlerUserId, n: count() })
    .from(placement)
    .innerJoin(households, and(eq(households.id, placement.householdId), eq(households.active, true)))
    .groupBy(sql`${placement.butlerUserId}`);
  const buildingsQuery = db
    .select({ butlerId: buildingButlers.butlerUserId, n: count() })
    .from(buildingButlers)
    .where(eq(buildingButlers.companyId, companyId))
    .groupBy(buildingButlers.butlerUserId);
  const [people, loads, buildingCounts] = await Promise.all([peopleQuery, loadsQuery, buildingsQuery]);
  const loadBy = new Map(loads.map((l) => [l.butlerId, l.n]));
  const buildingsBy = new Map(buildingCounts.map((b) => [b.butlerId, b.n]));
  return {
    butlers: people.map((p) => ({ ...p, households: loadBy.get(p.id) ?? 0, buildings: buildingsBy.get(p.id) ?? 0 })),
    unassignedHouseholds: loadBy.get(null) ?? 0,
  };
}
