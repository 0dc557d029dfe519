import { parseYuan } from "../../rules";
import type { PaymentProvider, WebhookEvent } from "../types";
import { sessionIdOf } from "../trade-no";
import { isAlipayPaid, verifyAlipayNotification, type AlipayAccount } from "./client";

/** A paid trade (TRADE_SUCCESS / TRADE_FINISHED) as the checkout webhook's event; null otherwise. */
export function alipayEvent(fields: Record<string, string>): WebhookEvent | null {
  const sessionId = sessionIdOf(fields.out_trade_no ?? "");
  const amountFen = parseYuan(fields.total_amount ?? "");
  if (!sessionId || !fields.trade_no || amountFen === null || !isAlipayPaid(fields.trade_status ?? "")) return null;
  return { sessionId, status: "paid", eventId: fields.trade_no, amountFen };
}

/** The company's Alipay account as a PaymentProvider: the raw body is the form-encoded notification. */
export function alipayProvider(a: AlipayAccount): PaymentProvider {
  return {
    name: "alipay",
    checkoutUrl: (session) => `/pay/online/${encodeURIComponent(session.id)}`,
    verifyWebhook(rawBody) {
      const fields = verifyAlipayNotification(a, rawBody);
      return fields ? alipayEvent(fields) : null;
    },
  };
}
