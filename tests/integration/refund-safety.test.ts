import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, billingCorrections, creditEntries, providerRefunds, signInCodes } from "@/db/schema";
import { purgeExpiredCodes } from "@/lib/auth/phone-code";
import { refundedFen, refundPayment } from "@/lib/billing/corrections";
import { openDeskCheckout } from "@/lib/billing/desk-checkout";
import { wechatAccount } from "@/lib/billing/payment-accounts/queries";
import { refundAnyPayment } from "@/lib/billing/providers/refund";
import { readSignatureHeaders } from "@/lib/billing/providers/wechatpay/crypto";
import { outTradeNo } from "@/lib/billing/providers/trade-no";
import type { Db } from "@/lib/db/client";
import { deskCheckoutStatus } from "@/lib/flows/desk-checkout";
import { recordPayment } from "@/lib/flows/record-payment";
import { handleWechatNotification } from "@/lib/flows/wechatpay-notify";
import { AlipayFake } from "../fakes/alipay";
import { fakeMerchant, generateRsaKeys, WechatPayFake } from "../fakes/wechatpay";
import { providerWorld } from "../support/provider-world";
import { createTestDb } from "../support/test-db";

const KEY = randomBytes(32);
const BASE = "https://example.test";

describe("refund safety and sign-in code purge (issue 18)", () => {
  let db: Db;
  const merchant = fakeMerchant("1900000309");
  const wechat = new WechatPayFake([merchant]);
  const app = { appId: "2021000122600309", ...generateRsaKeys() };
  const alipay = new AlipayFake([{ appId: app.appId, publicKey: app.publicKey }]);

  beforeAll(async () => {
    db = (await createTestDb()).db;
    await Promise.all([wechat.start(), alipay.start()]);
  });
  afterAll(() => Promise.all([wechat.stop(), alipay.stop()]));

  const world = () => providerWorld(db, KEY, { wechat, merchant, alipay, app });
  const correctionsOf = (companyId: number) =>
    db.select().from(billingCorrections).where(eq(billingCorrections.companyId, companyId));

  it("a cash refund submitted twice at once with the form's request id records one refund", async () => {
    const { e, actor, household } = await world();
    const { payment } = await recordPayment(db, {
      companyId: e.companyId,
      householdId: household,
      amountFen: 50_000,
      method: "cash",
      idempotencyKey: randomUUID(),
      actorUserId: e.adminId,
    });
    const input = { paymentId: payment.id, amountFen: 20_000, reason: "多收退回", requestId: randomUUID() };
    const [a, b] = await Promise.all([refundPayment(db, actor, input), refundPayment(db, actor, input)]);
    expect(a.id).toBe(b.id);
    expect((await refundPayment(db, actor, input)).id).toBe(a.id);
    await expect(refundPayment(db, actor, { ...input, amountFen: 100 })).rejects.toMatchObject({ code: "conflict" });
    expect(await correctionsOf(e.companyId)).toHaveLength(1);
    expect(await refundedFen(db, e.companyId, payment.id)).toBe(20_000);
    // A new request is a new refund.
    await refundPayment(db, actor, { ...input, requestId: randomUUID() });
    expect(await refundedFen(db, e.companyId, payment.id)).toBe(40_000);
  });

  it("a WeChat Pay partial refund: double submit refunds once; ABNORMAL notifications reverse it once with a new entry", async () => {
    const { e, actor, household, owed } = await world();
    const opened = await openDeskCheckout(
      db,
      KEY,
      actor,
      { householdId: household, billIds: [owed[0].id, owed[1].id], provider: "wechatpay", requestId: randomUUID() },
      { baseUrl: BASE, description: "物业费" },
    );
    wechat.pay(outTradeNo(opened.sessionId));
    const { paymentId } = await deskCheckoutStatus(db, KEY, e.companyId, opened.sessionId);
    const input = { paymentId: paymentId!, amountFen: owed[1].linesFen, reason: "重复缴费", requestId: randomUUID() };
    const results = await Promise.all([
      refundAnyPayment(db, KEY, actor, input, BASE),
      refundAnyPayment(db, KEY, actor, input, BASE),
    ]);
    expect(results.every(Boolean)).toBe(true);
    const [row, ...more] = await db.select().from(providerRefunds).where(eq(providerRefunds.companyId, e.companyId));
    expect(more).toHaveLength(0);
    expect(row.status).toBe("processing");
    expect(wechat.refunds.size).toBeGreaterThanOrEqual(1);
    expect([...wechat.refunds.values()].filter((r) => r.outRefundNo === row.outRefundNo)).toHaveLength(1);
    expect(await correctionsOf(e.companyId)).toHaveLength(1);
    expect(await refundedFen(db, e.companyId, paymentId!)).toBe(owed[1].linesFen);

    const account = (await wechatAccount(db, KEY, e.companyId))!;
    const n = wechat.refundFailedNotification(row.outRefundNo, "ABNORMAL");
    const headers = readSignatureHeaders(new Headers(n.headers));
    const outcomes = await Promise.all(
      Array.from({ length: 3 }, () => handleWechatNotification(db, e.companyId, account, headers, n.body)),
    );
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200]);
    const corrections = await correctionsOf(e.companyId);
    expect(corrections.map((c) => [c.kind, c.amountFen]).sort()).toEqual([
      ["refund", owed[1].linesFen],
      ["refund_reversal", owed[1].linesFen],
    ]);
    expect(await refundedFen(db, e.companyId, paymentId!)).toBe(0);
    const credit = await db
      .select()
      .from(creditEntries)
      .where(and(eq(creditEntries.companyId, e.companyId), eq(creditEntries.kind, "refund_reversal")));
    expect(credit.map((c) => c.amountFen)).toEqual([owed[1].linesFen]);
    const [failed] = await db.select().from(providerRefunds).where(eq(providerRefunds.id, row.id));
    expect(failed.status).toBe("failed");
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, e.companyId), eq(auditLog.action, "payment.refund_reversal")));
    expect(audit).toHaveLength(1);
    // Another company's notify URL does not find the refund and writes nothing.
    const other = await world();
    const otherAccount = (await wechatAccount(db, KEY, other.e.companyId))!;
    expect((await handleWechatNotification(db, other.e.companyId, otherAccount, headers, n.body)).status).toBe(404);
    expect(await correctionsOf(other.e.companyId)).toHaveLength(0);
  });

  it("the tick purges expired sign-in codes, set-based, and keeps live ones", async () => {
    const now = new Date();
    const phone = `139${String(Date.now()).slice(-8)}`;
    const code = (offsetMs: number) => ({
      phone,
      codeHash: randomUUID(),
      expiresAt: new Date(now.getTime() + offsetMs),
      createdAt: new Date(now.getTime() + offsetMs - 300_000),
    });
    await db.insert(signInCodes).values([code(-3_600_000), code(-1), code(240_000)]);
    const { purged } = await purgeExpiredCodes(db, now);
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await db.select().from(signInCodes).where(eq(signInCodes.phone, phone));
    expect(left.map((c) => c.expiresAt.getTime())).toEqual([now.getTime() + 240_000]);
    expect(await purgeExpiredCodes(db, now)).toEqual({ purged: 0 });
  });
});
