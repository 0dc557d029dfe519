import { z } from "zod";
import type { PaymentProvider, WebhookEvent } from "../types";
import { sessionIdOf } from "../trade-no";
import type { WechatPayAccount } from "./client";
import {
  decryptResource,
  readSignatureHeaders,
  verifyPlatformSignature,
  type WechatpaySignatureHeaders,
} from "./crypto";

const notificationSchema = z.object({
  id: z.string(),
  event_type: z.string(),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    associated_data: z.string().optional(),
    nonce: z.string(),
  }),
});

const transactionSchema = z.object({
  out_trade_no: z.string(),
  transaction_id: z.string(),
  trade_state: z.string(),
  amount: z.object({ total: z.number().int() }),
});

const refundSchema = z.object({
  out_trade_no: z.string(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: z.string(),
  amount: z.object({ refund: z.number().int(), total: z.number().int() }),
});

export type WechatNotification =
  | { kind: "transaction"; eventType: string; tx: z.infer<typeof transactionSchema> }
  | { kind: "refund"; eventType: string; refund: z.infer<typeof refundSchema> };

/**
 * A notification WeChat Pay signed (platform key, fresh timestamp) with its resource decrypted
 * by the APIv3 key; null for anything else — a bad signature, a stale replay, a tampered resource.
 */
export function parseWechatNotification(
  a: WechatPayAccount,
  h: WechatpaySignatureHeaders,
  rawBody: string,
  nowMs = Date.now(),
): WechatNotification | null {
  if (!verifyPlatformSignature({ publicKey: a.platformPublicKey, serial: a.platformSerial }, h, rawBody, nowMs))
    return null;
  try {
    const n = notificationSchema.parse(JSON.parse(rawBody));
    const plain = JSON.parse(decryptResource(a.apiV3Key, n.resource));
    if (n.event_type.startsWith("REFUND."))
      return { kind: "refund", eventType: n.event_type, refund: refundSchema.parse(plain) };
    return { kind: "transaction", eventType: n.event_type, tx: transactionSchema.parse(plain) };
  } catch {
    return null;
  }
}

/** The four Wechatpay-* headers as the one `signature` string PaymentProvider.verifyWebhook takes. */
export function signatureBundle(headers: { get(name: string): string | null }): string {
  return JSON.stringify(readSignatureHeaders(headers));
}

function unbundle(signature: string | null): WechatpaySignatureHeaders {
  try {
    const h = JSON.parse(signature ?? "{}") as Partial<WechatpaySignatureHeaders>;
    return {
      signature: h.signature ?? null,
      timestamp: h.timestamp ?? null,
      nonce: h.nonce ?? null,
      serial: h.serial ?? null,
    };
  } catch {
    return { signature: null, timestamp: null, nonce: null, serial: null };
  }
}

/** A paid transaction as the checkout webhook's event (amount checked against the session there). */
export function transactionEvent(tx: z.infer<typeof transactionSchema>): WebhookEvent | null {
  const sessionId = sessionIdOf(tx.out_trade_no);
  if (!sessionId || tx.trade_state !== "SUCCESS") return null;
  return { sessionId, status: "paid", eventId: tx.transaction_id, amountFen: tx.amount.total };
}

/** The company's WeChat Pay account as a PaymentProvider; `signature` is signatureBundle(headers). */
export function wechatPayProvider(a: WechatPayAccount, nowMs?: () => number): PaymentProvider {
  return {
    name: "wechatpay",
    checkoutUrl: (session) => `/pay/wechatpay/${encodeURIComponent(session.id)}`,
    verifyWebhook(rawBody, signature) {
      const n = parseWechatNotification(a, unbundle(signature), rawBody, nowMs?.());
      return n?.kind === "transaction" ? transactionEvent(n.tx) : null;
    },
  };
}
