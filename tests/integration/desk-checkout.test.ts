import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bills, checkoutSessions, payments } from "@/db/schema";
import { openDeskCheckout } from "@/lib/billing/desk-checkout";
import { outTradeNo } from "@/lib/billing/providers/trade-no";
import type { Db } from "@/lib/db/client";
import { cancelDeskCheckout, deskCheckoutStatus } from "@/lib/flows/desk-checkout";
import { queryStaleCheckouts, STALE_AFTER_MS } from "@/lib/flows/stale-checkouts";
import { AlipayFake } from "../fakes/alipay";
import { fakeMerchant, generateRsaKeys, WechatPayFake } from "../fakes/wechatpay";
import { providerWorld } from "../support/provider-world";
import { createTestDb } from "../support/test-db";

const KEY = randomBytes(32);
const URLS = { baseUrl: "https://example.test", description: "物业费" };

describe("the cashier's QR payments and stale checkouts against the fakes (issue 18)", () => {
  let db: Db;
  const merchant = fakeMerchant("1900000209");
  const wechat = new WechatPayFake([merchant]);
  const app = { appId: "2021000122600209", ...generateRsaKeys() };
  const alipay = new AlipayFake([{ appId: app.appId, publicKey: app.publicKey }]);

  beforeAll(async () => {
    db = (await createTestDb()).db;
    await Promise.all([wechat.start(), alipay.start()]);
  });
  afterAll(() => Promise.all([wechat.stop(), alipay.stop()]));

  const world = () => providerWorld(db, KEY, { wechat, merchant, alipay, app });

  const paymentsOf = (companyId: number) => db.select().from(payments).where(eq(payments.companyId, companyId));

  it("WeChat Native: the amount is the chosen bills' on the server; a double click is one order; paid → receipt", async () => {
    const { e, actor, household, owed } = await world();
    const input = {
      householdId: household,
      billIds: [owed[0].id],
      provider: "wechatpay" as const,
      requestId: randomUUID(),
    };
    const [a, b] = await Promise.all([
      openDeskCheckout(db, KEY, actor, input, URLS),
      openDeskCheckout(db, KEY, actor, input, URLS),
    ]);
    expect(a.sessionId).toBe(input.requestId);
    expect(b.sessionId).toBe(a.sessionId);
    expect(a.amountFen).toBe(owed[0].linesFen);
    expect(a.qr).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    const order = wechat.orders.get(outTradeNo(a.sessionId))!;
    expect(order.amountFen).toBe(owed[0].linesFen);
    expect(order.type).toBe("native");
    expect(await db.select().from(checkoutSessions).where(eq(checkoutSessions.companyId, e.companyId))).toHaveLength(1);

    expect((await deskCheckoutStatus(db, KEY, e.companyId, a.sessionId)).status).toBe("open");
    wechat.pay(order.outTradeNo); // the payer scans and pays; the notification is lost
    const view = await deskCheckoutStatus(db, KEY, e.companyId, a.sessionId);
    expect(view).toMatchObject({ status: "paid", amountFen: owed[0].linesFen });
    expect(view.receiptNo).toBeTruthy();
    const paid = await paymentsOf(e.companyId);
    expect(paid).toHaveLength(1);
    expect(paid[0].actorUserId).toBe(e.adminId);
    const [bill] = await db.select().from(bills).where(eq(bills.id, owed[0].id));
    expect(bill.allocatedFen).toBe(owed[0].linesFen);
  });

  it("another company's household or bill writes nothing; another company cannot see or cancel the checkout", async () => {
    const mine = await world();
    const other = await world();
    const req = (householdId: number, billIds: number[]) => ({
      householdId,
      billIds,
      provider: "wechatpay" as const,
      requestId: randomUUID(),
    });
    await expect(
      openDeskCheckout(db, KEY, mine.actor, req(other.household, [other.owed[0].id]), URLS),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      openDeskCheckout(db, KEY, mine.actor, req(mine.household, [other.owed[0].id]), URLS),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(
      await db.select().from(checkoutSessions).where(eq(checkoutSessions.companyId, mine.e.companyId)),
    ).toHaveLength(0);
    const opened = await openDeskCheckout(db, KEY, mine.actor, req(mine.household, [mine.owed[0].id]), URLS);
    await expect(deskCheckoutStatus(db, KEY, other.e.companyId, opened.sessionId)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(cancelDeskCheckout(db, KEY, other.e.companyId, opened.sessionId)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("cancel closes the order at the provider (WeChat close, Alipay cancel); a paid one stays paid", async () => {
    const { e, actor, household, owed } = await world();
    const open = (provider: "wechatpay" | "alipay", billIds: number[]) =>
      openDeskCheckout(db, KEY, actor, { householdId: household, billIds, provider, requestId: randomUUID() }, URLS);
    const w = await open("wechatpay", [owed[0].id]);
    expect((await cancelDeskCheckout(db, KEY, e.companyId, w.sessionId)).status).toBe("cancelled");
    expect(wechat.orders.get(outTradeNo(w.sessionId))!.state).toBe("CLOSED");
    const a = await open("alipay", [owed[1].id]);
    expect(a.qr).toContain("qr.alipay.com");
    expect((await cancelDeskCheckout(db, KEY, e.companyId, a.sessionId)).status).toBe("cancelled");
    expect(alipay.trades.get(outTradeNo(a.sessionId))!.status).toBe("TRADE_CLOSED");
    expect(await paymentsOf(e.companyId)).toHaveLength(0);

    const paid = await open("alipay", [owed[1].id]);
    alipay.pay(outTradeNo(paid.sessionId));
    expect((await cancelDeskCheckout(db, KEY, e.companyId, paid.sessionId)).status).toBe("paid");
    expect(alipay.trades.get(outTradeNo(paid.sessionId))!.status).toBe("TRADE_SUCCESS");
    expect(await paymentsOf(e.companyId)).toHaveLength(1);
  });

  it("stale checkouts: two ticks at once record a paid one once and expire a closed one; nothing due writes nothing", async () => {
    const { e, actor, household, owed } = await world();
    const open = (provider: "wechatpay" | "alipay", billIds: number[]) =>
      openDeskCheckout(db, KEY, actor, { householdId: household, billIds, provider, requestId: randomUUID() }, URLS);
    const paid = await open("alipay", [owed[0].id]);
    const closed = await open("wechatpay", [owed[1].id]);
    alipay.pay(outTradeNo(paid.sessionId)); // paid; the notification never reached us
    wechat.orders.get(outTradeNo(closed.sessionId))!.state = "CLOSED"; // closed at WeChat Pay
    const early = await queryStaleCheckouts(db, new Date(), [e.companyId], KEY);
    expect(early).toEqual({ queried: 0, expired: 0, failed: 0 });

    const later = new Date(Date.now() + STALE_AFTER_MS + 60_000);
    const [t1, t2] = await Promise.all([
      queryStaleCheckouts(db, later, [e.companyId], KEY),
      queryStaleCheckouts(db, later, [e.companyId], KEY),
    ]);
    expect(t1.queried + t2.queried).toBe(2);
    expect(t1.expired + t2.expired).toBe(1);
    const rows = await db.select().from(checkoutSessions).where(eq(checkoutSessions.companyId, e.companyId));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [paid.sessionId]: "paid",
      [closed.sessionId]: "expired",
    });
    const recorded = await paymentsOf(e.companyId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].amountFen).toBe(owed[0].linesFen);
    // Asked once: the next minute's tick has nothing due.
    expect(await queryStaleCheckouts(db, new Date(later.getTime() + 60_000), [e.companyId], KEY)).toEqual({
      queried: 0,
      expired: 0,
      failed: 0,
    });
  });
});
