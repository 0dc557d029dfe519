import { and, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  buildingButlers,
  buildings,
  communities,
  communityManagers,
  householdContacts,
  householdUnits,
  households,
  memberships,
  supervisorButlers,
  unitButlers,
  units,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Role } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { isPeriodOverlap } from "./rules";
import { newHouseholdCode } from "./codes";
import type { buildingSchema, communitySchema, householdSchema, unitSchema } from "./schemas";
import { localDate } from "@/lib/time/zone";
import type { Actor } from "@/lib/auth/actor";

type Out<S extends z.ZodType> = z.output<S>;

async function mustFind<T>(promise: Promise<T[]>): Promise<T> {
  const [row] = await promise;
  if (!row) throw new AppError("not_found");
  return row;
}

// ── communities ──────────────────────────────────────────────────────────────

export async function createCommunity(db: Db, actor: Actor, input: Out<typeof communitySchema>) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(communities)
        .values({ companyId: actor.companyId, ...input })
        .returning();
      await writeAudit(tx, { ...audit(actor, "community.create", "community", row.id), after: input });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("name", "validation.nameTaken", "conflict");
    throw e;
  }
}

export async function updateCommunity(db: Db, actor: Actor, id: number, input: Out<typeof communitySchema>) {
  try {
    return await db.transaction(async (tx) => {
      const before = await mustFind(
        tx
          .select()
          .from(communities)
          .where(scoped(communities, actor, id)),
      );
      await tx
        .update(communities)
        .set(input)
        .where(scoped(communities, actor, id));
      await writeAudit(tx, {
        ...audit(actor, "community.update", "community", id),
        before: pick(before, input),
        after: input,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("name", "validation.nameTaken", "conflict");
    throw e;
  }
}

// ── buildings ────────────────────────────────────────────────────────────────

export async function createBuilding(db: Db, actor: Actor, input: Out<typeof buildingSchema>) {
  await mustFind(
    db
      .select({ id: communities.id })
      .from(communities)
      .where(scoped(communities, actor, input.communityId)),
  );
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(buildings)
        .values({ companyId: actor.companyId, ...input })
        .returning();
      await writeAudit(tx, { ...audit(actor, "building.create", "building", row.id), after: input });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("code", "validation.buildingCodeTaken", "conflict");
    throw e;
  }
}

export async function updateBuilding(
  db: Db,
  actor: Actor,
  id: number,
  input: Omit<Out<typeof buildingSchema>, "communityId">,
) {
  try {
    await db.transaction(async (tx) => {
      const before = await mustFind(
        tx
          .select()
          .from(buildings)
          .where(scoped(buildings, actor, id)),
      );
      await tx
        .update(buildings)
        .set(input)
        .where(scoped(buildings, actor, id));
      await writeAudit(tx, {
        ...audit(actor, "building.update", "building", id),
        before: pick(before, input),
        after: input,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("code", "validation.buildingCodeTaken", "conflict");
    throw e;
  }
}

// ── units ────────────────────────────────────────────────────────────────────

type UnitInput = Out<typeof unitSchema>;

function unitValues(input: UnitInput) {
  return { number: input.number, floor: input.floor, areaCentiM2: input.area, type: input.type };
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput) {
  await mustFind(
    db
      .select({ id: buildings.id })
      .from(buildings)
      .where(scoped(buildings, actor, input.buildingId)),
  );
  try {
    return await db.transaction(async (tx) => {
      const values = unitValues(input);
      const [row] = await tx
        .insert(units)
        .values({ companyId: actor.companyId, buildingId: input.buildingId, ...values })
        .returning();
      await writeAudit(tx, {
        ...audit(actor, "unit.create", "unit", row.id),
        after: { buildingId: input.buildingId, ...values },
      });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("number", "validation.unitTaken", "conflict");
    throw e;
  }
}

export async function updateUnit(db: Db, actor: Actor, id: number, input: Omit<UnitInput, "buildingId">) {
  try {
    await db.transaction(async (tx) => {
      const before = await mustFind(
        tx
          .select()
          .from(units)
          .where(scoped(units, actor, id)),
      );
      const values = unitValues({ ...input, buildingId: before.buildingId });
      await tx
        .update(units)
        .set(values)
        .where(scoped(units, actor, id));
      await writeAudit(tx, { ...audit(actor, "unit.update", "unit", id), before: pick(before, values), after: values });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("number", "validation.unitTaken", "conflict");
    throw e;
  }
}

// ── activation (deactivate instead of delete) ────────────────────────────────

const ACTIVATABLE = { community: communities, building: buildings, unit: units, household: households } as const;
export type ActivatableEntity = keyof typeof ACTIVATABLE;

/**
 * Deactivates or reactivates a row; history stays attached to it. A deactivated household
 * releases its units (the holdings are removed and kept in the audit entry) so that the
 * next owner can be registered; a unit still held by an active household cannot be deactivated.
 */
export async function setActive(db: Db, actor: Actor, entity: ActivatableEntity, id: number, active: boolean) {
  const table = ACTIVATABLE[entity];
  await db.transaction(async (tx) => {
    const before = await mustFind(
      tx
        .select({ active: table.active })
        .from(table)
        .where(scoped(table, actor, id)),
    );
    if (before.active === active) return;
    let released: number[] = [];
    if (entity === "unit" && !active) {
      const [held] = await tx
        .select({ id: householdUnits.householdId })
        .from(householdUnits)
        .where(and(eq(householdUnits.unitId, id), isNull(householdUnits.toDate)));
      if (held) throw AppError.field("_form", "validation.unitStillHeld", "conflict");
    }
    if (entity === "household" && !active) {
      const today = localDate(new Date(), await companyTimeZone(tx, actor.companyId));
      released = await endHoldings(tx, actor, id, null, today);
    }
    await tx
      .update(table)
      .set({ active })
      .where(scoped(table, actor, id));
    await writeAudit(tx, {
      ...audit(actor, `${entity}.${active ? "activate" : "deactivate"}`, entity, id),
      before: { active: before.active, ...(released.length ? { unitIds: released } : {}) },
      after: { active },
    });
  });
}

// ── households ───────────────────────────────────────────────────────────────

type HouseholdInput = Out<typeof householdSchema>;

/** The units must belong to the company and be free (or already held by this household). */
async function checkUnits(tx: DbOrTx, actor: Actor, unitIds: number[], householdId: number | null) {
  const rows = await tx
    .select({ id: units.id, active: units.active, holder: householdUnits.householdId })
    .from(units)
    .leftJoin(householdUnits, and(eq(householdUnits.unitId, units.id), isNull(householdUnits.toDate)))
    .where(and(eq(units.companyId, actor.companyId), inArray(units.id, unitIds)));
  if (rows.length !== new Set(unitIds).size || rows.some((r) => !r.active))
    throw AppError.field("unitIds", "validation.unitUnknown");
  if (rows.some((r) => r.holder !== null && r.holder !== householdId))
    throw AppError.field("unitIds", "validation.unitHeld", "conflict");
}

function contactRows(actor: Actor, householdId: number, contacts: HouseholdInput["contacts"]) {
  return contacts.map((c, i) => ({
    companyId: actor.companyId,
    householdId,
    name: c.name,
    phone: c.phone,
    email: c.email ?? null,
    isPrimary: i === 0,
  }));
}

export async function createHousehold(db: Db, actor: Actor, input: HouseholdInput) {
  const unitIds = [...new Set(input.unitIds)];
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        await checkUnits(tx, actor, unitIds, null);
        const [row] = await tx
          .insert(households)
          .values({ companyId: actor.companyId, name: input.name, kind: input.kind, code: newHouseholdCode() })
          .returning();
        const fromDate = input.fromDate ?? localDate(new Date(), await companyTimeZone(tx, actor.companyId));
        await tx
          .insert(householdUnits)
          .values(unitIds.map((unitId) => ({ companyId: actor.companyId, householdId: row.id, unitId, fromDate })));
        await tx.insert(householdContacts).values(contactRows(actor, row.id, input.contacts));
        await writeAudit(tx, {
          ...audit(actor, "household.create", "household", row.id),
          after: { ...input, unitIds, fromDate, code: row.code },
        });
        return row;
      });
    } catch (e) {
      // A code collision (1 in ~10¹¹) gets a fresh code; a unit taken meanwhile is a field error.
      if (isUniqueViolation(e, "households.code") && attempt < 3) continue;
      if (isUniqueViolation(e, "household_units") || isPeriodOverlap(e))
        throw AppError.field("unitIds", "validation.unitHeld", "conflict");
      throw e;
    }
  }
}

export async function updateHousehold(db: Db, actor: Actor, id: number, input: HouseholdInput) {
  const unitIds = [...new Set(input.unitIds)];
  try {
    await db.transaction(async (tx) => {
      const before = await mustFind(
        tx
          .select()
          .from(households)
          .where(scoped(households, actor, id)),
      );
      if (!before.active) throw new AppError("conflict", "errors.inactive");
      await checkUnits(tx, actor, unitIds, id);
      const [oldUnits, oldContacts] = await Promise.all([
        tx
          .select({ unitId: householdUnits.unitId })
          .from(householdUnits)
          .where(and(eq(householdUnits.householdId, id), isNull(householdUnits.toDate))),
        tx
          .select()
          .from(householdContacts)
          .where(and(eq(householdContacts.companyId, actor.companyId), eq(householdContacts.householdId, id))),
      ]);
      await tx
        .update(households)
        .set({ name: input.name, kind: input.kind })
        .where(scoped(households, actor, id));
      const today = localDate(new Date(), await companyTimeZone(tx, actor.companyId));
      const kept = new Set(oldUnits.map((u) => u.unitId));
      await endHoldings(
        tx,
        actor,
        id,
        oldUnits.map((u) => u.unitId).filter((u) => !unitIds.includes(u)),
        today,
      );
      const added = unitIds.filter((u) => !kept.has(u));
      const fromDate = input.fromDate ?? today;
      if (added.length)
        await tx
          .insert(householdUnits)
          .values(added.map((unitId) => ({ companyId: actor.companyId, householdId: id, unitId, fromDate })));
      await tx.delete(householdContacts).where(eq(householdContacts.householdId, id));
      await tx.insert(householdContacts).values(contactRows(actor, id, input.contacts));
      await writeAudit(tx, {
        ...audit(actor, "household.update", "household", id),
        before: {
          name: before.name,
          kind: before.kind,
          unitIds: oldUnits.map((u) => u.unitId),
          contacts: oldContacts.map((c) => ({ name: c.name, phone: c.phone, email: c.email })),
        },
        after: { ...input, unitIds },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e, "household_units") || isPeriodOverlap(e))
      throw AppError.field("unitIds", "validation.unitHeld", "conflict");
    throw e;
  }
}

/**
 * Ends a household's open holdings (all of them, or the given units) on `today`: the period
 * stays as history; a holding that had not started yet (from today or later) never was, and
 * is removed. Returns the units released.
 */
async function endHoldings(
  tx: DbOrTx,
  actor: Actor<number | null>,
  householdId: number,
  unitIds: number[] | null,
  today: string,
) {
  if (unitIds?.length === 0) return [];
  const mine = and(
    eq(householdUnits.companyId, actor.companyId),
    eq(householdUnits.householdId, householdId),
    isNull(householdUnits.toDate),
    unitIds ? inArray(householdUnits.unitId, unitIds) : undefined,
  );
  const open = await tx.select({ unitId: householdUnits.unitId }).from(householdUnits).where(mine);
  await tx.delete(householdUnits).where(and(mine, gte(householdUnits.fromDate, today)));
  await tx
    .update(householdUnits)
    .set({ toDate: today })
    .where(and(mine, lt(householdUnits.fromDate, today)));
  return open.map((h) => h.unitId);
}

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

// ── helpers ──────────────────────────────────────────────────────────────────

type Scoped = typeof communities | typeof buildings | typeof units | typeof households;

/** id = ? AND company_id = ?: a row of another company is simply not found. */
function scoped(table: Scoped, actor: Actor<number | null>, id: number) {
  return and(eq(table.id, id), eq(table.companyId, actor.companyId));
}

function audit(actor: Actor<number | null>, action: string, entity: string, entityId: number) {
  return { companyId: actor.companyId, actorUserId: actor.userId, action, entity, entityId };
}

/** The `before` values of exactly the fields being changed. */
function pick(before: Record<string, unknown>, changed: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changed).map((k) => [k, before[k]]));
}
