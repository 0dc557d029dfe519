import { after } from "next/server";
import { getSandboxProvider } from "@/lib/billing/providers";
import { SANDBOX_SIGNATURE_HEADER } from "@/lib/billing/providers/sandbox";
import { getDb } from "@/lib/db";
import { handleWebhook } from "@/lib/flows/checkout-webhook";
import { deliverSoon } from "@/lib/outbox/job";
import { handleShopWebhook } from "@/lib/portal/shop/webhook";

export const dynamic = "force-dynamic";

/**
 * POST /api/payments/sandbox/webhook — the sandbox provider reports a paid or cancelled
 * checkout. Body: {"sessionId","status":"paid"|"cancelled","eventId"}; header
 * x-sandbox-signature: hex HMAC-SHA256 of the raw body. Bad signature → 401, nothing
 * written; replays → 200 and the first payment, credited once.
 */
export async function POST(request: Request) {
  const since = new Date();
  const raw = await request.text();
  if (raw.length > 10_000) return Response.json({ error: "too large" }, { status: 413 });
  try {
    const signature = request.headers.get(SANDBOX_SIGNATURE_HEADER);
    let outcome: { status: number; paymentId?: number; companyId?: number } = await handleWebhook(
      getDb(),
      getSandboxProvider(),
      raw,
      signature,
    );
    // Not a bill checkout: a shop order's (lib/portal/shop.ts), paid exactly once the same way.
    if (outcome.status === 404) outcome = await handleShopWebhook(getDb(), getSandboxProvider(), raw, signature);
    // The receipt e-mail leaves right after the response; the minute tick is the safety net.
    const companyId = outcome.companyId;
    if (companyId) after(() => deliverSoon(getDb(), companyId, since));
    return Response.json(
      { ok: outcome.status === 200, paymentId: outcome.paymentId ?? null },
      { status: outcome.status },
    );
  } catch (e) {
    console.error("[sandbox webhook] failed", e);
    return Response.json({ ok: false }, { status: 500 });
  }
}
