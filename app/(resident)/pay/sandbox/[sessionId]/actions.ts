"use server";

import { randomUUID } from "node:crypto";
import { after } from "next/server";
import { AppError } from "@/lib/actions/result";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { getCheckout } from "@/lib/billing/checkout";
import { handleWebhook } from "@/lib/flows/checkout-webhook";
import { deliverSoon } from "@/lib/outbox/job";
import { getSandboxProvider } from "@/lib/billing/providers";
import { signSandbox, sandboxSecret } from "@/lib/billing/providers/sandbox";
import { checkoutIdSchema } from "@/lib/billing/schemas";
import { env } from "@/lib/env";

/**
 * The sandbox provider's hosted page: "pay" and "cancel" play the provider's part. They
 * send the same signed webhook a real provider would, through the same handler as
 * POST /api/payments/sandbox/webhook (called in-process, so it needs no public URL).
 */
function decide(status: "paid" | "cancelled") {
  return authorizedAction({ schema: checkoutIdSchema, roles: ["resident"] }, async ({ sessionId }, ctx) => {
    const since = new Date();
    const session = await getCheckout(ctx.db, ctx.companyId, ctx.user.id, sessionId);
    if (!session) throw new AppError("not_found");
    // The hosted page pays only an open checkout (an expired one is started again from the bills).
    if (status === "paid" && session.status !== "open") throw new AppError("conflict", "billing.errors.checkoutClosed");
    const body = JSON.stringify({ sessionId, status, eventId: `sbx_${randomUUID()}` });
    const outcome = await handleWebhook(ctx.db, getSandboxProvider(), body, signSandbox(body, sandboxSecret(env)));
    if (outcome.status !== 200) throw new AppError("conflict", "billing.errors.checkoutClosed");
    if (outcome.created) after(() => deliverSoon(ctx.db, ctx.companyId, since));
    return { href: status === "paid" && outcome.paymentId ? `/bills/receipts/${outcome.paymentId}` : "/bills" };
  });
}

export const sandboxPayAction = decide("paid");
export const sandboxCancelAction = decide("cancelled");
