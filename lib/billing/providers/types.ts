/**
 * A payment provider: it hosts a checkout for a session and later tells us, through a
 * signed webhook, that the session was paid or cancelled. The sandbox (demo default), WeChat Pay
 * v3 (./wechatpay) and Alipay (./alipay) implement the same two steps.
 */
export interface CheckoutSessionRef {
  id: string;
  amountFen: number;
}

/** `amountFen`: what the provider says it took — when given, it must equal the session's amount. */
export type WebhookEvent = { sessionId: string; status: "paid" | "cancelled"; eventId: string; amountFen?: number };

export interface PaymentProvider {
  readonly name: string;
  /** Where to send the payer. */
  checkoutUrl(session: CheckoutSessionRef): string;
  /** The event, or null when the signature or body is not valid. */
  verifyWebhook(rawBody: string, signature: string | null): WebhookEvent | null;
}
