import { and, eq, sql } from "drizzle-orm";
import { allocations, billLines, bills, creditEntries, feeItems, households } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db } from "@/lib/db/client";
import { getBillingSettings } from "./pricing";
import { consumeCredit, dueDateOf } from "./rules";
import { localDate } from "@/lib/time/zone";
import type { Actor } from "@/lib/auth/actor";

/**
 * Charges a one-off value-added service (a fee item of kind one_off) to a household: its
 * own bill this month, one line, due on the company's due day (or today if that has passed),
 * paid from credit at once when the household has some. Not a month: it never counts in
 * months in arrears, but payments pay it oldest first like any bill.
 */
export async function chargeOneOff(
  db: Db,
  actor: Actor,
  input: { householdId: number; feeItemId: number; amountFen?: number },
  now = new Date(),
  timeZone = "Asia/Shanghai",
) {
  const { companyId } = actor;
  const settings = await getBillingSettings(db, companyId);
  return db.transaction(async (tx) => {
    const [household] = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.companyId, companyId), eq(households.id, input.householdId)));
    const [item] = await tx
      .select()
      .from(feeItems)
      .where(and(eq(feeItems.companyId, companyId), eq(feeItems.id, input.feeItemId), eq(feeItems.kind, "one_off")));
    if (!household || !item) throw new AppError("not_found");
    if (!item.active) throw AppError.field("feeItemId", "billing.errors.inactiveItem");
    const amountFen = input.amountFen ?? item.priceFen;
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw AppError.field("amount", "billing.errors.amount");
    const today = localDate(now, timeZone);
    const period = today.slice(0, 7);
    const due = dueDateOf(period, settings.dueDay);
    const [bill] = await tx
      .insert(bills)
      .values({
        companyId,
        householdId: household.id,
        period,
        kind: "one_off",
        dueDate: due < today ? today : due,
        linesFen: amountFen,
        createdAt: now,
      })
      .returning();
    await tx.insert(billLines).values({
      companyId,
      billId: bill.id,
      feeItemId: item.id,
      unitId: null,
      quantity: 1,
      priceFen: amountFen,
      amountFen,
    });
    const [credit] = await tx
      .select({ bal: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)` })
      .from(creditEntries)
      .where(and(eq(creditEntries.companyId, companyId), eq(creditEntries.householdId, household.id)));
    const fromCredit = consumeCredit(Number(credit.bal), amountFen);
    if (fromCredit > 0) {
      await tx
        .insert(allocations)
        .values({ companyId, billId: bill.id, paymentId: null, amountFen: fromCredit, createdAt: now });
      await tx.insert(creditEntries).values({
        companyId,
        householdId: household.id,
        kind: "applied",
        amountFen: -fromCredit,
        billId: bill.id,
        createdAt: now,
      });
      await tx.run(sql`update bills set allocated_fen = allocated_fen + ${fromCredit} where id = ${bill.id}`);
    }
    await writeAudit(tx, {
      companyId,
      actorUserId: actor.userId,
      action: "bill.charge",
      entity: "bill",
      entityId: bill.id,
      after: { feeItem: item.name, amountFen },
    });
    return bill;
  });
}
