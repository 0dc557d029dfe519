import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { PaymentProvider, WebhookEvent } from "./types";

export const SANDBOX_SIGNATURE_HEADER = "x-sandbox-signature";

/** The webhook secret: PAYMENT_SANDBOX_SECRET, else one derived from NEXTAUTH_SECRET (never the same value). */
export function sandboxSecret(vars: { PAYMENT_SANDBOX_SECRET?: string; NEXTAUTH_SECRET?: string }): string {
  if (vars.PAYMENT_SANDBOX_SECRET) return vars.PAYMENT_SANDBOX_SECRET;
  if (!vars.NEXTAUTH_SECRET) throw new Error("PAYMENT_SANDBOX_SECRET or NEXTAUTH_SECRET must be set");
  return createHash("sha256").update(`guanjia-payment-sandbox:${vars.NEXTAUTH_SECRET}`).digest("hex");
}

/** HMAC-SHA256 of the raw body, hex. */
export function signSandbox(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

const eventSchema = z.object({
  sessionId: z.string().min(1).max(100),
  status: z.enum(["paid", "cancelled"]),
  eventId: z.string().min(1).max(100),
});

export function sandboxProvider(secret: string): PaymentProvider {
  return {
    name: "sandbox",
    checkoutUrl: (session) => `/pay/sandbox/${encodeURIComponent(session.id)}`,
    verifyWebhook(rawBody, signature): WebhookEvent | null {
      if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return null;
      const expected = Buffer.from(signSandbox(rawBody, secret), "hex");
      const given = Buffer.from(signature, "hex");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const parsed = eventSchema.safeParse(JSON.parse(rawBody));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}
