import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { households, householdUnits, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { isPeriodOverlap } from "./rules";
import type { transferSchema } from "./schemas";
import { localDate } from "@/lib/time/zone";

export interface TransferResult {
  unitId: number;
  fromHouseholdId: number;
  toHouseholdId: number;
  date: string;
}

/**
 * 过户: on `date` the unit's open holding (by `fromHouseholdId`) ends and `toHouseholdId`'s
 * starts, in one transaction, audited. Bills are per household, so what the old holder owes
 * and its credit stay with it; bill runs for days from `date` bill the new holder. The date
 * must fall inside the old holding and not after today. Two transfers of one unit at once:
 * the conditional end (`to_date is null and household = from`) lets one win; the other gets a
 * conflict, and the period trigger and the one-open-link index refuse any overlap regardless.
 */
export async function transferUnit(
  db: Db,
  actor: { companyId: number; userId: number },
  input: z.output<typeof transferSchema>,
): Promise<TransferResult> {
  const { unitId, toHouseholdId, fromHouseholdId, date } = input;
  if (toHouseholdId === fromHouseholdId) throw AppError.field("toHouseholdId", "validation.transferSame");
  try {
    return await db.transaction(async (tx) => {
      const today = localDate(new Date(), await companyTimeZone(tx, actor.companyId));
      if (date > today) throw AppError.field("date", "validation.transferFuture");
      const [target] = await tx
        .select({ id: households.id, active: households.active })
        .from(households)
        .where(and(eq(households.id, toHouseholdId), eq(households.companyId, actor.companyId)));
      if (!target) throw new AppError("not_found");
      if (!target.active) throw AppError.field("toHouseholdId", "validation.transferInactive");
      const [open] = await tx
        .select({ householdId: householdUnits.householdId, fromDate: householdUnits.fromDate })
        .from(householdUnits)
        .where(
          and(
            eq(householdUnits.companyId, actor.companyId),
            eq(householdUnits.unitId, unitId),
            isNull(householdUnits.toDate),
          ),
        );
      if (!open) throw new AppError("not_found");
      if (open.householdId !== fromHouseholdId) throw AppError.field("_form", "validation.transferStale", "conflict");
      if (date <= open.fromDate) throw AppError.field("date", "validation.transferBeforeStart");
      const ended = await tx
        .update(householdUnits)
        .set({ toDate: date })
        .where(
          and(
            eq(householdUnits.unitId, unitId),
            eq(householdUnits.householdId, fromHouseholdId),
            isNull(householdUnits.toDate),
          ),
        );
      if (ended.rowsAffected !== 1) throw AppError.field("_form", "validation.transferStale", "conflict");
      await tx
        .insert(householdUnits)
        .values({ companyId: actor.companyId, householdId: toHouseholdId, unitId, fromDate: date });
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "unit.transfer",
        entity: "unit",
        entityId: unitId,
        before: { householdId: fromHouseholdId, fromDate: open.fromDate },
        after: { householdId: toHouseholdId, fromDate: date },
      });
      return { unitId, fromHouseholdId, toHouseholdId, date };
    });
  } catch (e) {
    if (isPeriodOverlap(e) || isUniqueViolation(e, "household_units"))
      throw AppError.field("_form", "validation.transferStale", "conflict");
    throw e;
  }
}

/** A household of the company by its code; a code of another company is a field error like an unknown one. */
export async function householdIdByCode(db: DbOrTx, companyId: number, code: string): Promise<number> {
  const [row] = await db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.companyId, companyId), eq(households.code, code)));
  if (!row) throw AppError.field("toHouseholdCode", "validation.householdUnknown");
  return row.id;
}

export interface HoldingPeriod {
  unitId: number;
  unitNumber: string;
  householdId: number;
  householdName: string;
  fromDate: string;
  toDate: string | null;
}

/**
 * Every holding period of the units a household holds or held, with the other holders of
 * those units: the unit history shown on the household page. Tenant-scoped.
 */
export async function unitHistoryOfHousehold(
  db: DbOrTx,
  companyId: number,
  householdId: number,
): Promise<HoldingPeriod[]> {
  const mine = db
    .select({ unitId: householdUnits.unitId })
    .from(householdUnits)
    .where(and(eq(householdUnits.companyId, companyId), eq(householdUnits.householdId, householdId)));
  return db
    .select({
      unitId: householdUnits.unitId,
      unitNumber: units.number,
      householdId: householdUnits.householdId,
      householdName: households.name,
      fromDate: householdUnits.fromDate,
      toDate: householdUnits.toDate,
    })
    .from(householdUnits)
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(households, eq(households.id, householdUnits.householdId))
    .where(and(eq(householdUnits.companyId, companyId), inArray(householdUnits.unitId, mine)))
    .orderBy(asc(units.number), asc(householdUnits.fromDate));
}
