import { and, eq, inArray, sql } from "drizzle-orm";
import { allocations, bills, creditEntries, households, payments, PAYMENT_METHODS } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { allocate, MAX_PAYMENT_FEN, receiptNumber } from "./rules";
import { enqueuePaymentReceipt } from "@/lib/outbox/hooks";
import { localDate } from "@/lib/time/zone";

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
export async function nextReceiptNo(
  tx: DbOrTx,
  companyId: number,
  now: Date,
  timeZone = "Asia/Shanghai",
): Promise<string> {
  const year = Number(localDate(now, timeZone).slice(0, 4));
  const [counter] = await tx.all<{ last: number }>(sql`
    insert into receipt_counters (company_id, year, last) values (${companyId}, ${year}, 1)
    on conflict (company_id, year) do update set last = last + 1
    returning last`);
  return receiptNumber(year, counter.last);
}

/**
 * The same idempotency key with another household, amount or method is not a retry but a
 * different payment: refused as a conflict.
 */
function assertSameRequest(row: Payment, input: PaymentInput) {
  if (row.householdId !== input.householdId || row.amountFen !== input.amountFen || row.method !== input.method)
    throw new AppError("conflict", "errors.conflict", { _form: ["billing.errors.idempotencyMismatch"] });
}

/** The company's payment with this idempotency key, if any. */
export async function findPaymentByKey(db: DbOrTx, companyId: number, key: string) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.companyId, companyId), eq(payments.idempotencyKey, key)));
  return row;
}

/**
 * What else must commit with a payment, inside its transaction (lib/flows/record-payment.ts:
 * the gold badge, a checkout's status). `created` is false for a repeated idempotency key —
 * the effect may then repair what an earlier delivery left (it must be idempotent).
 */
export type PaymentEffect = (tx: DbOrTx, payment: Payment, created: boolean) => Promise<void>;

/**
 * Records one payment in one transaction: the next receipt number of the company and year
 * (gapless — the counter moves only if the payment commits), allocations to the chosen
 * bills and then the oldest open bills, the rest as credit, the audit entry, the receipt
 * e-mail in the outbox, and `effect`. A repeated idempotency key returns the first payment
 * and writes nothing but the effect's repairs. An allocation that would take a bill past
 * its amount is refused by the conditional update (and the table's check), so two cashiers
 * paying the same bill at once can never over-allocate: the later one becomes credit.
 * Call it through lib/flows/record-payment.ts, which adds the cross-module effects.
 */
export async function recordPayment(
  db: Db,
  input: PaymentInput,
  effect?: PaymentEffect,
): Promise<{ payment: Payment; created: boolean }> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw AppError.field("amount", "billing.errors.amount");
  if (input.amountFen > MAX_PAYMENT_FEN) throw AppError.field("amount", "billing.errors.amountTooLarge");
  if (!input.idempotencyKey) throw new AppError("validation");
  const { companyId } = input;
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const again = await findPaymentByKey(tx, companyId, input.idempotencyKey);
      if (again) assertSameRequest(again, input);
      const result = again
        ? { payment: again, created: false }
        : { payment: await insertPaymentTx(tx, input, now), created: true };
      await effect?.(tx, result.payment, result.created);
      return result;
    });
  } catch (e) {
    // Another process recorded the same key between our check and our insert.
    if (isUniqueViolation(e)) {
      const winner = await findPaymentByKey(db, companyId, input.idempotencyKey);
      if (winner) {
        assertSameRequest(winner, input);
        return recordPayment(db, input, effect);
      }
    }
    throw e;
  }
}

/** The payment's own rows (see recordPayment), inside the caller's transaction. */
async function insertPaymentTx(tx: DbOrTx, input: PaymentInput, now: Date): Promise<Payment> {
  const chosen = await checkHouseholdAndBills(tx, input);
  const payment = await insertPaymentRow(tx, input, now);
  await allocatePayment(tx, input, payment, chosen, now);
  await auditAndEnqueueReceipt(tx, input, payment, now);
  return payment;
}

/** The household must exist; the chosen bills must be its own and not voided. Returns them, deduplicated. */
async function checkHouseholdAndBills(tx: DbOrTx, input: PaymentInput): Promise<number[]> {
  const { companyId } = input;
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
  return chosen;
}

/** The payment row itself, with the next receipt number. */
async function insertPaymentRow(tx: DbOrTx, input: PaymentInput, now: Date): Promise<Payment> {
  const { companyId } = input;
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
  return payment;
}

/** Spreads the payment over the household's open bills (chosen ones first); any rest becomes credit. */
async function allocatePayment(
  tx: DbOrTx,
  input: PaymentInput,
  payment: Payment,
  chosen: number[],
  now: Date,
): Promise<void> {
  const { companyId } = input;
  const open = await tx
    .select({
      id: bills.id,
      period: bills.period,
      outstandingFen: sql<number>`${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen}`,
    })
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
    await tx.insert(allocations).values(
      plan.allocations.map((a) => ({
        companyId,
        billId: a.billId,
        paymentId: payment.id,
        amountFen: a.amountFen,
        createdAt: now,
      })),
    );
  if (plan.creditFen > 0)
    await tx.insert(creditEntries).values({
      companyId,
      householdId: input.householdId,
      kind: "payment",
      amountFen: plan.creditFen,
      paymentId: payment.id,
      createdAt: now,
    });
}

/** The audit entry and the queued receipt message for a recorded payment. */
async function auditAndEnqueueReceipt(tx: DbOrTx, input: PaymentInput, payment: Payment, now: Date): Promise<void> {
  const { companyId } = input;
  await writeAudit(tx, {
    companyId,
    actorUserId: input.actorUserId,
    action: "payment.record",
    entity: "payment",
    entityId: payment.id,
    after: {
      receiptNo: payment.receiptNo,
      amountFen: payment.amountFen,
      method: payment.method,
      householdId: payment.householdId,
    },
  });
  await enqueuePaymentReceipt(
    tx,
    {
      companyId,
      paymentId: payment.id,
      householdId: payment.householdId,
      receiptNo: payment.receiptNo,
      amountFen: payment.amountFen,
    },
    now,
  );
}
