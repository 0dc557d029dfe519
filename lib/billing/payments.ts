import { and, eq, inArray, sql } from "drizzle-orm";
import { allocations, bills, creditEntries, households, payments, PAYMENT_METHODS } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { awardGoldForPaymentTx } from "@/lib/crm/gold";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { allocate, localDate, MAX_PAYMENT_FEN, receiptNumber } from "./rules";
import { enqueuePaymentReceipt } from "@/lib/portal/outbox/hooks";

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface PaymentInput {
  companyId: number;
  householdId: number;
  amountFen: number;
  method: PaymentMethod;
  /** Unique per company: the same key twice records one payment. */
  idempotencyKey: string;
  actorUserId: number | null;
  provider?: string | null;
  providerRef?: string | null;
  note?: string | null;
  /** Bills to pay first (they must be the household's and not voided). */
  billIds?: number[];
  timeZone?: string;
  now?: Date;
}

export type Payment = typeof payments.$inferSelect;

/**
 * The company's next receipt number for the payment's local year ("2026-000123"). Call inside
 * the payment's transaction: the counter moves only if the payment commits, so numbers have no
 * gaps. Household and contract payments share the sequence.
 */
export async function nextReceiptNo(tx: DbOrTx, companyId: number, now: Date, timeZone = "Asia/Shanghai"): Promise<string> {
  const year = Number(localDate(now, timeZone).slice(0, 4));
  const [counter] = await tx.all<{ last: number }>(sql`
    insert into receipt_counters (company_id, year, last) values (${companyId}, ${year}, 1)
    on conflict (company_id, year) do update set last = last + 1
    returning last`);
  return receiptNumber(year, counter.last);
}

/**
 * The payment already recorded under the key, if any. The same key with another household,
 * amount or method is not a retry but a different payment: refused as a conflict.
 */
async function findByKey(db: DbOrTx, input: PaymentInput) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.companyId, input.companyId), eq(payments.idempotencyKey, input.idempotencyKey)));
  if (row && (row.householdId !== input.householdId || row.amountFen !== input.amountFen || row.method !== input.method))
    throw new AppError("conflict", "errors.conflict", { _form: ["billing.errors.idempotencyMismatch"] });
  return row;
}

/**
 * Records one payment in one transaction: the next receipt number of the company and year
 * (gapless — the counter moves only if the payment commits), allocations to the chosen
 * bills and then the oldest open bills, the rest as credit. A repeated idempotency key
 * returns the first payment and writes nothing. An allocation that would take a bill past
 * its amount is refused by the conditional update (and the table's check), so two cashiers
 * paying the same bill at once can never over-allocate: the later one becomes credit.
 */
export async function recordPayment(db: Db, input: PaymentInput): Promise<{ payment: Payment; created: boolean }> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw AppError.field("amount", "billing.errors.amount");
  if (input.amountFen > MAX_PAYMENT_FEN) throw AppError.field("amount", "billing.errors.amountTooLarge");
  if (!input.idempotencyKey) throw new AppError("validation");
  const { companyId } = input;
  const earlier = await findByKey(db, input);
  if (earlier) return { payment: earlier, created: false };
  const now = input.now ?? new Date();
  try {
    const payment = await db.transaction(async (tx) => {
      const again = await findByKey(tx, input);
      if (again) return { payment: again, created: false };
      const [household] = await tx
        .select({ id: households.id })
        .from(households)
        .where(and(eq(households.companyId, companyId), eq(households.id, input.householdId)));
      if (!household) throw new AppError("not_found");
      const chosen = [...new Set(input.billIds ?? [])];
      if (chosen.length) {
        const rows = await tx
          .select({ id: bills.id, voided: bills.voided })
          .from(bills)
          .where(and(eq(bills.companyId, companyId), eq(bills.householdId, input.householdId), inArray(bills.id, chosen)));
        if (rows.length !== chosen.length) throw new AppError("not_found");
        if (rows.some((r) => r.voided)) throw AppError.field("billIds", "billing.errors.billVoided");
      }
      const receiptNo = await nextReceiptNo(tx, companyId, now, input.timeZone);
      const [payment] = await tx
        .insert(payments)
        .values({
          companyId,
          householdId: input.householdId,
          method: input.method,
          amountFen: input.amountFen,
          receiptNo,
          idempotencyKey: input.idempotencyKey,
          provider: input.provider ?? null,
          providerRef: input.providerRef ?? null,
          actorUserId: input.actorUserId,
          note: input.note ?? null,
          receivedAt: now,
        })
        .returning();
      const open = await tx
        .select({ id: bills.id, period: bills.period, outstandingFen: sql<number>`${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen}` })
        .from(bills)
        .where(
          and(
            eq(bills.companyId, companyId),
            eq(bills.householdId, input.householdId),
            sql`${bills.voided} = 0 and ${bills.allocatedFen} < ${bills.linesFen} + ${bills.adjustmentFen}`,
          ),
        );
      const plan = allocate(input.amountFen, open, chosen);
      for (const a of plan.allocations) {
        const res = await tx.run(sql`update bills set allocated_fen = allocated_fen + ${a.amountFen}
          where id = ${a.billId} and voided = 0 and allocated_fen + ${a.amountFen} <= lines_fen + adjustment_fen`);
        if (res.rowsAffected !== 1) throw new AppError("conflict");
      }
      if (plan.allocations.length)
        await tx.insert(allocations).values(plan.allocations.map((a) => ({ companyId, billId: a.billId, paymentId: payment.id, amountFen: a.amountFen, createdAt: now })));
      if (plan.creditFen > 0)
        await tx.insert(creditEntries).values({ companyId, householdId: input.householdId, kind: "payment", amountFen: plan.creditFen, paymentId: payment.id, createdAt: now });
      // §8.4: a payment that brings the household 12+ months ahead awards the gold badge, in this transaction.
      await awardGoldForPaymentTx(tx, companyId, input.householdId, payment.id, now);
      await writeAudit(tx, {
        companyId,
        actorUserId: input.actorUserId,
        action: "payment.record",
        entity: "payment",
        entityId: payment.id,
        after: { receiptNo: payment.receiptNo, amountFen: payment.amountFen, method: payment.method, householdId: payment.householdId },
      });
      await enqueuePaymentReceipt(tx, { companyId, paymentId: payment.id, householdId: payment.householdId, receiptNo: payment.receiptNo, amountFen: payment.amountFen }, now);
      return { payment, created: true };
    });
    return payment;
  } catch (e) {
    // Another process recorded the same key between our check and our insert.
    if (isUniqueViolation(e)) {
      const winner = await findByKey(db, input);
      if (winner) return { payment: winner, created: false };
    }
    throw e;
  }
}
