import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingCorrections, checkoutSessions, feeItems, paymentAccounts, payments } from "@/db/schema";
import { createCheckout } from "@/lib/billing/checkout";
import { savePaymentAccount } from "@/lib/billing/payment-accounts/commands";
import { alipayAccount } from "@/lib/billing/payment-accounts/queries";
import { alipayAccountSchema } from "@/lib/billing/payment-accounts/schemas";
import { refundOnlinePayment } from "@/lib/billing/provider-refunds";
import { alipayPayUrl, alipayPrecreate, alipayRefund } from "@/lib/billing/providers/alipay/client";
import { outTradeNo } from "@/lib/billing/providers/trade-no";
import type { Db } from "@/lib/db/client";
import { handleAlipayNotification, syncAlipayCheckout } from "@/lib/flows/alipay-notify";
import { AlipayFake } from "../fakes/alipay";
import { generateRsaKeys } from "../fakes/wechatpay";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

/** The last 4 characters of a PEM key's base64 body (what the settings page may show). */
const pemTail = (pem: string) =>
  pem
    .replace(/-----[^-]+-----/g, "")
    .replace(/\s+/g, "")
    .slice(-4);

const KEY = randomBytes(32);
const NOTIFY = "https://example.test/api/payments/alipay/notify";

describe("Alipay (alipay-sdk) against the local fake gateway (issue 18)", () => {
  let db: Db;
  const app = { appId: "2021000122600000", ...generateRsaKeys() };
  const fake = new AlipayFake([{ appId: app.appId, publicKey: app.publicKey }]);

  beforeAll(async () => {
    db = (await createTestDb()).db;
    await fake.start();
  });
  afterAll(() => fake.stop());

  async function world() {
    const w = await ticketWorld(db, { techs: [] });
    await db
      .insert(feeItems)
      .values({ companyId: w.companyId, name: "物业费", kind: "per_household", priceFen: 30_050 });
    const input = alipayAccountSchema.parse({
      enabled: true,
      useForResidents: false,
      appId: app.appId,
      gateway: fake.gateway,
      alipayPublicKey: fake.alipay.publicKey,
      appPrivateKey: app.privateKey,
    });
    await savePaymentAccount(db, KEY, { companyId: w.companyId, userId: w.adminId }, "alipay", input);
    const account = (await alipayAccount(db, KEY, w.companyId))!;
    const session = await createCheckout(
      db,
      { companyId: w.companyId, userId: w.resident.id },
      { householdId: w.estate.households[0].id, billIds: [], aheadMonths: 1 },
      "alipay",
    );
    const order = {
      outTradeNo: outTradeNo(session.id),
      amountFen: session.amountFen,
      subject: "物业费",
      notifyUrl: NOTIFY,
    };
    return { w, account, session, order };
  }

  const paymentsOf = (companyId: number) => db.select().from(payments).where(eq(payments.companyId, companyId));

  it("keeps the app private key sealed", async () => {
    const { w } = await world();
    const [row] = await db.select().from(paymentAccounts).where(eq(paymentAccounts.companyId, w.companyId));
    expect(JSON.stringify(row)).not.toContain(app.privateKey.split("\n")[1]);
    expect(row.secretHints).toEqual({ appPrivateKey: pemTail(app.privateKey) });
  });

  it("signs wap/page pay URLs and the precreate call with RSA2; the fake refuses another key", async () => {
    const { account, order } = await world();
    const wap = new URL(alipayPayUrl(account, "wap", { ...order, returnUrl: "https://example.test/back" }));
    expect(wap.searchParams.get("method")).toBe("alipay.trade.wap.pay");
    expect(wap.searchParams.get("sign_type")).toBe("RSA2");
    expect(JSON.parse(wap.searchParams.get("biz_content")!)).toMatchObject({
      out_trade_no: order.outTradeNo,
      total_amount: "300.50",
      product_code: "QUICK_WAP_WAY",
    });
    const page = await fetch(wap);
    expect(await page.text()).toContain("¥300.50");
    expect(fake.requests.at(-1)).toEqual({ method: "alipay.trade.wap.pay", signed: true });
    expect(await alipayPrecreate(account, order)).toBe(`https://qr.alipay.com/fake${order.outTradeNo}`);
    const forged = { ...account, appPrivateKey: generateRsaKeys().privateKey };
    await expect(alipayPrecreate(forged, order)).rejects.toThrow(/invalid-signature/);
    // A response not signed with the Alipay key is not believed.
    const wrongKey = { ...account, alipayPublicKey: generateRsaKeys().publicKey };
    await expect(alipayPrecreate(wrongKey, order)).rejects.toThrow(/验签失败/);
  });

  it("duplicate and concurrent notifications record one payment; a bad signature or another amount writes nothing", async () => {
    const { w, account, session, order } = await world();
    await alipayPrecreate(account, order);
    const body = fake.pay(order.outTradeNo);
    const tampered = body.replace("total_amount=300.50", "total_amount=1.00");
    expect(await handleAlipayNotification(db, w.companyId, account, tampered)).toEqual({ status: 401 });
    expect(await handleAlipayNotification(db, w.companyId, account, body.replace(/sign=[^&]+/, "sign=AAAA"))).toEqual({
      status: 401,
    });
    const other = fake.notification(order.outTradeNo, { totalAmount: "1.00" });
    expect(await handleAlipayNotification(db, w.companyId, account, other)).toMatchObject({ status: 400 });
    const b = await world();
    expect(await handleAlipayNotification(db, b.w.companyId, b.account, body)).toEqual({ status: 404 });
    expect(await paymentsOf(w.companyId)).toHaveLength(0);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => handleAlipayNotification(db, w.companyId, account, body)),
    );
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    const rows = await paymentsOf(w.companyId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amountFen: 30_050, provider: "alipay" });
    const [s] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, session.id));
    expect(s.status).toBe("paid");
  });

  it("the order query on return records a paid trade once; partial then full refund through Alipay", async () => {
    const { w, account, session, order } = await world();
    await alipayPrecreate(account, order);
    expect(await syncAlipayCheckout(db, account, session.id)).toEqual({ status: 200, tradeState: "WAIT_BUYER_PAY" });
    fake.pay(order.outTradeNo);
    const synced = await syncAlipayCheckout(db, account, session.id);
    expect(synced).toMatchObject({ status: 200, created: true });
    expect(await syncAlipayCheckout(db, account, session.id)).toMatchObject({ created: false });
    const finance = { companyId: w.companyId, userId: w.adminId };
    const refunder = (r: { outTradeNo: string; outRefundNo: string; refundFen: number; reason: string }) =>
      alipayRefund(account, r);
    const paymentId = synced.paymentId!;
    const part = await refundOnlinePayment(
      db,
      finance,
      { paymentId, amountFen: 50, reason: "多收", requestId: randomUUID() },
      refunder,
    );
    expect(part.status).toBe("success");
    await refundOnlinePayment(
      db,
      finance,
      { paymentId, amountFen: 30_000, reason: "退租", requestId: randomUUID() },
      refunder,
    );
    expect(fake.trades.get(order.outTradeNo)!.refunded).toBe(30_050);
    await expect(
      refundOnlinePayment(db, finance, { paymentId, amountFen: 1, reason: "再退", requestId: randomUUID() }, refunder),
    ).rejects.toMatchObject({ fieldErrors: { amount: ["billing.errors.refundTooLarge"] } });
    const corrections = await db.select().from(billingCorrections).where(eq(billingCorrections.paymentId, paymentId));
    expect(corrections.map((c) => c.amountFen).sort((a, b) => a - b)).toEqual([50, 30_000]);
  });
});
