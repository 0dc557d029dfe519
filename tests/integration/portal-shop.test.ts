import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications, outboxMessages, shopIncome, shopOrders, shopProducts, users } from "@/db/schema";
import { sandboxProvider, sandboxSecret, signSandbox } from "@/lib/billing/providers/sandbox";
import type { Db } from "@/lib/db/client";
import { placeOrderSchema } from "@/lib/portal/schemas";
import { advanceOrder, cancelOrder, placeOrder } from "@/lib/portal/shop/orders";
import { handleShopWebhook } from "@/lib/portal/shop/webhook";
import { orderWithLines, shopIncomeByCommunity } from "@/lib/portal/shop/order-queries";
import { productPhoto, saveProduct } from "@/lib/portal/shop/catalogue";
import { createPortalEstate, giveGoldBadge } from "../support/portal";
import { createTestDb } from "../support/test-db";

const SECRET = sandboxSecret({ NEXTAUTH_SECRET: "test-nextauth-secret-0123456789" });
const provider = sandboxProvider(SECRET);
const NOW = new Date("2026-11-20T02:00:00Z");
const TZ = "Asia/Shanghai";

async function shop(db: Db, n = 2, stock = 10) {
  const e = await createPortalEstate(db, n);
  const staff = { companyId: e.companyId, userId: e.frontDesk.id };
  const water = await saveProduct(db, staff, {
    kind: "product",
    name: "桶装水",
    description: "",
    price: 1999,
    stock,
    active: true,
  });
  const cleaning = await saveProduct(db, staff, {
    kind: "service",
    name: "家政保洁",
    description: "",
    price: 4500,
    stock: 5,
    active: true,
  });
  const ctx = (i: number) => ({ companyId: e.companyId, userId: e.residents[i].id, timeZone: TZ });
  return { ...e, water, cleaning, staff, ctx };
}

const paidEvent = (checkoutId: string, status: "paid" | "cancelled" = "paid") => {
  const body = JSON.stringify({ sessionId: checkoutId, status, eventId: `evt-${checkoutId}` });
  return [body, signSandbox(body, SECRET)] as const;
};

describe("shop orders", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("prices on the server; a gold-card household gets the company's VIP discount", async () => {
    const e = await shop(db);
    await giveGoldBadge(db, e.companyId, e.households[0].id);
    const gold = await placeOrder(
      db,
      e.ctx(0),
      {
        householdId: e.households[0].id,
        lines: [
          { productId: e.water.id, quantity: 3 },
          { productId: e.cleaning.id, quantity: 1 },
        ],
      },
      NOW,
    );
    expect(gold).toMatchObject({ totalFen: 10497 - 1050, discountFen: 1050 });
    const plain = await placeOrder(
      db,
      e.ctx(1),
      { householdId: e.households[1].id, lines: [{ productId: e.water.id, quantity: 1 }] },
      NOW,
    );
    expect(plain).toMatchObject({ totalFen: 1999, discountFen: 0 });
    const [p] = await db.select().from(shopProducts).where(eq(shopProducts.id, e.water.id));
    expect(p.stock).toBe(6);
  });

  it("a tampered price or discount in the request is refused by the schema", () => {
    const bad = placeOrderSchema.safeParse({ householdId: 1, lines: [{ productId: 1, quantity: 1, unitPriceFen: 1 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe("portal.errors.tampered");
    const discount = placeOrderSchema.safeParse({
      householdId: 1,
      lines: [{ productId: 1, quantity: 1 }],
      discountPercent: 50,
    });
    expect(discount.error?.issues[0].message).toBe("portal.errors.tampered");
  });

  it("a non-gold household, or someone else's household, gets no discount / not found", async () => {
    const e = await shop(db);
    await giveGoldBadge(db, e.companyId, e.households[0].id);
    // Resident 1 names the gold household 0: not theirs → not found, nothing written.
    await expect(
      placeOrder(
        db,
        e.ctx(1),
        { householdId: e.households[0].id, lines: [{ productId: e.water.id, quantity: 1 }] },
        NOW,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    const other = await shop(db, 1);
    await expect(
      placeOrder(
        db,
        other.ctx(0),
        { householdId: other.households[0].id, lines: [{ productId: e.water.id, quantity: 1 }] },
        NOW,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.$count(shopOrders, eq(shopOrders.companyId, e.companyId))).toBe(0);
  });

  it("ordering more than the stock is refused; nothing written", async () => {
    const e = await shop(db, 1, 2);
    await expect(
      placeOrder(
        db,
        e.ctx(0),
        {
          householdId: e.households[0].id,
          lines: [
            { productId: e.cleaning.id, quantity: 1 },
            { productId: e.water.id, quantity: 3 },
          ],
        },
        NOW,
      ),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { [`lines.${e.water.id}`]: ["portal.errors.outOfStock"] },
    });
    expect(await db.$count(shopOrders, eq(shopOrders.companyId, e.companyId))).toBe(0);
    const stocks = await db
      .select({ id: shopProducts.id, stock: shopProducts.stock })
      .from(shopProducts)
      .where(eq(shopProducts.companyId, e.companyId));
    expect(stocks.map((s) => s.stock).sort()).toEqual([2, 5]); // the cleaning slot taken first was rolled back
  });

  it("the per-product quantity cap holds after duplicate lines merge (two lines of 99 are refused); nothing reserved", async () => {
    const e = await shop(db, 1, 500);
    const twice = {
      householdId: e.households[0].id,
      lines: [
        { productId: e.water.id, quantity: 99 },
        { productId: e.water.id, quantity: 99 },
      ],
    };
    const parsed = placeOrderSchema.safeParse(twice);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      message: "portal.errors.quantity",
      path: ["lines", 1, "quantity"],
    });
    await expect(placeOrder(db, e.ctx(0), twice, NOW)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { [`lines.${e.water.id}`]: ["portal.errors.quantity"] },
    });
    expect(await db.$count(shopOrders, eq(shopOrders.companyId, e.companyId))).toBe(0);
    const [p] = await db.select().from(shopProducts).where(eq(shopProducts.id, e.water.id));
    expect(p.stock).toBe(500);
    // Split lines within the cap still merge into one line of 99.
    const ok = await placeOrder(
      db,
      e.ctx(0),
      {
        householdId: e.households[0].id,
        lines: [
          { productId: e.water.id, quantity: 50 },
          { productId: e.water.id, quantity: 49 },
        ],
      },
      NOW,
    );
    expect(ok).toMatchObject({ totalFen: 1999 * 99 });
  });

  it("concurrent orders never oversell", async () => {
    const e = await shop(db, 8, 5);
    const results = await Promise.allSettled(
      e.residents.map((_, i) =>
        placeOrder(
          db,
          e.ctx(i),
          { householdId: e.households[i].id, lines: [{ productId: e.water.id, quantity: 1 }] },
          NOW,
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(5);
    expect(results.filter((r) => r.status === "rejected").length).toBe(3);
    const [p] = await db.select().from(shopProducts).where(eq(shopProducts.id, e.water.id));
    expect(p.stock).toBe(0);
  });

  it("a paid webhook pays the order once under replays, records income and notifies", async () => {
    const e = await shop(db);
    await db.update(users).set({ email: "buyer@test.guanjia.cn" }).where(eq(users.id, e.residents[0].id));
    const o = await placeOrder(
      db,
      e.ctx(0),
      { householdId: e.households[0].id, lines: [{ productId: e.water.id, quantity: 2 }] },
      NOW,
    );
    const [body, sig] = paidEvent(o.checkoutId);
    expect(await handleShopWebhook(db, provider, body, "0".repeat(64), NOW)).toEqual({ status: 401 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => handleShopWebhook(db, provider, body, sig, NOW)),
    );
    expect(outcomes.filter((x) => x.paid).length).toBe(1);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((x) => x.status === 200)).toBe(true);
    const income = await db.select().from(shopIncome).where(eq(shopIncome.orderId, o.orderId));
    expect(income).toMatchObject([
      { kind: "sale", amountFen: 3998, occurredOn: "2026-11-20", communityId: e.community.id },
    ]);
    expect(await db.$count(notifications, eq(notifications.userId, e.residents[0].id))).toBe(1);
    expect(await db.$count(outboxMessages, eq(outboxMessages.to, "buyer@test.guanjia.cn"))).toBe(1);
    expect(await shopIncomeByCommunity(db, e.companyId, "2026-11-01", "2026-11-30")).toEqual([
      { communityId: e.community.id, amountFen: 3998 },
    ]);
  });

  it("staff fulfil paid orders; cancel before acceptance refunds and restocks", async () => {
    const e = await shop(db);
    const a = await placeOrder(
      db,
      e.ctx(0),
      { householdId: e.households[0].id, lines: [{ productId: e.water.id, quantity: 2 }] },
      NOW,
    );
    const b = await placeOrder(
      db,
      e.ctx(1),
      { householdId: e.households[1].id, lines: [{ productId: e.water.id, quantity: 3 }] },
      NOW,
    );
    await handleShopWebhook(db, provider, ...paidEvent(a.checkoutId), NOW);
    await handleShopWebhook(db, provider, ...paidEvent(b.checkoutId), NOW);
    await expect(advanceOrder(db, e.staff, a.orderId, "delivered", NOW)).rejects.toMatchObject({ code: "conflict" });
    await advanceOrder(db, e.staff, a.orderId, "accepted", NOW);
    await expect(cancelOrder(db, { ...e.staff, timeZone: TZ }, a.orderId, "", NOW)).rejects.toMatchObject({
      fieldErrors: { _form: ["portal.errors.cannotCancel"] },
    });
    await advanceOrder(db, e.staff, a.orderId, "delivered", NOW);
    await advanceOrder(db, e.staff, a.orderId, "done", NOW);
    const refunded = await cancelOrder(db, { ...e.staff, timeZone: TZ }, b.orderId, "缺货", NOW);
    expect(refunded.status).toBe("refunded");
    const [p] = await db.select().from(shopProducts).where(eq(shopProducts.id, e.water.id));
    expect(p.stock).toBe(8);
    expect(await shopIncomeByCommunity(db, e.companyId, "2026-11-01", "2026-11-30")).toEqual([
      { communityId: e.community.id, amountFen: 3998 },
    ]);
    // A paid webhook for a cancelled order pays nothing.
    const c = await placeOrder(
      db,
      e.ctx(0),
      { householdId: e.households[0].id, lines: [{ productId: e.water.id, quantity: 1 }] },
      NOW,
    );
    await handleShopWebhook(db, provider, ...paidEvent(c.checkoutId, "cancelled"), NOW);
    expect(await handleShopWebhook(db, provider, ...paidEvent(c.checkoutId), NOW)).toMatchObject({ status: 400 });
    const [p2] = await db.select().from(shopProducts).where(eq(shopProducts.id, e.water.id));
    expect(p2.stock).toBe(8);
    // Another company's staff cannot touch the order.
    const other = await shop(db, 1);
    await expect(advanceOrder(db, other.staff, a.orderId, "accepted", NOW)).rejects.toMatchObject({
      code: "not_found",
    });
    // A resident cancels only their own.
    await expect(
      cancelOrder(
        db,
        { companyId: e.companyId, userId: e.residents[1].id, residentUserId: e.residents[1].id, timeZone: TZ },
        c.orderId,
        "",
        NOW,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("another company or another resident sees neither orders nor product photos", async () => {
    const e = await shop(db);
    const other = await shop(db, 1);
    await saveProduct(
      db,
      e.staff,
      { id: e.water.id, kind: "product", name: "桶装水", description: "", price: 1999, stock: 10, active: true },
      { storedPath: "2026-11/x.png", mime: "image/png" },
    );
    expect(await productPhoto(db, e.companyId, e.water.id)).toEqual({ storedPath: "2026-11/x.png", mime: "image/png" });
    expect(await productPhoto(db, other.companyId, e.water.id)).toBeNull();
    const o = await placeOrder(
      db,
      e.ctx(0),
      { householdId: e.households[0].id, lines: [{ productId: e.water.id, quantity: 1 }] },
      NOW,
    );
    expect(await orderWithLines(db, e.companyId, o.orderId, e.residents[0].id)).not.toBeNull();
    expect(await orderWithLines(db, e.companyId, o.orderId, e.residents[1].id)).toBeNull();
    expect(await orderWithLines(db, other.companyId, o.orderId)).toBeNull();
  });
});
