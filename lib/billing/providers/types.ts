/**
 * A payment provider: it hosts a checkout for a session and later tells us, through a
 * signed webhook, that the session was paid or cancelled. Only the sandbox ships; a real
 * provider (WeChat Pay, Alipay) implements the same two steps.
 */
export interface CheckoutSessionRef {
  id: string;
  amountFen: number;
}

export type WebhookEvent = { sessionId: string; status: "paid" | "cancelled"; eventId: string };

export interface PaymentProvider {
  readonly name: string;
  /** Where to send the payer. */
  checkoutUrl(session: CheckoutSessionRef): string;
  /** The event, or null when the signature or body is not valid. */
  verifyWebhook(rawBody: string, signature: string | null): WebhookEvent | null;
}
