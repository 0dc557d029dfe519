import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  billingCorrections,
  checkoutSessions,
  feeItems,
  paymentAccounts,
  payments,
  providerRefunds,
} from "@/db/schema";
import { createCheckout } from "@/lib/billing/checkout";
import { savePaymentAccount } from "@/lib/billing/payment-accounts/commands";
import { paymentAccountSummaries, residentProvider, wechatAccount } from "@/lib/billing/payment-accounts/queries";
import { wechatAccountSchema } from "@/lib/billing/payment-accounts/schemas";
import { markRefundSucceeded, refundOnlinePayment } from "@/lib/billing/provider-refunds";
import { refundAnyPayment } from "@/lib/billing/providers/refund";
import {
  createWechatOrder,
  queryWechatOrder,
  refundWechatOrder,
  type WechatPayAccount,
} from "@/lib/billing/providers/wechatpay/client";
import { readSignatureHeaders } from "@/lib/billing/providers/wechatpay/crypto";
import { outTradeNo } from "@/lib/billing/providers/trade-no";
import type { Db } from "@/lib/db/client";
import { handleWechatNotification } from "@/lib/flows/wechatpay-notify";
import { fakeMerchant, WechatPayFake, type SignedNotification } from "../fakes/wechatpay";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

/** The last 4 characters of a PEM key's base64 body (what the settings page may show). */
const pemTail = (pem: string) =>
  pem
    .replace(/-----[^-]+-----/g, "")
    .replace(/\s+/g, "")
    .slice(-4);

const KEY = randomBytes(32);
const NOTIFY = "https://example.test/api/payments/wechatpay/notify";
const headersOf = (n: SignedNotification) => readSignatureHeaders(new Headers(n.headers));

describe("WeChat Pay v3 against the local fake (issue 18)", () => {
  let db: Db;
  const merchant = fakeMerchant("1900000109");
  const spMerchant = fakeMerchant("1900000001");
  const fake = new WechatPayFake([merchant, spMerchant]);

  beforeAll(async () => {
    db = (await createTestDb()).db;
    await fake.start();
  });
  afterAll(() => fake.stop());

  /** A company with a WeChat Pay account on the fake, a resident's household and a monthly fee. */
  async function world(mode: "direct" | "partner" = "direct") {
    const w = await ticketWorld(db, { techs: [] });
    await db
      .insert(feeItems)
      .values({ companyId: w.companyId, name: "物业费", kind: "per_household", priceFen: 12_345 });
    const m = mode === "direct" ? merchant : spMerchant;
    const input = wechatAccountSchema.parse({
      enabled: "on",
      useForResidents: "on",
      mode,
      mchId: m.mchId,
      appId: "wxd678efh567hg6787",
      subMchId: mode === "partner" ? "1900000110" : "",
      subAppId: "",
      serialNo: m.serialNo,
      platformSerial: fake.platformSerial,
      platformPublicKey: fake.platform.publicKey,
      baseUrl: fake.baseUrl,
      privateKey: m.privateKey,
      apiV3Key: fake.apiV3Key,
    });
    await savePaymentAccount(db, KEY, { companyId: w.companyId, userId: w.adminId }, "wechatpay", input);
    const account = (await wechatAccount(db, KEY, w.companyId))!;
    const household = w.estate.households[0].id;
    const session = await createCheckout(
      db,
      { companyId: w.companyId, userId: w.resident.id },
      { householdId: household, billIds: [], aheadMonths: 1 },
      "wechatpay",
    );
    return { w, account, household, session, tradeNo: outTradeNo(session.id) };
  }

  const paymentsOf = (companyId: number) => db.select().from(payments).where(eq(payments.companyId, companyId));

  it("stores the merchant credentials sealed: no plaintext secret in the database, only the last 4 characters shown", async () => {
    const { w, account } = await world();
    expect(account.privateKey).toBe(merchant.privateKey.trim());
    expect(await residentProvider(db, w.companyId)).toBe("wechatpay");
    const [row] = await db.select().from(paymentAccounts).where(eq(paymentAccounts.companyId, w.companyId));
    const audit = await db.select().from(auditLog).where(eq(auditLog.companyId, w.companyId));
    const stored = JSON.stringify(row) + JSON.stringify(audit);
    const keyBody = merchant.privateKey.split("\n")[1];
    expect(stored).not.toContain(keyBody);
    expect(stored).not.toContain(fake.apiV3Key);
    expect(stored).not.toContain("PRIVATE KEY");
    const summary = await paymentAccountSummaries(db, w.companyId);
    expect(summary.accounts[0].secretHints).toEqual({
      privateKey: pemTail(merchant.privateKey),
      apiV3Key: fake.apiV3Key.slice(-4),
    });
    // Saving again with the secrets left empty keeps them.
    const again = wechatAccountSchema.parse({ ...row.config, enabled: "on", privateKey: "", apiV3Key: "" });
    await savePaymentAccount(db, KEY, { companyId: w.companyId, userId: w.adminId }, "wechatpay", again);
    expect((await wechatAccount(db, KEY, w.companyId))!.apiV3Key).toBe(fake.apiV3Key);
    // With another key the sealed secrets do not open.
    await expect(wechatAccount(db, randomBytes(32), w.companyId)).rejects.toThrow();
  });

  it("signs its orders (H5, Native, JSAPI); the fake refuses a request signed with another key", async () => {
    const { account, session, tradeNo } = await world();
    const order = { outTradeNo: tradeNo, amountFen: session.amountFen, description: "物业费", notifyUrl: NOTIFY };
    const h5 = await createWechatOrder(account, "h5", { ...order, clientIp: "10.0.0.1" });
    expect(h5.h5_url).toBe(`${fake.baseUrl}/fake/h5/${tradeNo}`);
    expect((await createWechatOrder(account, "native", order)).code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl/);
    expect((await createWechatOrder(account, "jsapi", { ...order, openid: "o-openid" })).prepay_id).toBe(
      `wx${tradeNo}`,
    );
    expect(
      fake.requests.slice(-3).every((r) => r.signed && r.path === `/v3/pay/transactions/${r.path.split("/").pop()}`),
    ).toBe(true);
    const forged: WechatPayAccount = { ...account, privateKey: fakeMerchant().privateKey };
    await expect(createWechatOrder(forged, "native", order)).rejects.toThrow(/401 SIGN_ERROR/);
    // A response not signed by the platform key is not believed.
    const wrongPlatform: WechatPayAccount = { ...account, platformPublicKey: fakeMerchant().publicKey };
    await expect(queryWechatOrder(wrongPlatform, tradeNo)).rejects.toThrow(/BAD_RESPONSE_SIGNATURE/);
  });

  it("duplicate and concurrent notifications record one payment; the order query agrees", async () => {
    const { w, account, session, tradeNo } = await world();
    await createWechatOrder(account, "h5", {
      outTradeNo: tradeNo,
      amountFen: session.amountFen,
      description: "物业费",
      notifyUrl: NOTIFY,
    });
    const n = fake.pay(tradeNo);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => handleWechatNotification(db, w.companyId, account, headersOf(n), n.body)),
    );
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    const again = await handleWechatNotification(db, w.companyId, account, headersOf(n), n.body);
    expect(again).toMatchObject({ status: 200, created: false });
    const rows = await paymentsOf(w.companyId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amountFen: 12_345, provider: "wechatpay", method: "online" });
    const [s] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, session.id));
    expect(s).toMatchObject({ status: "paid", paymentId: rows[0].id });
    expect(await queryWechatOrder(account, tradeNo)).toMatchObject({
      trade_state: "SUCCESS",
      amount: { total: 12_345 },
    });
  });

  it("a bad signature, a tampered or stale notification, another amount or another company's order writes nothing", async () => {
    const { w, account, session, tradeNo } = await world();
    await createWechatOrder(account, "native", {
      outTradeNo: tradeNo,
      amountFen: session.amountFen,
      description: "物业费",
      notifyUrl: NOTIFY,
    });
    const n = fake.pay(tradeNo);
    const h = headersOf(n);
    const tampered = n.body.replace(/"ciphertext":"./, (m) => m.slice(0, -1) + (m.endsWith("A") ? "B" : "A"));
    expect(await handleWechatNotification(db, w.companyId, account, h, tampered)).toEqual({ status: 401 });
    expect(await handleWechatNotification(db, w.companyId, account, { ...h, signature: "AAAA" }, n.body)).toEqual({
      status: 401,
    });
    expect(await handleWechatNotification(db, w.companyId, account, { ...h, serial: "OTHER" }, n.body)).toEqual({
      status: 401,
    });
    const stale = Date.now() + 10 * 60_000;
    expect(await handleWechatNotification(db, w.companyId, account, h, n.body, stale)).toEqual({ status: 401 });
    // Correctly signed but with another amount than the session's: refused.
    const other = fake.pay(tradeNo, { amountFen: 1 });
    expect(await handleWechatNotification(db, w.companyId, account, headersOf(other), other.body)).toMatchObject({
      status: 400,
    });
    // Delivered to another company's notify URL (same fake platform key): not that company's checkout.
    const b = await world();
    expect(await handleWechatNotification(db, b.w.companyId, b.account, h, n.body)).toEqual({ status: 404 });
    expect(await paymentsOf(w.companyId)).toHaveLength(0);
    expect(await paymentsOf(b.w.companyId)).toHaveLength(0);
  });

  it("refunds part, then the rest, through WeChat Pay; a retried request refunds once; more is refused", async () => {
    const { w, account, session, tradeNo } = await world();
    await createWechatOrder(account, "h5", {
      outTradeNo: tradeNo,
      amountFen: session.amountFen,
      description: "物业费",
      notifyUrl: NOTIFY,
    });
    const n = fake.pay(tradeNo);
    const { paymentId } = await handleWechatNotification(db, w.companyId, account, headersOf(n), n.body);
    const finance = { companyId: w.companyId, userId: w.adminId };
    const refunder = (r: Parameters<Parameters<typeof refundOnlinePayment>[3]>[0]) =>
      refundWechatOrder(account, { ...r, notifyUrl: NOTIFY }).then((x) => ({
        refundId: x.refund_id,
        status: x.status as "PROCESSING",
      }));
    const first = randomUUID();
    const part = await refundOnlinePayment(
      db,
      finance,
      { paymentId: paymentId!, amountFen: 2_345, reason: "多收", requestId: first },
      refunder,
    );
    expect(part).toMatchObject({ status: "processing", amountFen: 2_345 });
    // The same request again (a double click, a retry): no second refund, here or at WeChat.
    await refundOnlinePayment(
      db,
      finance,
      { paymentId: paymentId!, amountFen: 2_345, reason: "多收", requestId: first },
      refunder,
    );
    expect(fake.orders.get(tradeNo)!.refunded).toBe(2_345);
    const rest = await refundOnlinePayment(
      db,
      finance,
      { paymentId: paymentId!, amountFen: 10_000, reason: "退租", requestId: randomUUID() },
      refunder,
    );
    expect(rest.status).toBe("processing");
    await expect(
      refundOnlinePayment(
        db,
        finance,
        { paymentId: paymentId!, amountFen: 1, reason: "再退", requestId: randomUUID() },
        refunder,
      ),
    ).rejects.toMatchObject({ fieldErrors: { amount: ["billing.errors.refundTooLarge"] } });
    const corrections = await db.select().from(billingCorrections).where(eq(billingCorrections.paymentId, paymentId!));
    expect(corrections.map((c) => c.amountFen).sort()).toEqual([10_000, 2_345]);
    // The refund notification completes it (once; replays are harmless).
    const rn = fake.refundNotification(part.outRefundNo);
    expect(await handleWechatNotification(db, w.companyId, account, headersOf(rn), rn.body)).toEqual({ status: 200 });
    expect(await handleWechatNotification(db, w.companyId, account, headersOf(rn), rn.body)).toEqual({ status: 200 });
    expect(await markRefundSucceeded(db, w.companyId + 1_000_000, part.outRefundNo, "x")).toEqual({
      found: false,
      updated: 0,
    });
    const rows = await db.select().from(providerRefunds).where(eq(providerRefunds.paymentId, paymentId!));
    expect(rows.map((r) => r.status).sort()).toEqual(["processing", "success"]);
  });

  it("finance's refund of a WeChat Pay payment goes through WeChat Pay; with the account switched off it is refused", async () => {
    const { w, account, session, tradeNo } = await world();
    await createWechatOrder(account, "h5", {
      outTradeNo: tradeNo,
      amountFen: session.amountFen,
      description: "物业费",
      notifyUrl: NOTIFY,
    });
    const n = fake.pay(tradeNo);
    const { paymentId } = await handleWechatNotification(db, w.companyId, account, headersOf(n), n.body);
    const finance = { companyId: w.companyId, userId: w.adminId };
    const input = { paymentId: paymentId!, amountFen: 345, reason: "多收" };
    await refundAnyPayment(db, KEY, finance, input, "https://example.test");
    expect(fake.orders.get(tradeNo)!.refunded).toBe(345);
    const [row] = await db.select().from(paymentAccounts).where(eq(paymentAccounts.companyId, w.companyId));
    const off = wechatAccountSchema.parse({ ...row.config, enabled: false, privateKey: "", apiV3Key: "" });
    await savePaymentAccount(db, KEY, finance, "wechatpay", off);
    await expect(refundAnyPayment(db, KEY, finance, input, "https://example.test")).rejects.toMatchObject({
      fieldErrors: { _form: ["billing.accounts.errors.providerUnavailable"] },
    });
    expect(fake.orders.get(tradeNo)!.refunded).toBe(345);
    // Another company's finance cannot refund it at all.
    const other = await world();
    await expect(
      refundAnyPayment(
        db,
        KEY,
        { companyId: other.w.companyId, userId: other.w.adminId },
        input,
        "https://example.test",
      ),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("service-provider mode orders and queries through the partner APIs for the company's sub-merchant", async () => {
    const { w, account, session, tradeNo } = await world("partner");
    expect(account).toMatchObject({ mode: "partner", mchId: spMerchant.mchId, subMchId: "1900000110" });
    await createWechatOrder(account, "native", {
      outTradeNo: tradeNo,
      amountFen: session.amountFen,
      description: "物业费",
      notifyUrl: NOTIFY,
    });
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v3/pay/partner/transactions/native", signed: true });
    const n = fake.pay(tradeNo);
    expect(await handleWechatNotification(db, w.companyId, account, headersOf(n), n.body)).toMatchObject({
      status: 200,
      created: true,
    });
    await queryWechatOrder(account, tradeNo);
    expect(fake.requests.at(-1)!.path).toBe(
      `/v3/pay/partner/transactions/out-trade-no/${tradeNo}?sp_mchid=1900000001&sub_mchid=1900000110`,
    );
  });
});
