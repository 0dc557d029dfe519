"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { AppError } from "@/lib/actions/result";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { getSandboxProvider } from "@/lib/billing/providers";
import { sandboxSecret, signSandbox } from "@/lib/billing/providers/sandbox";
import { env } from "@/lib/env";
import { cancelOrderSchema, cartSchema, placeOrderSchema, shopCheckoutSchema } from "@/lib/portal/schemas";
import { cancelOrder, placeOrder } from "@/lib/portal/shop/orders";
import { handleShopWebhook } from "@/lib/portal/shop/webhook";
import { orderByCheckout } from "@/lib/portal/shop/order-queries";
import { setCartItem } from "@/lib/portal/shop/cart";
import { formAction } from "@/lib/actions/form-action";
import { deliverSoon } from "@/lib/outbox/job";

export const setCartAction = formAction(
  { schema: cartSchema, roles: ["resident"] },
  async ({ productId, quantity }, ctx) => {
    await setCartItem(ctx.db, ctx.companyId, ctx.user.id, productId, quantity);
    revalidatePath("/shop", "layout");
    return { id: productId };
  },
);

/** Places the order (prices, discount and stock decided on the server) and opens its checkout. */
export const placeOrderAction = authorizedAction(
  { schema: placeOrderSchema, roles: ["resident"] },
  async (input, ctx) => {
    const order = await placeOrder(
      ctx.db,
      { companyId: ctx.companyId, userId: ctx.user.id, timeZone: ctx.user.timeZone },
      input,
      new Date(),
    );
    revalidatePath("/shop", "layout");
    return { id: order.orderId, checkoutId: order.checkoutId };
  },
);

export const cancelMyOrderAction = formAction(
  { schema: cancelOrderSchema, roles: ["resident"] },
  async ({ orderId, reason }, ctx) => {
    await cancelOrder(
      ctx.db,
      { companyId: ctx.companyId, userId: ctx.user.id, residentUserId: ctx.user.id, timeZone: ctx.user.timeZone },
      orderId,
      reason,
      new Date(),
    );
    revalidatePath("/shop", "layout");
    return { id: orderId };
  },
);

/**
 * The sandbox provider's hosted page for a shop order: "pay" / "cancel" send the same
 * signed webhook a real provider would, through the same handler as
 * POST /api/payments/sandbox/webhook.
 */
function decide(status: "paid" | "cancelled") {
  return authorizedAction({ schema: shopCheckoutSchema, roles: ["resident"] }, async ({ checkoutId }, ctx) => {
    const since = new Date();
    const order = await orderByCheckout(ctx.db, ctx.companyId, ctx.user.id, checkoutId);
    if (!order) throw new AppError("not_found");
    const body = JSON.stringify({ sessionId: checkoutId, status, eventId: `sbx_${randomUUID()}` });
    const outcome = await handleShopWebhook(ctx.db, getSandboxProvider(), body, signSandbox(body, sandboxSecret(env)));
    if (outcome.status !== 200) throw new AppError("conflict", "billing.errors.checkoutClosed");
    // The "order paid" e-mail leaves right after the response; the minute tick is the safety net.
    if (outcome.paid) after(() => deliverSoon(ctx.db, ctx.companyId, since));
    revalidatePath("/shop", "layout");
    return { href: `/shop/orders/${order.id}` };
  });
}

export const shopPayAction = decide("paid");
export const shopCancelPaymentAction = decide("cancelled");
