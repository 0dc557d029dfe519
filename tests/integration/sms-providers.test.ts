import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, messageSettings, outboxMessages } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { deliverDue } from "@/lib/outbox/deliver";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { smsSettingsSchema } from "@/lib/outbox/sms/schemas";
import { saveSmsSettings, smsSettingsView } from "@/lib/outbox/sms/settings";
import type { MessageTransport } from "@/lib/outbox/transport";
import { createCompany } from "../support/fixtures";
import { startSmsFake } from "../support/sms-fake";
import { createTestDb } from "../support/test-db";

const ALIYUN = { id: "LTAI5tFakeKeyId0001", secret: "aliyun-secret-for-tests-0001" };
const TENCENT = { id: "AKIDfakeSecretId0001", secret: "tencent-secret-key-for-tests" };
let fake: Awaited<ReturnType<typeof startSmsFake>>;

beforeAll(async () => {
  fake = await startSmsFake({ [ALIYUN.id]: ALIYUN.secret, [TENCENT.id]: TENCENT.secret });
  process.env.ALIYUN_SMS_ENDPOINT = fake.url;
  process.env.TENCENT_SMS_ENDPOINT = fake.url;
});
afterAll(async () => {
  delete process.env.ALIYUN_SMS_ENDPOINT;
  delete process.env.TENCENT_SMS_ENDPOINT;
  await fake.close();
});

const noTransport: MessageTransport = {
  async sendEmail() {},
  async sendSms() {
    throw new Error("the log transport must not be used for a provider company");
  },
};
const NOON = new Date("2026-03-10T04:00:00Z"); // 12:00 in Asia/Shanghai, outside quiet hours

async function configured(db: Db, provider: "aliyun" | "tencent", secret: string) {
  const { companyId, adminId } = await createCompany(db);
  const key = provider === "aliyun" ? ALIYUN : TENCENT;
  const input = smsSettingsSchema.parse({
    provider,
    signName: "管家物业",
    appId: provider === "tencent" ? "1400000001" : "",
    templates: { receipt: "SMS_100001", signInCode: "SMS_100006" },
    keyId: key.id,
    keySecret: secret,
    quietStartMinute: 21 * 60,
    quietEndMinute: 8 * 60,
  });
  await saveSmsSettings(db, companyId, adminId, input);
  return companyId;
}

async function queueReceipt(db: Db, companyId: number, to: string) {
  await enqueueMessage(
    db,
    {
      companyId,
      channel: "sms",
      to,
      templateKey: "receipt",
      params: { receiptNo: "2026-000042", amountFen: 123456, company: "C" },
      idempotencyKey: `sms-provider:${companyId}:${to}`,
    },
    NOON,
  );
}

describe("SMS through Aliyun and Tencent (local fake checking signatures)", () => {
  it("Aliyun: the receipt goes as the registered template with its parameters; the BizId is kept", async () => {
    const { db } = await createTestDb();
    const companyId = await configured(db, "aliyun", ALIYUN.secret);
    await queueReceipt(db, companyId, "13900000001");
    expect(await deliverDue(db, { companyId, now: NOON, transport: noTransport })).toMatchObject({ sent: 1 });
    const got = fake.sent.find((m) => m.to === "13900000001" && m.provider === "aliyun");
    expect(got).toMatchObject({
      signName: "管家物业",
      templateCode: "SMS_100001",
      params: { receiptNo: "2026-000042", amount: "1234.56" },
    });
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
    expect(row).toMatchObject({ status: "sent", providerRef: got!.ref });
  });

  it("Tencent: parameters in template order, +86 number, SerialNo kept", async () => {
    const { db } = await createTestDb();
    const companyId = await configured(db, "tencent", TENCENT.secret);
    await queueReceipt(db, companyId, "13900000002");
    expect(await deliverDue(db, { companyId, now: NOON, transport: noTransport })).toMatchObject({ sent: 1 });
    const got = fake.sent.find((m) => m.to === "+8613900000002");
    expect(got).toMatchObject({ provider: "tencent", templateCode: "SMS_100001", params: ["2026-000042", "1234.56"] });
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
    expect(row.providerRef).toBe(got!.ref);
  });

  it.each(["aliyun", "tencent"] as const)(
    "%s: a wrong secret is refused by the fake; the message is retried",
    async (p) => {
      const { db } = await createTestDb();
      const companyId = await configured(db, p, "not-the-right-secret");
      await queueReceipt(db, companyId, "13900000003");
      expect(await deliverDue(db, { companyId, now: NOON, transport: noTransport })).toMatchObject({ retried: 1 });
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
      expect(row.status).toBe("queued");
      expect(row.lastError).toMatch(/signature|credentials could not be validated/i);
    },
  );

  it("a kind without a registered template fails the attempt instead of sending free text", async () => {
    const { db } = await createTestDb();
    const companyId = await configured(db, "aliyun", ALIYUN.secret);
    await enqueueMessage(
      db,
      {
        companyId,
        channel: "sms",
        to: "13900000004",
        templateKey: "notice",
        params: { title: "停水", body: "b" },
        idempotencyKey: `nt:${companyId}`,
      },
      NOON,
    );
    expect(await deliverDue(db, { companyId, now: NOON, transport: noTransport })).toMatchObject({ retried: 1 });
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
    expect(row.lastError).toMatch(/no template/);
  });

  it("keys are encrypted at rest, never shown back, kept when left blank, and the change is audited without them", async () => {
    const { db } = await createTestDb();
    const companyId = await configured(db, "aliyun", ALIYUN.secret);
    const [row] = await db.select().from(messageSettings).where(eq(messageSettings.companyId, companyId));
    expect(row.smsCredentials).toMatch(/^v1:/);
    const dump = JSON.stringify(
      await db.select().from(messageSettings).where(eq(messageSettings.companyId, companyId)),
    );
    const audit = JSON.stringify(await db.select().from(auditLog).where(eq(auditLog.companyId, companyId)));
    for (const text of [dump, audit]) {
      expect(text).not.toContain(ALIYUN.secret);
      expect(text).not.toContain(ALIYUN.id);
    }
    expect(await smsSettingsView(db, companyId)).toMatchObject({ provider: "aliyun", keyHint: "0001" });
    const view = JSON.stringify(await smsSettingsView(db, companyId));
    expect(view).not.toContain(ALIYUN.secret);

    const [admin] = await db
      .select({ id: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.companyId, companyId));
    await saveSmsSettings(
      db,
      companyId,
      admin.id!,
      smsSettingsSchema.parse({
        provider: "aliyun",
        signName: "新签名",
        appId: "",
        templates: { receipt: "SMS_2" },
        keyId: "",
        keySecret: "",
        quietStartMinute: 22 * 60,
        quietEndMinute: 7 * 60,
      }),
    );
    const [after] = await db.select().from(messageSettings).where(eq(messageSettings.companyId, companyId));
    expect(after.smsCredentials).toBe(row.smsCredentials);
    expect(after).toMatchObject({ smsSignName: "新签名", quietStartMinute: 1320 });
  });

  it("the schema wants a sign name for a provider and an app id for Tencent", () => {
    const base = {
      signName: "",
      appId: "",
      templates: {},
      keyId: "",
      keySecret: "",
      quietStartMinute: 0,
      quietEndMinute: 0,
    };
    const a = smsSettingsSchema.safeParse({ ...base, provider: "tencent" });
    expect(a.success).toBe(false);
    expect(a.error?.issues.map((i) => i.path.join("."))).toEqual(["signName", "appId"]);
    expect(smsSettingsSchema.safeParse({ ...base, provider: "log" }).success).toBe(true);
  });
});
