import { and, eq, sql } from "drizzle-orm";
import { contractCustomers, unitBillingPeriods, units } from "@/db/schema";
import type { UNIT_PERIOD_KINDS } from "@/db/schema/billing";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { OPEN_END } from "./proration";
import type { Actor } from "@/lib/auth/actor";

export interface UnitPeriodInput {
  unitId: number;
  kind: (typeof UNIT_PERIOD_KINDS)[number];
  fromDate: string;
  /** First day no longer in the period; null = open-ended. */
  toDate: string | null;
  /** kind developer: the contract customer (the developer) billed instead of the holder. */
  customerId?: number | null;
}

/**
 * Marks a unit vacant (空置, per-area items at the vacancy rate), fee-free, or developer-paid
 * (开发商承担: billed to a contract customer, the developer) for [fromDate, toDate). Periods of one unit never overlap: checked inside the write transaction (SQLite
 * serializes writers, so two overlapping requests cannot both pass). Audited; append-only.
 */
export async function addUnitPeriod(db: Db, actor: Actor, input: UnitPeriodInput) {
  if (input.toDate !== null && input.toDate <= input.fromDate)
    throw AppError.field("toDate", "billing.errors.periodReversed");
  const customerId = input.kind === "developer" ? (input.customerId ?? null) : null;
  if (input.kind === "developer" && !customerId) throw AppError.field("customerId", "validation.required");
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.companyId, actor.companyId), eq(units.id, input.unitId)));
    if (!unit) throw new AppError("not_found");
    if (customerId) {
      const [customer] = await tx
        .select({ id: contractCustomers.id })
        .from(contractCustomers)
        .where(and(eq(contractCustomers.companyId, actor.companyId), eq(contractCustomers.id, customerId)));
      if (!customer) throw AppError.field("customerId", "validation.required");
    }
    const [clash] = await tx
      .select({ id: unitBillingPeriods.id })
      .from(unitBillingPeriods)
      .where(
        and(
          eq(unitBillingPeriods.unitId, input.unitId),
          sql`${unitBillingPeriods.fromDate} < ${input.toDate ?? OPEN_END} and ${input.fromDate} < coalesce(${unitBillingPeriods.toDate}, ${OPEN_END})`,
        ),
      );
    if (clash) throw AppError.field("fromDate", "billing.errors.unitPeriodOverlap", "conflict");
    const [row] = await tx
      .insert(unitBillingPeriods)
      .values({
        companyId: actor.companyId,
        unitId: input.unitId,
        kind: input.kind,
        fromDate: input.fromDate,
        toDate: input.toDate,
        customerId,
        actorUserId: actor.userId,
      })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "unit_period.create",
      entity: "unit",
      entityId: input.unitId,
      after: { ...input, customerId },
    });
    return row;
  });
}

/** A unit's special periods (tenant-scoped), oldest first. */
export async function unitPeriods(db: DbOrTx, companyId: number, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .select()
    .from(unitBillingPeriods)
    .where(
      and(
        eq(unitBillingPeriods.companyId, companyId),
        sql`${unitBillingPeriods.unitId} in (${sql.join(
          unitIds.map((u) => sql`${u}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(unitBillingPeriods.unitId, unitBillingPeriods.fromDate);
}
