import { and, eq, sql } from "drizzle-orm";
import { checkoutSessions, payments } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { closeProviderOrder, companyCheckout } from "@/lib/billing/desk-checkout";
import { alipayAccount, wechatAccount, type KeySource } from "@/lib/billing/payment-accounts/queries";
import type { Db } from "@/lib/db/client";
import { syncAlipayCheckout } from "./alipay-notify";
import { syncWechatCheckout } from "./wechatpay-notify";

/** Provider states in which an order can never be paid any more. */
const CLOSED_STATES = new Set(["CLOSED", "REVOKED", "PAYERROR", "TRADE_CLOSED"]);
export const isClosedAtProvider = (state: string) => CLOSED_STATES.has(state);

/**
 * Asks the checkout's provider about its order (WeChat Pay query by out_trade_no,
 * alipay.trade.query); a paid order is recorded through the webhook path (once, however often
 * this and the notification arrive). Returns the provider's trade state, or null without an account.
 */
export async function syncProviderCheckout(
  db: Db,
  key: KeySource,
  s: { id: string; companyId: number; provider: string },
): Promise<string | null> {
  if (s.provider === "wechatpay") {
    const a = await wechatAccount(db, key, s.companyId);
    return a ? (await syncWechatCheckout(db, a, s.id)).tradeState : null;
  }
  if (s.provider === "alipay") {
    const a = await alipayAccount(db, key, s.companyId);
    return a ? (await syncAlipayCheckout(db, a, s.id)).tradeState : null;
  }
  return null;
}

/** The checkout as the cashier's screen shows it: its status and, once paid, the receipt. */
async function deskView(db: Db, companyId: number, sessionId: string) {
  const [row] = await db
    .select({
      status: checkoutSessions.status,
      amountFen: checkoutSessions.amountFen,
      paymentId: checkoutSessions.paymentId,
      receiptNo: payments.receiptNo,
    })
    .from(checkoutSessions)
    .leftJoin(payments, eq(payments.id, checkoutSessions.paymentId))
    .where(and(eq(checkoutSessions.companyId, companyId), eq(checkoutSessions.id, sessionId)));
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * The cashier's poll: an open checkout is queried at its provider first (the notification may not
 * reach us), so the screen turns to the receipt as soon as the payer has paid. A provider that
 * cannot be reached leaves it open (the next poll, the notification or the tick will tell).
 */
export async function deskCheckoutStatus(db: Db, key: KeySource, companyId: number, sessionId: string) {
  const session = await companyCheckout(db, companyId, sessionId);
  if (!session) throw new AppError("not_found");
  if (session.status === "open") {
    try {
      const state = await syncProviderCheckout(db, key, session);
      if (state && isClosedAtProvider(state)) await expireOpen(db, session.id, "expired");
    } catch (e) {
      console.error("[desk] provider query failed", e);
    }
  }
  return deskView(db, companyId, sessionId);
}

async function expireOpen(db: Db, id: string, status: "expired" | "cancelled") {
  await db.run(sql`update checkout_sessions set status = ${status} where id = ${id} and status = 'open'`);
}

/**
 * The cashier cancels the QR: a checkout paid meanwhile stays paid (the screen shows its receipt);
 * otherwise the provider order is closed (WeChat Pay close / Alipay cancel) so the code can no
 * longer be paid, then the checkout is cancelled. A close refused because the payer paid at that
 * moment is answered by one more query.
 */
export async function cancelDeskCheckout(db: Db, key: KeySource, companyId: number, sessionId: string) {
  const session = await companyCheckout(db, companyId, sessionId);
  if (!session) throw new AppError("not_found");
  if (session.status !== "open") return deskView(db, companyId, sessionId);
  await syncProviderCheckout(db, key, session);
  if ((await deskView(db, companyId, sessionId)).status === "paid") return deskView(db, companyId, sessionId);
  try {
    await closeProviderOrder(db, key, companyId, session.provider, session.id);
  } catch (e) {
    await syncProviderCheckout(db, key, session);
    if ((await deskView(db, companyId, sessionId)).status !== "paid") throw e;
  }
  await expireOpen(db, session.id, "cancelled");
  return deskView(db, companyId, sessionId);
}
