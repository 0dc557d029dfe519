import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { bills, checkoutSessions, companies } from "@/db/schema";
import type { PaymentProvider } from "@/lib/billing/providers/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { recordPayment } from "./record-payment";

export type WebhookOutcome = {
  status: 200 | 400 | 401 | 404;
  paymentId?: number;
  created?: boolean;
  companyId?: number;
};

/** A test seam: runs inside the payment's transaction after the payment's rows, before the checkout's status. */
export type WebhookFault = (tx: DbOrTx) => Promise<void>;

/**
 * Handles a provider webhook: verifies the signature (bad → 401, nothing written), then in
 * ONE transaction records the payment under the idempotency key "<provider>:<session>"
 * (allocations, credit, receipt e-mail, gold badge) and marks the checkout paid — a failure
 * anywhere leaves neither (SPEC §11). A replayed or duplicated webhook finds the first
 * payment, credits nothing again, and marks the checkout paid if it was not.
 */
export async function handleWebhook(
  db: Db,
  provider: PaymentProvider,
  rawBody: string,
  signature: string | null,
  fault?: WebhookFault,
): Promise<WebhookOutcome> {
  const event = provider.verifyWebhook(rawBody, signature);
  if (!event) return { status: 401 };
  const [session] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, event.sessionId));
  if (!session) return { status: 404 };
  if (event.status === "cancelled") {
    await db.run(
      sql`update checkout_sessions set status = 'cancelled' where id = ${session.id} and status in ('open', 'expired')`,
    );
    return { status: 200 };
  }
  if (session.status === "cancelled") return { status: 400 };
  // A provider reporting another amount, or a session opened with another provider, is not this payment.
  if (event.amountFen !== undefined && event.amountFen !== session.amountFen) return { status: 400 };
  if (session.provider !== provider.name) return { status: 400 };
  const [company] = await db
    .select({ timeZone: companies.timeZone })
    .from(companies)
    .where(eq(companies.id, session.companyId));
  // Bills voided since the checkout opened are not paid first; the money still lands (oldest first, then credit).
  const open = session.billIds.length
    ? await db
        .select({ id: bills.id })
        .from(bills)
        .where(and(eq(bills.companyId, session.companyId), inArray(bills.id, session.billIds), eq(bills.voided, false)))
    : [];
  const { payment, created } = await recordPayment(
    db,
    {
      companyId: session.companyId,
      householdId: session.householdId,
      amountFen: session.amountFen,
      method: session.method,
      idempotencyKey: `${provider.name}:${session.id}`,
      provider: provider.name,
      providerRef: event.eventId,
      actorUserId: session.userId,
      billIds: open.map((b) => b.id),
      timeZone: company?.timeZone,
    },
    async (tx, p) => {
      await fault?.(tx);
      await tx
        .update(checkoutSessions)
        .set({ status: "paid", paymentId: p.id })
        .where(and(eq(checkoutSessions.id, session.id), ne(checkoutSessions.status, "paid")));
    },
  );
  return { status: 200, paymentId: payment.id, created, companyId: session.companyId };
}
