import { and, asc, desc, eq, sql } from "drizzle-orm";
import { shopIncome, shopOrderLines, shopOrders, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

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
