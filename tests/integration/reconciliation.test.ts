import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  feeItems,
  payments,
  providerStatements,
  reconciliationItems,
  reconciliationResolutions,
  statementRows,
} from "@/db/schema";
import { createCheckout } from "@/lib/billing/checkout";
import { savePaymentAccount } from "@/lib/billing/payment-accounts/commands";
import { alipayAccount, wechatAccount } from "@/lib/billing/payment-accounts/queries";
import { alipayAccountSchema, wechatAccountSchema } from "@/lib/billing/payment-accounts/schemas";
import { alipayPrecreate, alipayRefund } from "@/lib/billing/providers/alipay/client";
import { createWechatOrder } from "@/lib/billing/providers/wechatpay/client";
import { readSignatureHeaders } from "@/lib/billing/providers/wechatpay/crypto";
import { outTradeNo } from "@/lib/billing/providers/trade-no";
import { CATCH_UP_DAYS, reconcileStatements } from "@/lib/billing/reconciliation/job";
import { resolveItemSchema } from "@/lib/billing/reconciliation/schemas";
import type { Db } from "@/lib/db/client";
import { handleAlipayNotification } from "@/lib/flows/alipay-notify";
import { resolveReconciliationItem } from "@/lib/flows/resolve-reconciliation";
import { handleWechatNotification } from "@/lib/flows/wechatpay-notify";
import { addDays } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";
import { AlipayFake } from "../fakes/alipay";
import { fakeMerchant, generateRsaKeys, WechatPayFake } from "../fakes/wechatpay";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

/*
 * Daily reconciliation (issue 18 point 1) against the WeChat Pay and Alipay fakes: the job
 * downloads yesterday's statement, matches it, and stores exactly the mismatches; re-runs and
 * concurrent runs add nothing; finance's resolution records a missing payment once.
 */

const KEY = randomBytes(32);
const NOTIFY = "https://example.test/notify";
const job = reconcileStatements(KEY);

describe("daily reconciliation (issue 18)", () => {
  let db: Db;
  const fakes: { stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });
  afterAll(() => Promise.all(fakes.map((f) => f.stop())));

  /** A company with its own WeChat Pay fake and account, and a way to open checkouts of ¥123.45. */
  async function wechatWorld() {
    const merchant = fakeMerchant("1900000109");
    const fake = await new WechatPayFake([merchant]).start();
    fakes.push(fake);
    const w = await ticketWorld(db, { techs: [] });
    await db
      .insert(feeItems)
      .values({ companyId: w.companyId, name: "物业费", kind: "per_household", priceFen: 12_345 });
    const input = wechatAccountSchema.parse({
      enabled: "on",
      mode: "direct",
      mchId: merchant.mchId,
      appId: "wxd678efh567hg6787",
      subMchId: "",
      subAppId: "",
      serialNo: merchant.serialNo,
      platformSerial: fake.platformSerial,
      platformPublicKey: fake.platform.publicKey,
      baseUrl: fake.baseUrl,
      privateKey: merchant.privateKey,
      apiV3Key: fake.apiV3Key,
    });
    await savePaymentAccount(db, KEY, { companyId: w.companyId, userId: w.adminId }, "wechatpay", input);
    const account = (await wechatAccount(db, KEY, w.companyId))!;
    const checkout = async () => {
      const session = await createCheckout(
        db,
        { companyId: w.companyId, userId: w.resident.id },
        { householdId: w.estate.households[0].id, billIds: [], aheadMonths: 1 },
        "wechatpay",
      );
      const no = outTradeNo(session.id);
      await createWechatOrder(account, "h5", {
        outTradeNo: no,
        amountFen: session.amountFen,
        description: "物业费",
        notifyUrl: NOTIFY,
      });
      return { session, no };
    };
    /** The payer pays at the fake; `notify` delivers the notification to us. */
    const pay = async (no: string, notify: boolean) => {
      const n = fake.pay(no);
      if (notify)
        await handleWechatNotification(db, w.companyId, account, readSignatureHeaders(new Headers(n.headers)), n.body);
    };
    return { w, fake, account, checkout, pay };
  }

  const today = () => localDate(new Date(), "Asia/Shanghai");
  const runFor = (companyId: number, billDate = today()) =>
    job(db, { id: companyId, timeZone: "Asia/Shanghai" }, addDays(billDate, 1), new Date());
  const itemsOf = (companyId: number) =>
    db
      .select()
      .from(reconciliationItems)
      .where(eq(reconciliationItems.companyId, companyId))
      .orderBy(reconciliationItems.id);
  const actor = (w: { companyId: number; adminId: number }) => ({ companyId: w.companyId, userId: w.adminId });

  it("a day with one missing and one mismatched transaction gives exactly those items; a re-run adds nothing", async () => {
    const { w, fake, checkout, pay } = await wechatWorld();
    const matched = await checkout();
    const missing = await checkout();
    const differs = await checkout();
    await pay(matched.no, true);
    await pay(missing.no, false); // paid at WeChat, the notification never reached us
    await pay(differs.no, true);
    fake.changeBillAmount(differs.no, 12_300);

    expect(await runFor(w.companyId)).toEqual({ statements: 1, items: 3, unavailable: 0 });
    const items = await itemsOf(w.companyId);
    expect(items.map((i) => [i.ref, i.status, i.statementFen, i.oursFen])).toEqual([
      [matched.no, "matched", 12_345, 12_345],
      [missing.no, "missing_ours", 12_345, null],
      [differs.no, "amount_differs", 12_300, 12_345],
    ]);
    // The catch-up days before it had nothing on either side: nothing stored for them.
    const statements = await db.select().from(providerStatements).where(eq(providerStatements.companyId, w.companyId));
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement).toMatchObject({
      provider: "wechatpay",
      billDate: today(),
      tradeCount: 3,
      tradeFen: 12_345 * 2 + 12_300,
    });
    expect(statement.fileHash).toMatch(/^[0-9a-f]{40}$/);
    expect(await db.select().from(statementRows).where(eq(statementRows.statementId, statement.id))).toHaveLength(3);

    const billRequests = () => fake.requests.filter((r) => r.path.includes(`bill_date=${today()}`)).length;
    expect(billRequests()).toBe(1);
    expect(await runFor(w.companyId)).toEqual({ statements: 0, items: 0, unavailable: 0 });
    expect(billRequests()).toBe(1); // a stored day is not downloaded again
    expect(await itemsOf(w.companyId)).toHaveLength(3);
  });

  it("our payment the provider lacks is missing on the provider's side (the provider has no statement that day)", async () => {
    const { w, fake, checkout, pay } = await wechatWorld();
    const lost = await checkout();
    await pay(lost.no, true);
    fake.orders.get(lost.no)!.paidAt = new Date(Date.now() - 3 * 86_400_000); // on another day at WeChat
    expect(await runFor(w.companyId)).toEqual({ statements: 1, items: 1, unavailable: 0 });
    expect((await itemsOf(w.companyId)).map((i) => [i.ref, i.status, i.oursFen])).toEqual([
      [lost.no, "missing_provider", 12_345],
    ]);
  });

  it("a provider that cannot be reached fails nothing else: the days are counted unavailable, nothing is stored, a later run fetches them", async () => {
    const { w, fake, checkout, pay } = await wechatWorld();
    await pay((await checkout()).no, true);
    const down = fake.baseUrl;
    await fake.stop();
    const r = await runFor(w.companyId);
    expect(r).toEqual({ statements: 0, items: 0, unavailable: CATCH_UP_DAYS });
    expect(await db.select().from(providerStatements).where(eq(providerStatements.companyId, w.companyId))).toEqual([]);
    // The provider is back (same address): the next run fetches the day it missed.
    await fake.start(Number(new URL(down).port));
    expect(await runFor(w.companyId)).toEqual({ statements: 1, items: 1, unavailable: 0 });
  });

  it("two runs at once store one statement and one set of items", async () => {
    const { w, checkout, pay, fake } = await wechatWorld();
    for (let i = 0; i < 3; i++) await pay((await checkout()).no, true);
    fake.injectBillTransaction({ outTradeNo: "X".repeat(20), amountFen: 500, billDate: today() });
    const runs = await Promise.all([runFor(w.companyId), runFor(w.companyId), runFor(w.companyId)]);
    expect(runs.reduce((s, r) => s + r.statements, 0)).toBe(1);
    expect(
      await db.select().from(providerStatements).where(eq(providerStatements.companyId, w.companyId)),
    ).toHaveLength(1);
    const items = await itemsOf(w.companyId);
    expect(items.map((i) => i.status).sort()).toEqual(["matched", "matched", "matched", "missing_ours"]);
  });

  it("finance records the missing payment once (through the payment path, concurrent clicks included) and flags the mismatch", async () => {
    const { w, fake, checkout, pay } = await wechatWorld();
    const missing = await checkout();
    const differs = await checkout();
    await pay(missing.no, false);
    await pay(differs.no, true);
    fake.changeBillAmount(differs.no, 12_000);
    await runFor(w.companyId);
    const [miss, diff] = (await itemsOf(w.companyId)).filter((i) => i.status !== "matched");
    const record = resolveItemSchema.parse({ itemId: miss.id, action: "record", reason: "" });
    const results = await Promise.all([1, 2, 3].map(() => resolveReconciliationItem(db, actor(w), record)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const mine = await db
      .select()
      .from(payments)
      .where(and(eq(payments.companyId, w.companyId), eq(payments.idempotencyKey, `wechatpay:${missing.session.id}`)));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      amountFen: 12_345,
      method: "online",
      providerRef: fake.orders.get(missing.no)!.transactionId,
    });
    expect(results.every((r) => r.paymentId === mine[0].id)).toBe(true);
    // The late notification is the same payment, not a second one.
    const again = await resolveReconciliationItem(db, actor(w), record);
    expect(again.created).toBe(false);

    // A mismatch cannot be "recorded" (its checkout is already paid); it is flagged with a reason.
    await expect(
      resolveReconciliationItem(
        db,
        actor(w),
        resolveItemSchema.parse({ itemId: diff.id, action: "record", reason: "" }),
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(resolveItemSchema.safeParse({ itemId: diff.id, action: "flag", reason: " " }).success).toBe(false);
    await resolveReconciliationItem(
      db,
      actor(w),
      resolveItemSchema.parse({ itemId: diff.id, action: "flag", reason: "银行少付3.45元" }),
    );
    const resolutions = await db
      .select()
      .from(reconciliationResolutions)
      .where(eq(reconciliationResolutions.companyId, w.companyId));
    expect(resolutions.map((r) => [r.itemId, r.action, r.actorUserId])).toEqual([
      [miss.id, "recorded", w.adminId],
      [diff.id, "flagged", w.adminId],
    ]);
    expect(resolutions[1].reason).toBe("银行少付3.45元");
    const audits = await db.select().from(auditLog).where(eq(auditLog.companyId, w.companyId));
    expect(
      audits
        .filter((a) => a.action.startsWith("billing.reconciliation."))
        .map((a) => a.action)
        .sort(),
    ).toEqual(["billing.reconciliation.flag", "billing.reconciliation.record"]);
  });

  it("another company's item is not found, and writes nothing", async () => {
    const a = await wechatWorld();
    const b = await wechatWorld();
    await a.pay((await a.checkout()).no, false);
    await runFor(a.w.companyId);
    const [item] = await itemsOf(a.w.companyId);
    await expect(
      resolveReconciliationItem(
        db,
        actor(b.w),
        resolveItemSchema.parse({ itemId: item.id, action: "flag", reason: "x" }),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(
      await db.select().from(reconciliationResolutions).where(eq(reconciliationResolutions.itemId, item.id)),
    ).toEqual([]);
  });

  it("Alipay: the zipped GBK 业务明细 is downloaded and matched — trades, a refund and an unknown trade", async () => {
    const app = { appId: "2021000122600000", ...generateRsaKeys() };
    const fake = await new AlipayFake([{ appId: app.appId, publicKey: app.publicKey }]).start();
    fakes.push(fake);
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
    const no = outTradeNo(session.id);
    // Open the trade at the fake (precreate), pay it, deliver the notification; then refund ¥0.50 at Alipay only.
    await alipayPrecreate(account, { outTradeNo: no, amountFen: 30_050, subject: "物业费", notifyUrl: NOTIFY });
    expect((await handleAlipayNotification(db, w.companyId, account, fake.pay(no))).status).toBe(200);
    await alipayRefund(account, { outTradeNo: no, outRefundNo: "RF-unknown-1", refundFen: 50, reason: "测试" });
    fake.injectBillTransaction({ outTradeNo: "Z".repeat(32), amountFen: 100, billDate: today() });

    expect(await runFor(w.companyId)).toEqual({ statements: 1, items: 3, unavailable: 0 });
    expect((await itemsOf(w.companyId)).map((i) => [i.kind, i.ref, i.status, i.statementFen])).toEqual([
      ["trade", no, "matched", 30_050],
      ["refund", "RF-unknown-1", "missing_ours", 50],
      ["trade", "Z".repeat(32), "missing_ours", 100],
    ]);
    const [statement] = await db.select().from(providerStatements).where(eq(providerStatements.companyId, w.companyId));
    expect(statement).toMatchObject({
      provider: "alipay",
      tradeCount: 2,
      tradeFen: 30_150,
      refundCount: 1,
      refundFen: 50,
    });
  });
});
