import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { bills, checkoutSessions, companies } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { recordPayment } from "./payments";
import type { PaymentProvider } from "./providers/types";
import { monthlyFeeFen, residentHouseholdIds } from "./queries";

export { MAX_AHEAD_MONTHS } from "./limits";

/**
 * Opens a checkout for a resident: the chosen bills (all of them must be the household's,
 * open and not voided), plus `aheadMonths` months of the household's monthly fees held as
 * credit. The household must be one of the resident's approved households: anything else —
 * another household, a tampered bill id — is not_found and writes nothing.
 */
export async function createCheckout(
  db: Db,
  ctx: { companyId: number; userId: number },
  input: { householdId: number; billIds: number[]; aheadMonths: number },
) {
  const mine = await residentHouseholdIds(db, ctx.companyId, ctx.userId);
  if (!mine.includes(input.householdId)) throw new AppError("not_found");
  const ids = [...new Set(input.billIds)];
  let billsFen = 0;
  if (ids.length) {
    const rows = await db
      .select({ id: bills.id, voided: bills.voided, owed: sql<number>`${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen}` })
      .from(bills)
      .where(and(eq(bills.companyId, ctx.companyId), eq(bills.householdId, input.householdId), inArray(bills.id, ids)));
    if (rows.length !== ids.length) throw new AppError("not_found");
    if (rows.some((r) => r.voided)) throw AppError.field("billIds", "billing.errors.billVoided");
    if (rows.some((r) => Number(r.owed) <= 0)) throw AppError.field("billIds", "billing.errors.billPaid");
    billsFen = rows.reduce((s, r) => s + Number(r.owed), 0);
  }
  const aheadFen = input.aheadMonths > 0 ? input.aheadMonths * (await monthlyFeeFen(db, ctx.companyId, input.householdId)) : 0;
  const amountFen = billsFen + aheadFen;
  if (amountFen <= 0) throw AppError.field("_form", "billing.errors.nothingToPay");
  const id = randomUUID();
  await db.insert(checkoutSessions).values({ id, companyId: ctx.companyId, householdId: input.householdId, userId: ctx.userId, amountFen, billIds: ids });
  return { id, amountFen };
}

/** A resident's own checkout session (or null). */
export async function getCheckout(db: DbOrTx, companyId: number, userId: number, id: string) {
  const [row] = await db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.companyId, companyId), eq(checkoutSessions.userId, userId), eq(checkoutSessions.id, id)));
  return row ?? null;
}

export type WebhookOutcome = { status: 200 | 400 | 401 | 404; paymentId?: number; created?: boolean };

/**
 * Handles a provider webhook: verifies the signature (bad → 401, nothing written), then
 * records the payment under the idempotency key "<provider>:<session>" — a replayed or
 * duplicated webhook finds the first payment and credits nothing again.
 */
export async function handleWebhook(db: Db, provider: PaymentProvider, rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  const event = provider.verifyWebhook(rawBody, signature);
  if (!event) return { status: 401 };
  const [session] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, event.sessionId));
  if (!session) return { status: 404 };
  if (event.status === "cancelled") {
    await db.run(sql`update checkout_sessions set status = 'cancelled' where id = ${session.id} and status = 'open'`);
    return { status: 200 };
  }
  if (session.status === "cancelled") return { status: 400 };
  const [company] = await db.select({ timeZone: companies.timeZone }).from(companies).where(eq(companies.id, session.companyId));
  // Bills voided since the checkout opened are not paid first; the money still lands (oldest first, then credit).
  const open = session.billIds.length
    ? await db
        .select({ id: bills.id })
        .from(bills)
        .where(and(eq(bills.companyId, session.companyId), inArray(bills.id, session.billIds), eq(bills.voided, false)))
    : [];
  const { payment, created } = await recordPayment(db, {
    companyId: session.companyId,
    householdId: session.householdId,
    amountFen: session.amountFen,
    method: "online",
    idempotencyKey: `${provider.name}:${session.id}`,
    provider: provider.name,
    providerRef: event.eventId,
    actorUserId: session.userId,
    billIds: open.map((b) => b.id),
    timeZone: company?.timeZone,
  });
  await db.run(sql`update checkout_sessions set status = 'paid', payment_id = ${payment.id} where id = ${session.id} and status <> 'paid'`);
  return { status: 200, paymentId: payment.id, created };
}
