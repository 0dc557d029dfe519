import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { postShopIncome } from "@/lib/finance/ledger";
import { shopCartItems, shopIncome, shopOrderLines, shopOrders, shopProducts, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import { localDate } from "@/lib/time/zone";
import type { Db, DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { notifyPortal, type PortalNotificationKind } from "../notify";
import { enqueueForUser } from "@/lib/outbox/enqueue";
import { shopTotals } from "../rules";
import { vipPercents } from "./catalogue";
import { MAX_LINE_QUANTITY, type PlaceOrderInput } from "../schemas";

// ── orders ───────────────────────────────────────────────────────────────────

/** Takes each line's quantity from stock by a conditional update, so concurrent orders never oversell. */
async function takeStock(tx: DbOrTx, companyId: number, lines: { productId: number; quantity: number }[]) {
  for (const line of lines) {
    const taken = await tx
      .update(shopProducts)
      .set({ stock: sql`${shopProducts.stock} - ${line.quantity}` })
      .where(
        and(
          eq(shopProducts.id, line.productId),
          eq(shopProducts.companyId, companyId),
          sql`${shopProducts.stock} >= ${line.quantity}`,
        ),
      )
      .returning({ id: shopProducts.id });
    if (!taken.length) throw AppError.field(`lines.${line.productId}`, "portal.errors.outOfStock", "conflict");
  }
}

/**
 * Places an order for one of the resident's households: prices from the catalogue, the
 * discount from the household's gold badge, stock taken atomically. Another household,
 * an unknown product → not_found; more than the stock → field error; nothing written.
 */
export async function placeOrder(
  db: Db,
  ctx: { companyId: number; userId: number; timeZone: string },
  input: PlaceOrderInput,
  now: Date,
) {
  const mine = await residentHouseholdIds(db, ctx.companyId, ctx.userId);
  if (!mine.includes(input.householdId)) throw new AppError("not_found");
  const quantities = new Map<number, number>();
  for (const l of input.lines) quantities.set(l.productId, (quantities.get(l.productId) ?? 0) + l.quantity);
  for (const [productId, quantity] of quantities) {
    if (quantity > MAX_LINE_QUANTITY) throw AppError.field(`lines.${productId}`, "portal.errors.quantity");
  }
  const ids = [...quantities.keys()];
  const products = await db
    .select()
    .from(shopProducts)
    .where(
      and(eq(shopProducts.companyId, ctx.companyId), inArray(shopProducts.id, ids), eq(shopProducts.active, true)),
    );
  if (products.length !== ids.length) throw new AppError("not_found");
  const vip =
    (await vipPercents(db, ctx.companyId, [input.householdId], localDate(now, ctx.timeZone))).get(input.householdId) ??
    null;
  const totals = shopTotals(
    products.map((p) => ({ productId: p.id, unitPriceFen: p.priceFen, quantity: quantities.get(p.id)! })),
    vip,
  );
  const placement = householdPlacementSubquery(db, ctx.companyId);
  const [place] = await db
    .select({ communityId: sql<number>`${placement.communityId}` })
    .from(placement)
    .where(sql`${placement.householdId} = ${input.householdId}`);
  const checkoutId = randomUUID();
  return db.transaction(async (tx) => {
    await takeStock(tx, ctx.companyId, totals.lines);
    const [order] = await tx
      .insert(shopOrders)
      .values({
        companyId: ctx.companyId,
        userId: ctx.userId,
        householdId: input.householdId,
        communityId: place?.communityId ?? null,
        subtotalFen: totals.subtotalFen,
        discountPercent: totals.discountPercent,
        discountFen: totals.discountFen,
        totalFen: totals.totalFen,
        checkoutId,
        createdAt: now,
      })
      .returning();
    const byId = new Map(products.map((p) => [p.id, p]));
    await tx.insert(shopOrderLines).values(
      totals.lines.map((l) => ({
        companyId: ctx.companyId,
        orderId: order.id,
        productId: l.productId,
        name: byId.get(l.productId)!.name,
        unitPriceFen: l.unitPriceFen,
        quantity: l.quantity,
        lineFen: l.lineFen,
      })),
    );
    await tx
      .delete(shopCartItems)
      .where(and(eq(shopCartItems.userId, ctx.userId), inArray(shopCartItems.productId, ids)));
    return { orderId: order.id, checkoutId, totalFen: order.totalFen, discountFen: order.discountFen };
  });
}

/** Gives an order's stock back (inside the caller's transaction). */
export async function restock(tx: DbOrTx, orderId: number) {
  await tx.run(sql`update shop_products set stock = stock + (select coalesce(sum(l.quantity), 0) from shop_order_lines l where l.order_id = ${orderId} and l.product_id = shop_products.id)
    where id in (select product_id from shop_order_lines where order_id = ${orderId})`);
}

export async function notifyOrder(
  tx: DbOrTx,
  order: { id: number; companyId: number; userId: number; totalFen: number },
  kind: PortalNotificationKind,
  now: Date,
) {
  await notifyPortal(
    tx,
    order.companyId,
    [order.userId],
    kind,
    { orderId: order.id, totalFen: order.totalFen },
    `/shop/orders/${order.id}`,
  );
  const [user] = await tx
    .select({ email: users.email, phone: users.phone, locale: users.locale })
    .from(users)
    .where(eq(users.id, order.userId));
  if (user && kind === "portal.shop.paid") {
    await enqueueForUser(
      tx,
      { ...user, phone: null },
      {
        companyId: order.companyId,
        templateKey: "shopPaid",
        params: { orderId: order.id, totalFen: order.totalFen },
        idempotencyKey: `shop:${order.id}:paid`,
      },
      now,
    );
  }
}

const NEXT: Record<
  string,
  { from: string; stamp: "acceptedAt" | "deliveredAt" | "doneAt"; kind: PortalNotificationKind }
> = {
  accepted: { from: "paid", stamp: "acceptedAt", kind: "portal.shop.accepted" },
  delivered: { from: "accepted", stamp: "deliveredAt", kind: "portal.shop.delivered" },
  done: { from: "delivered", stamp: "doneAt", kind: "portal.shop.done" },
};

/** Staff move an order on: paid → accepted → delivered → done; the resident is notified. */
export async function advanceOrder(
  db: Db,
  ctx: { companyId: number; userId: number },
  orderId: number,
  to: "accepted" | "delivered" | "done",
  now: Date,
) {
  const step = NEXT[to];
  return db.transaction(async (tx) => {
    const [order] = await tx
      .update(shopOrders)
      .set({ status: to, [step.stamp]: now, updatedAt: now })
      .where(
        and(
          eq(shopOrders.companyId, ctx.companyId),
          eq(shopOrders.id, orderId),
          eq(shopOrders.status, step.from as "paid"),
        ),
      )
      .returning();
    if (!order) {
      const exists = await tx
        .select({ id: shopOrders.id })
        .from(shopOrders)
        .where(and(eq(shopOrders.companyId, ctx.companyId), eq(shopOrders.id, orderId)));
      if (!exists.length) throw new AppError("not_found");
      throw AppError.field("_form", "portal.errors.orderState", "conflict");
    }
    await writeAudit(tx, {
      companyId: ctx.companyId,
      actorUserId: ctx.userId,
      action: `portal.order.${to}`,
      entity: "shop_order",
      entityId: orderId,
      before: { status: step.from },
      after: { status: to },
    });
    await notifyOrder(tx, order, step.kind, now);
    return order;
  });
}

/**
 * Cancels an order before staff accept it: unpaid → cancelled; paid → refunded (a negative
 * income entry, the money goes back through the provider). Stock is given back. A resident
 * may cancel only their own (`residentUserId`).
 */
export async function cancelOrder(
  db: Db,
  ctx: { companyId: number; userId: number; timeZone: string; residentUserId?: number },
  orderId: number,
  reason: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const owner = ctx.residentUserId ? eq(shopOrders.userId, ctx.residentUserId) : undefined;
    const [before] = await tx
      .select()
      .from(shopOrders)
      .where(and(eq(shopOrders.companyId, ctx.companyId), eq(shopOrders.id, orderId), owner));
    if (!before) throw new AppError("not_found");
    if (before.status !== "pending_payment" && before.status !== "paid")
      throw AppError.field("_form", "portal.errors.cannotCancel", "conflict");
    const status = before.status === "paid" ? "refunded" : "cancelled";
    const [order] = await tx
      .update(shopOrders)
      .set({ status, cancelledAt: now, cancelReason: reason || null, updatedAt: now })
      .where(and(eq(shopOrders.id, orderId), eq(shopOrders.status, before.status)))
      .returning();
    if (!order) throw AppError.field("_form", "portal.errors.cannotCancel", "conflict");
    await restock(tx, orderId);
    if (status === "refunded") {
      const occurredOn = localDate(now, ctx.timeZone);
      await tx
        .insert(shopIncome)
        .values({
          companyId: ctx.companyId,
          communityId: order.communityId,
          orderId,
          kind: "refund",
          amountFen: -order.totalFen,
          occurredOn,
        })
        .onConflictDoNothing();
      if (order.totalFen > 0)
        await postShopIncome(tx, {
          companyId: ctx.companyId,
          communityId: order.communityId,
          amountFen: -order.totalFen,
          occurredOn,
          sourceId: `refund:${orderId}`,
        });
    }
    await writeAudit(tx, {
      companyId: ctx.companyId,
      actorUserId: ctx.userId,
      action: `portal.order.${status}`,
      entity: "shop_order",
      entityId: orderId,
      before: { status: before.status },
      after: { status, reason },
    });
    await notifyOrder(tx, order, "portal.shop.cancelled", now);
    return order;
  });
}
