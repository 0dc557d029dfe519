import { and, eq } from "drizzle-orm";
import { checkoutSessions } from "@/db/schema";
import { markRefundSucceeded, reverseFailedRefund } from "@/lib/billing/provider-refunds";
import type { WechatPayAccount } from "@/lib/billing/providers/wechatpay/client";
import type { WechatpaySignatureHeaders } from "@/lib/billing/providers/wechatpay/crypto";
import { queryWechatOrder } from "@/lib/billing/providers/wechatpay/client";
import { parseWechatNotification, transactionEvent, wechatPayProvider } from "@/lib/billing/providers/wechatpay/notify";
import { outTradeNo, sessionIdOf } from "@/lib/billing/providers/trade-no";
import type { Db } from "@/lib/db/client";
import { handleWebhook, type WebhookOutcome } from "./checkout-webhook";

/**
 * A WeChat Pay notification to one company's notify URL. Signature (platform key, fresh) and
 * decryption (APIv3 key) first — anything else is 401 and writes nothing. A paid transaction
 * goes the normal checkout-webhook path (one payment per out_trade_no, however often and
 * concurrently it is delivered; the amount must be the session's); a refund marks the refund done.
 */
export async function handleWechatNotification(
  db: Db,
  companyId: number,
  account: WechatPayAccount,
  headers: WechatpaySignatureHeaders,
  rawBody: string,
  nowMs = Date.now(),
): Promise<WebhookOutcome> {
  const n = parseWechatNotification(account, headers, rawBody, nowMs);
  if (!n) return { status: 401 };
  if (n.kind === "refund") {
    const status = n.refund.refund_status;
    if (status === "ABNORMAL" || status === "CLOSED") {
      const failed = await reverseFailedRefund(db, companyId, n.refund.out_refund_no, status);
      return { status: failed.found ? 200 : 404 };
    }
    if (status !== "SUCCESS") return { status: 200 };
    const r = await markRefundSucceeded(db, companyId, n.refund.out_refund_no, n.refund.refund_id);
    return { status: r.found ? 200 : 404 };
  }
  if (n.tx.trade_state !== "SUCCESS") return { status: 200 };
  // A notification signed for this company's account never pays another company's checkout.
  const sessionId = sessionIdOf(n.tx.out_trade_no);
  const [mine] = sessionId
    ? await db
        .select({ id: checkoutSessions.id })
        .from(checkoutSessions)
        .where(and(eq(checkoutSessions.id, sessionId), eq(checkoutSessions.companyId, companyId)))
    : [];
  if (!mine) return { status: 404 };
  return handleWebhook(
    db,
    wechatPayProvider(account, () => nowMs),
    rawBody,
    JSON.stringify(headers),
  );
}

/**
 * The order query on the resident's return (and for a stale checkout): when WeChat Pay says the
 * order is paid, the payment is recorded through the same path as the notification (once, however
 * often both arrive). The query's response is verified with the platform key by the client.
 */
export async function syncWechatCheckout(db: Db, account: WechatPayAccount, sessionId: string) {
  const tx = await queryWechatOrder(account, outTradeNo(sessionId));
  const event =
    tx.transaction_id && tx.amount
      ? transactionEvent({ ...tx, transaction_id: tx.transaction_id, amount: { total: tx.amount.total } })
      : null;
  if (!event) return { status: 200 as const, tradeState: tx.trade_state };
  const provider = { ...wechatPayProvider(account), verifyWebhook: () => event };
  const outcome = await handleWebhook(db, provider, "", null);
  return { ...outcome, tradeState: tx.trade_state };
}
