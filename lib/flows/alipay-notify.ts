import { and, eq } from "drizzle-orm";
import { checkoutSessions } from "@/db/schema";
import {
  alipayQuery,
  isAlipayPaid,
  verifyAlipayNotification,
  type AlipayAccount,
} from "@/lib/billing/providers/alipay/client";
import { alipayProvider } from "@/lib/billing/providers/alipay/notify";
import { outTradeNo, sessionIdOf } from "@/lib/billing/providers/trade-no";
import type { Db } from "@/lib/db/client";
import { handleWebhook, type WebhookOutcome } from "./checkout-webhook";

/**
 * An Alipay asynchronous notification to one company's notify URL (form-encoded, RSA2-signed).
 * A bad signature or another app's notification is 401 and writes nothing; a paid trade goes
 * the normal checkout-webhook path (one payment per out_trade_no; the amount must be the
 * session's); only this company's checkouts.
 */
export async function handleAlipayNotification(
  db: Db,
  companyId: number,
  account: AlipayAccount,
  rawBody: string,
): Promise<WebhookOutcome> {
  const provider = alipayProvider(account);
  const event = provider.verifyWebhook(rawBody, null);
  // Signed but not a payment (WAIT_BUYER_PAY, TRADE_CLOSED): acknowledged, nothing to record.
  if (!event) return { status: verifyAlipayNotification(account, rawBody) ? 200 : 401 };
  const [mine] = await db
    .select({ id: checkoutSessions.id })
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.id, event.sessionId), eq(checkoutSessions.companyId, companyId)));
  if (!mine) return { status: 404 };
  return handleWebhook(db, provider, rawBody, null);
}

/** The order query on return / for a stale checkout: paid at Alipay → recorded here, once. */
export async function syncAlipayCheckout(db: Db, account: AlipayAccount, sessionId: string) {
  const trade = await alipayQuery(account, outTradeNo(sessionId));
  if (!isAlipayPaid(trade.status) || trade.amountFen === null || sessionIdOf(trade.outTradeNo) !== sessionId)
    return { status: 200 as const, tradeState: trade.status };
  const event = { sessionId, status: "paid" as const, eventId: trade.tradeNo, amountFen: trade.amountFen };
  const outcome = await handleWebhook(db, { ...alipayProvider(account), verifyWebhook: () => event }, "", null);
  return { ...outcome, tradeState: trade.status };
}
