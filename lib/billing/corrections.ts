import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { allocations, billingCorrections, bills, creditEntries, payments } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Actor } from "@/lib/auth/actor";

/*
 * Corrections (finance only — the actions check the role): each writes a correction entry
 * with its reason and actor, and its effects as further entries (negative allocations,
 * credit entries). Nothing is edited or deleted; the bill's running totals move with them.
 */

async function creditBalance(db: DbOrTx, companyId: number, householdId: number): Promise<number> {
  const [row] = await db
    .select({ bal: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)` })
    .from(creditEntries)
    .where(and(eq(creditEntries.companyId, companyId), eq(creditEntries.householdId, householdId)));
  return Number(row.bal);
}

async function loadBill(tx: DbOrTx, companyId: number, billId: number) {
  const [bill] = await tx
    .select()
    .from(bills)
    .where(and(eq(bills.companyId, companyId), eq(bills.id, billId)));
  if (!bill) throw new AppError("not_found");
  return bill;
}

/** Moves `amountFen` already allocated to a bill back to the household's credit. */
async function releaseToCredit(
  tx: DbOrTx,
  companyId: number,
  bill: { id: number; householdId: number },
  amountFen: number,
  now: Date,
) {
  if (amountFen <= 0) return;
  await tx
    .insert(allocations)
    .values({ companyId, billId: bill.id, paymentId: null, amountFen: -amountFen, createdAt: now });
  await tx
    .insert(creditEntries)
    .values({ companyId, householdId: bill.householdId, kind: "release", amountFen, billId: bill.id, createdAt: now });
}

/** Voids a bill; what was paid on it becomes credit. */
export async function voidBill(db: Db, actor: Actor, input: { billId: number; reason: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const bill = await loadBill(tx, actor.companyId, input.billId);
    if (bill.voided) throw AppError.field("billId", "billing.errors.alreadyVoided", "conflict");
    await releaseToCredit(tx, actor.companyId, bill, bill.allocatedFen, now);
    await tx.run(sql`update bills set voided = 1, allocated_fen = 0 where id = ${bill.id} and voided = 0`);
    const [entry] = await tx
      .insert(billingCorrections)
      .values({
        companyId: actor.companyId,
        householdId: bill.householdId,
        kind: "void",
        billId: bill.id,
        amountFen: bill.linesFen + bill.adjustmentFen,
        reason: input.reason,
        actorUserId: actor.userId,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "bill.void",
      entity: "bill",
      entityId: bill.id,
      after: { reason: input.reason, released: bill.allocatedFen },
    });
    return entry;
  });
}

/** Adjusts a bill by a signed amount (a discount is negative); an overpaid remainder becomes credit. */
export async function adjustBill(
  db: Db,
  actor: Actor,
  input: { billId: number; amountFen: number; reason: string },
  now = new Date(),
) {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen === 0)
    throw AppError.field("amount", "billing.errors.amount");
  return db.transaction((tx) => adjustBillTx(tx, actor, input, now));
}

/** adjustBill inside the caller's transaction (a flow that corrects a bill together with other records). */
export async function adjustBillTx(
  tx: DbOrTx,
  actor: Actor,
  input: { billId: number; amountFen: number; reason: string },
  now = new Date(),
) {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen === 0)
    throw AppError.field("amount", "billing.errors.amount");
  const bill = await loadBill(tx, actor.companyId, input.billId);
  if (bill.voided) throw AppError.field("billId", "billing.errors.billVoided", "conflict");
  const newAmount = bill.linesFen + bill.adjustmentFen + input.amountFen;
  if (newAmount < 0) throw AppError.field("amount", "billing.errors.adjustTooLarge");
  const excess = Math.max(0, bill.allocatedFen - newAmount);
  await releaseToCredit(tx, actor.companyId, bill, excess, now);
  await tx.run(
    sql`update bills set adjustment_fen = adjustment_fen + ${input.amountFen}, allocated_fen = allocated_fen - ${excess} where id = ${bill.id}`,
  );
  const [entry] = await tx
    .insert(billingCorrections)
    .values({
      companyId: actor.companyId,
      householdId: bill.householdId,
      kind: "adjust",
      billId: bill.id,
      amountFen: input.amountFen,
      reason: input.reason,
      actorUserId: actor.userId,
      createdAt: now,
    })
    .returning();
  await writeAudit(tx, {
    companyId: actor.companyId,
    actorUserId: actor.userId,
    action: "bill.adjust",
    entity: "bill",
    entityId: bill.id,
    after: { amountFen: input.amountFen, reason: input.reason },
  });
  return entry;
}

/**
 * Takes back up to `amountFen` of what the payment paid on its bills, newest period first (negative
 * allocations; a conditional update of the bill's cache). Returns what could not be taken back.
 */
async function unpayNewestBills(tx: DbOrTx, companyId: number, paymentId: number, amountFen: number, now: Date) {
  let left = amountFen;
  const held = await tx
    .select({ billId: allocations.billId, net: sql<number>`sum(${allocations.amountFen})`, period: bills.period })
    .from(allocations)
    .innerJoin(bills, eq(bills.id, allocations.billId))
    .where(and(eq(allocations.companyId, companyId), eq(allocations.paymentId, paymentId)))
    .groupBy(allocations.billId, bills.period)
    .orderBy(desc(bills.period));
  for (const h of held) {
    if (left === 0) break;
    const take = Math.min(left, Number(h.net));
    if (take <= 0) continue;
    await tx.insert(allocations).values({ companyId, billId: h.billId, paymentId, amountFen: -take, createdAt: now });
    const res = await tx.run(
      sql`update bills set allocated_fen = allocated_fen - ${take} where id = ${h.billId} and allocated_fen >= ${take}`,
    );
    if (res.rowsAffected !== 1) throw new AppError("conflict");
    left -= take;
  }
  return left;
}

/** What has been refunded of a payment so far: its refunds less the reversals of failed provider refunds. */
export async function refundedFen(db: DbOrTx, companyId: number, paymentId: number): Promise<number> {
  const [row] = await db
    .select({
      n: sql<number>`coalesce(sum(case ${billingCorrections.kind} when 'refund' then ${billingCorrections.amountFen} else -${billingCorrections.amountFen} end), 0)`,
    })
    .from(billingCorrections)
    .where(
      and(
        eq(billingCorrections.companyId, companyId),
        eq(billingCorrections.paymentId, paymentId),
        inArray(billingCorrections.kind, ["refund", "refund_reversal"]),
      ),
    );
  return Number(row.n);
}

type RefundInput = { paymentId: number; amountFen: number; reason: string; requestId?: string };

/** The refund a form's one-time request id already recorded (the same payment and amount), else null. */
async function refundOfRequest(db: DbOrTx, companyId: number, input: RefundInput) {
  if (!input.requestId) return null;
  const [row] = await db
    .select()
    .from(billingCorrections)
    .where(and(eq(billingCorrections.companyId, companyId), eq(billingCorrections.requestId, input.requestId)));
  if (row && (row.kind !== "refund" || row.paymentId !== input.paymentId || row.amountFen !== input.amountFen))
    throw new AppError("conflict");
  return row ?? null;
}

/**
 * Refunds (part of) a payment: first from the household's credit, then by undoing the
 * payment's allocations, newest bill first (those bills owe again). A full refund is the
 * payment's reversal. Never more than the payment minus earlier refunds. `requestId` (the
 * form's one-time id) makes a double submit — even two at once — one refund.
 */
export async function refundPayment(
  db: Db,
  actor: Actor,
  input: RefundInput,
  now = new Date(),
  effect?: (tx: DbOrTx, correctionId: number) => Promise<void>,
) {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw AppError.field("amount", "billing.errors.amount");
  const earlier = await refundOfRequest(db, actor.companyId, input);
  if (earlier) return earlier;
  try {
    return await db.transaction((tx) => refundTx(tx, actor, input, now, effect));
  } catch (e) {
    // The same request committed meanwhile (unique request id): that refund is the answer.
    const same = isUniqueViolation(e) ? await refundOfRequest(db, actor.companyId, input) : null;
    if (same) return same;
    throw e;
  }
}

async function refundTx(
  tx: DbOrTx,
  actor: Actor,
  input: RefundInput,
  now: Date,
  effect?: (tx: DbOrTx, correctionId: number) => Promise<void>,
) {
  const { companyId } = actor;
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.companyId, companyId), eq(payments.id, input.paymentId)));
  if (!payment) throw new AppError("not_found");
  if (input.amountFen > payment.amountFen - (await refundedFen(tx, companyId, payment.id)))
    throw AppError.field("amount", "billing.errors.refundTooLarge");
  let left = input.amountFen;
  const fromCredit = Math.min(left, Math.max(0, await creditBalance(tx, companyId, payment.householdId)));
  if (fromCredit > 0) {
    await tx.insert(creditEntries).values({
      companyId,
      householdId: payment.householdId,
      kind: "refund",
      amountFen: -fromCredit,
      paymentId: payment.id,
      createdAt: now,
    });
    left -= fromCredit;
  }
  if (left > 0) left = await unpayNewestBills(tx, companyId, payment.id, left, now);
  if (left > 0) throw AppError.field("amount", "billing.errors.refundTooLarge");
  const [entry] = await tx
    .insert(billingCorrections)
    .values({
      companyId,
      householdId: payment.householdId,
      kind: "refund",
      paymentId: payment.id,
      amountFen: input.amountFen,
      reason: input.reason,
      actorUserId: actor.userId,
      requestId: input.requestId ?? null,
      createdAt: now,
    })
    .returning();
  await writeAudit(tx, {
    companyId,
    actorUserId: actor.userId,
    action: "payment.refund",
    entity: "payment",
    entityId: payment.id,
    after: { amountFen: input.amountFen, reason: input.reason },
  });
  await effect?.(tx, entry.id);
  return entry;
}
