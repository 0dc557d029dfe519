import { and, eq } from "drizzle-orm";
import { postShopIncome } from "@/lib/finance/ledger";
import { companies, shopIncome, shopOrders } from "@/db/schema";
import type { PaymentProvider } from "@/lib/billing/providers/types";
import { localDate } from "@/lib/time/zone";
import type { Db } from "@/lib/db/client";
import { restock, notifyOrder } from "./orders";

export type ShopWebhookOutcome = { status: 200 | 400 | 401 | 404; orderId?: number; paid?: boolean };

/**
 * The payment provider's webhook for a shop order (same provider and signature as bills):
 * "paid" moves pending_payment → paid exactly once (a conditional update; replays change
 * nothing) and records the income; "cancelled" cancels an unpaid order and restocks it.
 */
export async function handleShopWebhook(
  db: Db,
  provider: PaymentProvider,
  rawBody: string,
  signature: string | null,
  now = new Date(),
): Promise<ShopWebhookOutcome> {
  const event = provider.verifyWebhook(rawBody, signature);
  if (!event) return { status: 401 };
  const [order] = await db.select().from(shopOrders).where(eq(shopOrders.checkoutId, event.sessionId));
  if (!order) return { status: 404 };
  const [company] = await db
    .select({ timeZone: companies.timeZone })
    .from(companies)
    .where(eq(companies.id, order.companyId));
  return db.transaction(async (tx) => {
    if (event.status === "cancelled") {
      const done = await tx
        .update(shopOrders)
        .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
        .where(and(eq(shopOrders.id, order.id), eq(shopOrders.status, "pending_payment")))
        .returning({ id: shopOrders.id });
      if (done.length) await restock(tx, order.id);
      return { status: 200, orderId: order.id, paid: false };
    }
    const paid = await tx
      .update(shopOrders)
      .set({ status: "paid", paidAt: now, providerRef: event.eventId, updatedAt: now })
      .where(and(eq(shopOrders.id, order.id), eq(shopOrders.status, "pending_payment")))
      .returning();
    if (!paid.length) {
      // A replay of a paid order: nothing changes. A cancelled order cannot be paid.
      return order.status === "cancelled"
        ? { status: 400, orderId: order.id }
        : { status: 200, orderId: order.id, paid: false };
    }
    const occurredOn = localDate(now, company?.timeZone ?? "Asia/Shanghai");
    await tx
      .insert(shopIncome)
      .values({
        companyId: order.companyId,
        communityId: order.communityId,
        orderId: order.id,
        kind: "sale",
        amountFen: order.totalFen,
        occurredOn,
      })
      .onConflictDoNothing();
    // Value-added income in the finance ledger, in the same transaction (once per order).
    if (order.totalFen > 0)
      await postShopIncome(tx, {
        companyId: order.companyId,
        communityId: order.communityId,
        amountFen: order.totalFen,
        occurredOn,
        sourceId: `order:${order.id}`,
      });
    await notifyOrder(tx, order, "portal.shop.paid", now);
    return { status: 200, orderId: order.id, paid: true };
  });
}
