import { and, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import { householdContacts, householdUnits, households, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { localDate } from "@/lib/time/zone";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { isPeriodOverlap } from "../rules";
import { newHouseholdCode } from "../codes";
import type { householdSchema } from "../schemas";
import { type Out, mustFind, scoped, audit } from "./support";
import type { Actor } from "@/lib/auth/actor";

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
export async function endHoldings(
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
