import { and, eq, inArray, sql } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communities,
  communityManagers,
  memberships,
  supervisorButlers,
  unitButlers,
  units,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Role } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { mustFind, scoped, audit } from "./support";
import type { Actor } from "@/lib/auth/actor";

// ── assignments ──────────────────────────────────────────────────────────────

async function assertHolds(tx: DbOrTx, actor: Actor<number | null>, userId: number, role: Role, field: string) {
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.companyId, actor.companyId), eq(memberships.userId, userId), eq(memberships.role, role)));
  if (!row) throw AppError.field(field, `validation.notA.${role}`);
}

/** Gives a building to a butler (or takes it away with null); its households follow. */
export async function assignBuildingButler(db: Db, actor: Actor, buildingId: number, butlerUserId: number | null) {
  await db.transaction((tx) => assignBuildingButlerTx(tx, actor, buildingId, butlerUserId));
}

/** assignBuildingButler inside the caller's transaction (HR transfers move a butler's buildings with it). */
export async function assignBuildingButlerTx(
  tx: DbOrTx,
  actor: Actor<number | null>,
  buildingId: number,
  butlerUserId: number | null,
) {
  await mustFind(
    tx
      .select({ id: buildings.id })
      .from(buildings)
      .where(scoped(buildings, actor, buildingId)),
  );
  if (butlerUserId !== null) await assertHolds(tx, actor, butlerUserId, "butler", "butlerUserId");
  const [before] = await tx.select().from(buildingButlers).where(eq(buildingButlers.buildingId, buildingId));
  if ((before?.butlerUserId ?? null) === butlerUserId) return;
  await tx.delete(buildingButlers).where(eq(buildingButlers.buildingId, buildingId));
  if (butlerUserId !== null)
    await tx.insert(buildingButlers).values({ companyId: actor.companyId, buildingId, butlerUserId });
  await writeAudit(tx, {
    ...audit(actor, "assignment.building_butler", "building", buildingId),
    before: { butlerUserId: before?.butlerUserId ?? null },
    after: { butlerUserId },
  });
}

/**
 * Gives a range of a building's units (by unit number, inclusive, in the building's
 * order) to a butler, overriding the building's butler; null returns them to it.
 */
export async function assignUnitRangeButler(
  db: Db,
  actor: Actor,
  buildingId: number,
  from: string,
  to: string,
  butlerUserId: number | null,
) {
  return db.transaction(async (tx) => {
    await mustFind(
      tx
        .select({ id: buildings.id })
        .from(buildings)
        .where(scoped(buildings, actor, buildingId)),
    );
    if (butlerUserId !== null) await assertHolds(tx, actor, butlerUserId, "butler", "butlerUserId");
    const all = await tx
      .select({ id: units.id, number: units.number })
      .from(units)
      .where(and(eq(units.companyId, actor.companyId), eq(units.buildingId, buildingId)))
      .orderBy(sql`length(${units.number})`, units.number);
    const start = all.findIndex((u) => u.number === from.toUpperCase());
    const end = all.findIndex((u) => u.number === to.toUpperCase());
    if (start < 0) throw AppError.field("from", "validation.unitUnknown");
    if (end < 0) throw AppError.field("to", "validation.unitUnknown");
    if (end < start) throw AppError.field("to", "validation.rangeReversed");
    const ids = all.slice(start, end + 1).map((u) => u.id);
    await setUnitButlersTx(tx, actor, buildingId, ids, butlerUserId, { from, to });
    return { units: ids.length };
  });
}

/**
 * Sets the butler of the given units of one building (null returns them to the building's
 * butler), audited as a unit-range assignment. The caller has checked the building.
 */
export async function setUnitButlersTx(
  tx: DbOrTx,
  actor: Actor<number | null>,
  buildingId: number,
  ids: number[],
  butlerUserId: number | null,
  range: { from?: string; to?: string } = {},
) {
  if (ids.length === 0) return;
  const mine = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.companyId, actor.companyId), eq(units.buildingId, buildingId), inArray(units.id, ids)));
  if (mine.length !== new Set(ids).size) throw new AppError("not_found");
  if (butlerUserId !== null) await assertHolds(tx, actor, butlerUserId, "butler", "butlerUserId");
  const before = await tx.select().from(unitButlers).where(inArray(unitButlers.unitId, ids));
  await tx.delete(unitButlers).where(inArray(unitButlers.unitId, ids));
  if (butlerUserId !== null)
    await tx.insert(unitButlers).values(ids.map((unitId) => ({ companyId: actor.companyId, unitId, butlerUserId })));
  await writeAudit(tx, {
    ...audit(actor, "assignment.unit_range_butler", "building", buildingId),
    before: { units: before.map((b) => ({ unitId: b.unitId, butlerUserId: b.butlerUserId })) },
    after: { ...range, unitIds: ids, butlerUserId },
  });
}

export async function assignSupervisor(db: Db, actor: Actor, butlerUserId: number, supervisorUserId: number | null) {
  await db.transaction(async (tx) => {
    await assertHolds(tx, actor, butlerUserId, "butler", "butlerUserId");
    if (supervisorUserId !== null) await assertHolds(tx, actor, supervisorUserId, "supervisor", "supervisorUserId");
    const [before] = await tx
      .select()
      .from(supervisorButlers)
      .where(and(eq(supervisorButlers.companyId, actor.companyId), eq(supervisorButlers.butlerUserId, butlerUserId)));
    if ((before?.supervisorUserId ?? null) === supervisorUserId) return;
    await tx
      .delete(supervisorButlers)
      .where(and(eq(supervisorButlers.companyId, actor.companyId), eq(supervisorButlers.butlerUserId, butlerUserId)));
    if (supervisorUserId !== null)
      await tx.insert(supervisorButlers).values({ companyId: actor.companyId, butlerUserId, supervisorUserId });
    await writeAudit(tx, {
      ...audit(actor, "assignment.supervisor", "user", butlerUserId),
      before: { supervisorUserId: before?.supervisorUserId ?? null },
      after: { supervisorUserId },
    });
  });
}

export async function assignCommunityManager(db: Db, actor: Actor, communityId: number, managerUserId: number | null) {
  await db.transaction(async (tx) => {
    await mustFind(
      tx
        .select({ id: communities.id })
        .from(communities)
        .where(scoped(communities, actor, communityId)),
    );
    if (managerUserId !== null) await assertHolds(tx, actor, managerUserId, "project_manager", "managerUserId");
    const [before] = await tx.select().from(communityManagers).where(eq(communityManagers.communityId, communityId));
    if ((before?.managerUserId ?? null) === managerUserId) return;
    await tx.delete(communityManagers).where(eq(communityManagers.communityId, communityId));
    if (managerUserId !== null)
      await tx.insert(communityManagers).values({ companyId: actor.companyId, communityId, managerUserId });
    await writeAudit(tx, {
      ...audit(actor, "assignment.community_manager", "community", communityId),
      before: { managerUserId: before?.managerUserId ?? null },
      after: { managerUserId },
    });
  });
}
