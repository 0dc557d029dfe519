import { and, eq, ne, notInArray, sql } from "drizzle-orm";
import { billingCorrections, creditEntries, payments, providerRefunds } from "@/db/schema";
import { ONLINE_PROVIDERS } from "@/db/schema/billing";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/commands";
import { refundPayment } from "./corrections";

type OnlineProvider = (typeof ONLINE_PROVIDERS)[number];

/** Asks the provider for the refund; `outRefundNo` makes a retry the same refund there. */
export type ProviderRefunder = (r: {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
}) => Promise<{ refundId: string; status: "SUCCESS" | "PROCESSING" }>;

/** Our out_refund_no for a refund request (the form's one-time id): "RF" + 32 hex characters. */
export const outRefundNoOf = (requestId: string) => `RF${requestId.replace(/-/g, "").slice(0, 32)}`;

/**
 * Refunds (part of) an online payment through its provider (finance only, with a reason):
 * 1. a provider_refunds row (pending) under the request's out_refund_no — the same request again
 *    finds it and never asks the provider for a second refund;
 * 2. the provider is asked; a refusal marks the row failed and records nothing else;
 * 3. accepted: the refund correction (credit / bills owe again, audited) and the row's status
 *    commit in one transaction. The refund notification later marks it success.
 */
export async function refundOnlinePayment(
  db: Db,
  actor: Actor,
  input: { paymentId: number; amountFen: number; reason: string; requestId: string },
  refunder: ProviderRefunder,
) {
  const { companyId } = actor;
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.companyId, companyId), eq(payments.id, input.paymentId)));
  if (!payment?.provider || !payment.providerRef) throw new AppError("not_found");
  const provider = payment.provider as OnlineProvider;
  if (!ONLINE_PROVIDERS.includes(provider)) throw new AppError("not_found");
  const outRefundNo = outRefundNoOf(input.requestId);
  let [row] = await db.select().from(providerRefunds).where(eq(providerRefunds.outRefundNo, outRefundNo));
  if (row && (row.companyId !== companyId || row.paymentId !== payment.id || row.amountFen !== input.amountFen))
    throw new AppError("conflict");
  if (row?.correctionId) return row;
  if (!row) {
    const [taken] = await db
      .select({ n: sql<number>`coalesce(sum(${providerRefunds.amountFen}), 0)` })
      .from(providerRefunds)
      .where(and(eq(providerRefunds.paymentId, payment.id), ne(providerRefunds.status, "failed")));
    if (input.amountFen > payment.amountFen - Number(taken.n))
      throw AppError.field("amount", "billing.errors.refundTooLarge");
    [row] = await db
      .insert(providerRefunds)
      .values({
        companyId,
        paymentId: payment.id,
        provider,
        outRefundNo,
        amountFen: input.amountFen,
        reason: input.reason,
        actorUserId: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    // The same request, submitted twice at once: the other submit's row is this refund.
    if (!row) [row] = await db.select().from(providerRefunds).where(eq(providerRefunds.outRefundNo, outRefundNo));
    if (!row || row.companyId !== companyId || row.paymentId !== payment.id || row.amountFen !== input.amountFen)
      throw new AppError("conflict");
  }
  const idempotencyKey = payment.idempotencyKey;
  const outTradeNo = idempotencyKey.slice(idempotencyKey.indexOf(":") + 1).replace(/-/g, "");
  let accepted: Awaited<ReturnType<ProviderRefunder>>;
  try {
    accepted = await refunder({
      outTradeNo,
      outRefundNo,
      refundFen: input.amountFen,
      totalFen: payment.amountFen,
      reason: input.reason,
    });
  } catch (e) {
    await db.update(providerRefunds).set({ status: "failed" }).where(eq(providerRefunds.id, row.id));
    console.error("[refund] provider refused", e);
    throw AppError.field("_form", "billing.accounts.errors.refundRefused", "conflict");
  }
  const status = accepted.status === "SUCCESS" ? "success" : "processing";
  const rowId = row.id;
  await refundPayment(db, actor, input, new Date(), async (tx, correctionId) => {
    await tx
      .update(providerRefunds)
      .set({ status, correctionId, providerRefundId: accepted.refundId })
      .where(eq(providerRefunds.id, rowId));
  });
  const [done] = await db.select().from(providerRefunds).where(eq(providerRefunds.id, rowId));
  return done;
}

/** A provider's refund notification: the refund is done (idempotent; other companies' numbers are not found). */
export async function markRefundSucceeded(db: Db, companyId: number, outRefundNo: string, refundId: string) {
  const res = await db
    .update(providerRefunds)
    .set({ status: "success", providerRefundId: refundId })
    .where(
      and(
        eq(providerRefunds.companyId, companyId),
        eq(providerRefunds.outRefundNo, outRefundNo),
        // A refund already reversed as failed stays failed (its reversal is booked).
        notInArray(providerRefunds.status, ["success", "failed"]),
      ),
    );
  const [row] = await db
    .select({ id: providerRefunds.id })
    .from(providerRefunds)
    .where(and(eq(providerRefunds.companyId, companyId), eq(providerRefunds.outRefundNo, outRefundNo)));
  return { found: !!row, updated: res.rowsAffected };
}

/**
 * A provider's notification that a refund failed (WeChat Pay REFUND.ABNORMAL / REFUND.CLOSED): the
 * money stayed with us, so our refund is reversed by a new correcting entry — a "refund_reversal"
 * correction and the amount back as the household's credit, audited — never by editing the refund.
 * Once, however often and concurrently the notification comes (a conditional status change in
 * the same transaction); other companies' refund numbers are not found.
 */
export async function reverseFailedRefund(db: Db, companyId: number, outRefundNo: string, providerStatus: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(providerRefunds)
      .where(and(eq(providerRefunds.companyId, companyId), eq(providerRefunds.outRefundNo, outRefundNo)));
    if (!row) return { found: false, reversed: false };
    const res = await tx
      .update(providerRefunds)
      .set({ status: "failed" })
      .where(and(eq(providerRefunds.id, row.id), ne(providerRefunds.status, "failed")));
    if (res.rowsAffected !== 1 || !row.correctionId) return { found: true, reversed: false };
    const [payment] = await tx.select().from(payments).where(eq(payments.id, row.paymentId));
    const reason = `${row.provider} refund ${providerStatus}: ${row.reason}`.slice(0, 200);
    const [entry] = await tx
      .insert(billingCorrections)
      .values({
        companyId,
        householdId: payment.householdId,
        kind: "refund_reversal",
        paymentId: payment.id,
        amountFen: row.amountFen,
        reason,
        actorUserId: row.actorUserId,
      })
      .returning({ id: billingCorrections.id });
    await tx.insert(creditEntries).values({
      companyId,
      householdId: payment.householdId,
      kind: "refund_reversal",
      amountFen: row.amountFen,
      paymentId: payment.id,
    });
    await writeAudit(tx, {
      companyId,
      actorUserId: row.actorUserId,
      action: "payment.refund_reversal",
      entity: "payment",
      entityId: payment.id,
      after: { amountFen: row.amountFen, outRefundNo, providerStatus, correctionId: entry.id },
    });
    return { found: true, reversed: true };
  });
}
