import { and, eq, isNull } from "drizzle-orm";
import { buildings, communities, householdUnits, households, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { localDate } from "@/lib/time/zone";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { endHoldings } from "./households";
import { audit, mustFind, pick, scoped, type Out } from "./support";
import type { Actor } from "@/lib/auth/actor";
import type { buildingSchema, communitySchema, unitSchema } from "../schemas";

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
