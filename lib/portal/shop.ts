import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { postShopIncome } from "@/lib/finance/ledger";
import { companies, shopCartItems, shopIncome, shopOrderLines, shopOrders, shopProducts, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import type { PaymentProvider } from "@/lib/billing/providers/types";
import { activeGoldBadges, publishedRules } from "@/lib/crm/read";
import type { Db, DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { notifyPortal, type PortalNotificationKind } from "./notify";
import { enqueueForUser } from "@/lib/outbox/enqueue";
import { shopTotals } from "./rules";
import { MAX_LINE_QUANTITY, type PlaceOrderInput, type ProductInput } from "./schemas";
import { localDate } from "@/lib/time/zone";

/*
 * 网购平台. The server prices every order from the catalogue (lib/portal/rules.ts
 * shopTotals) and applies the company's VIP discount only to a household holding an
 * active gold badge. Stock is taken with a conditional update (stock >= quantity) inside
 * the order's transaction, so concurrent orders never oversell; cancelling gives it back.
 * Paid orders record shop income (shop_income) for finance.
 */

// ── catalogue ────────────────────────────────────────────────────────────────

export async function listProducts(db: DbOrTx, companyId: number, { activeOnly }: { activeOnly: boolean }) {
  return db
    .select()
    .from(shopProducts)
    .where(and(eq(shopProducts.companyId, companyId), activeOnly ? eq(shopProducts.active, true) : undefined))
    .orderBy(asc(shopProducts.kind), asc(shopProducts.id));
}

export async function getProduct(db: DbOrTx, companyId: number, id: number) {
  const [row] = await db
    .select()
    .from(shopProducts)
    .where(and(eq(shopProducts.companyId, companyId), eq(shopProducts.id, id)));
  return row ?? null;
}

/** Creates or updates a product (audited with before/after: prices are money). */
export async function saveProduct(
  db: Db,
  ctx: { companyId: number; userId: number },
  input: ProductInput,
  photo?: { storedPath: string; mime: string },
) {
  return db.transaction(async (tx) => {
    const values = {
      kind: input.kind,
      name: input.name,
      description: input.description,
      priceFen: input.price,
      stock: input.stock,
      active: input.active,
      ...(photo ? { photoPath: photo.storedPath, photoMime: photo.mime } : {}),
    };
    if (input.id) {
      const before = await getProduct(tx, ctx.companyId, input.id);
      if (!before) throw new AppError("not_found");
      const [after] = await tx
        .update(shopProducts)
        .set(values)
        .where(and(eq(shopProducts.companyId, ctx.companyId), eq(shopProducts.id, input.id)))
        .returning();
      await writeAudit(tx, {
        companyId: ctx.companyId,
        actorUserId: ctx.userId,
        action: "portal.product.update",
        entity: "shop_product",
        entityId: after.id,
        before,
        after,
      });
      return after;
    }
    const [row] = await tx
      .insert(shopProducts)
      .values({ companyId: ctx.companyId, ...values })
      .returning();
    await writeAudit(tx, {
      companyId: ctx.companyId,
      actorUserId: ctx.userId,
      action: "portal.product.create",
      entity: "shop_product",
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

/** A product photo a member of the company may see (any staff or resident of it), for /api/files/p<id>. */
export async function productPhoto(db: DbOrTx, companyId: number, productId: number) {
  const [row] = await db
    .select({ storedPath: shopProducts.photoPath, mime: shopProducts.photoMime })
    .from(shopProducts)
    .where(and(eq(shopProducts.companyId, companyId), eq(shopProducts.id, productId)));
  return row?.storedPath && row.mime ? { storedPath: row.storedPath, mime: row.mime } : null;
}

// ── VIP ──────────────────────────────────────────────────────────────────────

/** The VIP percent for each of the resident's households holding an active gold badge on `asOf`. */
export async function vipPercents(
  db: DbOrTx,
  companyId: number,
  householdIds: number[],
  asOf: string,
): Promise<Map<number, number>> {
  const badges = await activeGoldBadges(db, companyId, householdIds, asOf);
  if (!badges.size) return new Map();
  const percent = (await publishedRules(db, companyId)).gold.vipDiscountPercent;
  return new Map([...badges.keys()].map((h) => [h, percent]));
}

// ── cart ─────────────────────────────────────────────────────────────────────

/** Sets a cart line (0 removes it). The product must be the company's and on sale. */
export async function setCartItem(db: Db, companyId: number, userId: number, productId: number, quantity: number) {
  const product = await getProduct(db, companyId, productId);
  if (!product || !product.active) throw new AppError("not_found");
  if (quantity === 0) {
    await db.delete(shopCartItems).where(and(eq(shopCartItems.userId, userId), eq(shopCartItems.productId, productId)));
    return;
  }
  if (quantity > product.stock) throw AppError.field("quantity", "portal.errors.outOfStock", "conflict");
  await db
    .insert(shopCartItems)
    .values({ companyId, userId, productId, quantity })
    .onConflictDoUpdate({ target: [shopCartItems.userId, shopCartItems.productId], set: { quantity } });
}

export async function cartLines(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select({
      productId: shopProducts.id,
      name: shopProducts.name,
      kind: shopProducts.kind,
      priceFen: shopProducts.priceFen,
      stock: shopProducts.stock,
      quantity: shopCartItems.quantity,
    })
    .from(shopCartItems)
    .innerJoin(
      shopProducts,
      and(
        eq(shopProducts.id, shopCartItems.productId),
        eq(shopProducts.companyId, companyId),
        eq(shopProducts.active, true),
      ),
    )
    .where(and(eq(shopCartItems.companyId, companyId), eq(shopCartItems.userId, userId)))
    .orderBy(asc(shopProducts.id));
}

// ── orders ───────────────────────────────────────────────────────────────────

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
    for (const line of totals.lines) {
      const taken = await tx
        .update(shopProducts)
        .set({ stock: sql`${shopProducts.stock} - ${line.quantity}` })
        .where(
          and(
            eq(shopProducts.id, line.productId),
            eq(shopProducts.companyId, ctx.companyId),
            sql`${shopProducts.stock} >= ${line.quantity}`,
          ),
        )
        .returning({ id: shopProducts.id });
      if (!taken.length) throw AppError.field(`lines.${line.productId}`, "portal.errors.outOfStock", "conflict");
    }
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
async function restock(tx: DbOrTx, orderId: number) {
  await tx.run(sql`update shop_products set stock = stock + (select coalesce(sum(l.quantity), 0) from shop_order_lines l where l.order_id = ${orderId} and l.product_id = shop_products.id)
    where id in (select product_id from shop_order_lines where order_id = ${orderId})`);
}

async function notifyOrder(
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

/** The resident's orders, newest first. */
export async function residentOrders(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select()
    .from(shopOrders)
    .where(and(eq(shopOrders.companyId, companyId), eq(shopOrders.userId, userId)))
    .orderBy(desc(shopOrders.id))
    .limit(100);
}

/** One order with its lines: the resident's own (userId) or, for staff, any of the company's. */
export async function orderWithLines(db: DbOrTx, companyId: number, id: number, userId?: number) {
  const [order] = await db
    .select({ order: shopOrders, buyer: users.name, phone: users.phone })
    .from(shopOrders)
    .innerJoin(users, eq(users.id, shopOrders.userId))
    .where(
      and(
        eq(shopOrders.companyId, companyId),
        eq(shopOrders.id, id),
        userId ? eq(shopOrders.userId, userId) : undefined,
      ),
    );
  if (!order) return null;
  const lines = await db
    .select()
    .from(shopOrderLines)
    .where(and(eq(shopOrderLines.companyId, companyId), eq(shopOrderLines.orderId, id)))
    .orderBy(asc(shopOrderLines.id));
  return { ...order.order, buyer: order.buyer, phone: order.phone, lines };
}

export async function orderByCheckout(db: DbOrTx, companyId: number, userId: number, checkoutId: string) {
  const [row] = await db
    .select()
    .from(shopOrders)
    .where(
      and(eq(shopOrders.companyId, companyId), eq(shopOrders.userId, userId), eq(shopOrders.checkoutId, checkoutId)),
    );
  return row ?? null;
}

/** Staff: the company's orders (optionally one status), newest first. */
export async function staffOrders(db: DbOrTx, companyId: number, status?: (typeof shopOrders.$inferSelect)["status"]) {
  return db
    .select({ order: shopOrders, buyer: users.name })
    .from(shopOrders)
    .innerJoin(users, eq(users.id, shopOrders.userId))
    .where(and(eq(shopOrders.companyId, companyId), status ? eq(shopOrders.status, status) : undefined))
    .orderBy(desc(shopOrders.id))
    .limit(200);
}

/**
 * Shop income for finance (多种经营收入): net fen per community over company-local dates
 * [from, to] — sales minus refunds. This is the query the finance module should read.
 */
export async function shopIncomeByCommunity(db: DbOrTx, companyId: number, from: string, to: string) {
  return db
    .select({ communityId: shopIncome.communityId, amountFen: sql<number>`sum(${shopIncome.amountFen})` })
    .from(shopIncome)
    .where(and(eq(shopIncome.companyId, companyId), sql`${shopIncome.occurredOn} between ${from} and ${to}`))
    .groupBy(shopIncome.communityId);
}
