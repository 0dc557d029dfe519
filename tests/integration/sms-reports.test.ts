import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { outboxMessages } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { applyDeliveryReports, parseAliyunReports, parseTencentReports } from "@/lib/outbox/sms/reports";
import { createCompany } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const NOON = new Date("2026-03-10T04:00:00Z");
const holder = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock("@/lib/db", () => ({ getDb: () => holder.db }));

/** A sent SMS with the provider's id, as deliverDue leaves it. */
async function sentSms(db: Db, companyId: number, ref: string) {
  await enqueueMessage(
    db,
    {
      companyId,
      channel: "sms",
      to: "13900000009",
      templateKey: "notice",
      params: { title: "t" },
      idempotencyKey: `rep:${ref}`,
    },
    NOON,
  );
  await db
    .update(outboxMessages)
    .set({ status: "sent", sentAt: NOON, providerRef: ref })
    .where(eq(outboxMessages.idempotencyKey, `rep:${ref}`));
}

const statusOf = async (db: Db, ref: string) =>
  (await db.select().from(outboxMessages).where(eq(outboxMessages.providerRef, ref)))[0];

describe("SMS delivery reports", () => {
  it("Aliyun SmsReport: success → delivered, failure → failed with the error; repeats change nothing", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    const ok = `ali-ok-${companyId}`;
    const bad = `ali-bad-${companyId}`;
    await sentSms(db, companyId, ok);
    await sentSms(db, companyId, bad);
    const body = [
      {
        phone_number: "13900000009",
        send_time: "2026-03-10 12:00:00",
        report_time: "2026-03-10 12:00:05",
        success: true,
        err_code: "DELIVERED",
        err_msg: "用户接收成功",
        sms_size: "1",
        biz_id: ok,
        out_id: "",
      },
      {
        phone_number: "13900000009",
        send_time: "2026-03-10 12:00:00",
        report_time: "2026-03-10 12:00:05",
        success: false,
        err_code: "MK:0001",
        err_msg: "号码停机",
        sms_size: "1",
        biz_id: bad,
        out_id: "",
      },
    ];
    expect(await applyDeliveryReports(db, parseAliyunReports(body))).toBe(2);
    expect(await statusOf(db, ok)).toMatchObject({ status: "delivered" });
    expect(await statusOf(db, bad)).toMatchObject({ status: "failed", lastError: "provider report: MK:0001" });
    expect(await applyDeliveryReports(db, parseAliyunReports(body))).toBe(0);
  });

  it("Tencent status callback: SUCCESS → delivered; unknown ids and junk are ignored", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    const ref = `tc-${companyId}`;
    await sentSms(db, companyId, ref);
    const body = [
      {
        user_receive_time: "2026-03-10 12:00:05",
        nationcode: "86",
        mobile: "13900000009",
        report_status: "SUCCESS",
        errmsg: "DELIVRD",
        description: "用户短信送达成功",
        sid: ref,
      },
      { report_status: "SUCCESS", sid: "nobody-has-this-id" },
      "junk",
    ];
    expect(await applyDeliveryReports(db, parseTencentReports(body))).toBe(1);
    expect(await statusOf(db, ref)).toMatchObject({ status: "delivered" });
    expect(parseTencentReports({ not: "an array" })).toEqual([]);
  });

  it("the callback route fails closed without SMS_REPORT_TOKEN, refuses a wrong token, answers the provider's format", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    const ref = `route-${companyId}`;
    await sentSms(db, companyId, ref);
    holder.db = db;
    const { POST } = await import("@/app/api/sms/report/[provider]/route");
    const call = (provider: string, token: string | null, body: unknown) =>
      POST(
        new Request(`http://app.test/api/sms/report/${provider}${token ? `?token=${token}` : ""}`, {
          method: "POST",
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ provider }) },
      );
    const reports = [{ sid: ref, report_status: "SUCCESS" }];
    delete process.env.SMS_REPORT_TOKEN;
    expect((await call("tencent", "x".repeat(20), reports)).status).toBe(503);
    process.env.SMS_REPORT_TOKEN = "report-token-for-tests-0001";
    try {
      expect((await call("tencent", "wrong-token-wrong-token", reports)).status).toBe(401);
      expect((await call("other", "report-token-for-tests-0001", reports)).status).toBe(404);
      const res = await call("tencent", "report-token-for-tests-0001", reports);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ result: 0, errmsg: "OK" });
      expect(await statusOf(db, ref)).toMatchObject({ status: "delivered" });
    } finally {
      delete process.env.SMS_REPORT_TOKEN;
    }
  });
});
