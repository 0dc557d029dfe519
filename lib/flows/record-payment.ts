import {
  recordPayment as recordBillingPayment,
  type Payment,
  type PaymentEffect,
  type PaymentInput,
} from "@/lib/billing/payments";
import { awardGoldForPaymentTx } from "@/lib/crm/gold/award";
import type { Db } from "@/lib/db/client";

/**
 * Record a payment → gold badge → receipt (STYLE: cross-module effects in one transaction
 * live in lib/flows/). The payment, its allocations and credit, the receipt e-mail in the
 * outbox and — §8.4 — the gold badge a payment 12+ months ahead earns all commit together or
 * not at all. `effect` adds the caller's own step to the same transaction (a checkout's status).
 * Every payment — the cashier's, a webhook's, a test's — goes through here.
 */
export async function recordPayment(
  db: Db,
  input: PaymentInput,
  effect?: PaymentEffect,
): Promise<{ payment: Payment; created: boolean }> {
  const now = input.now ?? new Date();
  return recordBillingPayment(db, { ...input, now }, async (tx, payment, created) => {
    if (created) await awardGoldForPaymentTx(tx, payment.companyId, payment.householdId, payment.id, now);
    await effect?.(tx, payment, created);
  });
}
