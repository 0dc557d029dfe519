import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messageSettings, notificationPreferences, outboxMessages } from "@/db/schema";
import { deliverDue } from "@/lib/outbox/deliver";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import type { MessageTransport } from "@/lib/outbox/transport";
import { createBillingEstate } from "../support/billing";
import { createCompany, createUser, linkResident } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

// Company time zone Asia/Shanghai (UTC+8): 22:30 local = 14:30Z; 08:00 local next day = 00:00Z.
const NIGHT = new Date("2026-03-10T14:30:00Z");
const MORNING = new Date("2026-03-11T00:00:00Z");
const NOON = new Date("2026-03-10T04:00:00Z");

function recorder() {
  const sms: { to: string; text: string }[] = [];
  const transport: MessageTransport = {
    async sendEmail() {},
    async sendSms(m) {
      sms.push(m);
    },
  };
  return { sms, transport };
}

const sms = (companyId: number, templateKey: "receipt" | "notice", key: string, userId?: number) => ({
  companyId,
  channel: "sms" as const,
  to: "19900000001",
  templateKey,
  params: { receiptNo: "R-1", amountFen: 100, company: "C", title: "T", body: "B" },
  idempotencyKey: `${key}:${companyId}`,
  userId,
});

describe("quiet hours", () => {
  it("defers a non-urgent SMS queued at night to 08:00 company time; the tick sends it then", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    expect(await enqueueMessage(db, sms(companyId, "receipt", "night"), NIGHT)).toBe(true);
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
    expect(row.nextAttemptAt.toISOString()).toBe(MORNING.toISOString());

    const r = recorder();
    expect(await deliverDue(db, { companyId, now: NIGHT, transport: r.transport })).toMatchObject({ claimed: 0 });
    expect(await deliverDue(db, { companyId, now: MORNING, transport: r.transport })).toMatchObject({ sent: 1 });
    expect(r.sms).toHaveLength(1);
  });

  it("sends emergencies at night at once, and daytime SMS at once", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    await enqueueMessage(db, sms(companyId, "notice", "emergency"), NIGHT);
    await enqueueMessage(db, sms(companyId, "receipt", "day"), NOON);
    const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
    const at = Object.fromEntries(rows.map((x) => [x.templateKey, x.nextAttemptAt.toISOString()]));
    expect(at).toEqual({ notice: NIGHT.toISOString(), receipt: NOON.toISOString() });
  });

  it("follows the company's own quiet hours (none when start equals end)", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    await db.insert(messageSettings).values({ companyId, smsTemplates: {}, quietStartMinute: 0, quietEndMinute: 0 });
    await enqueueMessage(db, sms(companyId, "receipt", "nopause"), NIGHT);
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
    expect(row.nextAttemptAt.toISOString()).toBe(NIGHT.toISOString());
  });
});

describe("channel preferences", () => {
  it("queues nothing on a channel the resident turned off for the kind; other channels and emergencies still go", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    const user = await createUser(db, companyId, ["resident"]);
    await db
      .insert(notificationPreferences)
      .values({ companyId, userId: user.id, kind: "receipt", sms: false, email: true, wechat: true });
    expect(await enqueueMessage(db, sms(companyId, "receipt", "off", user.id), NOON)).toBe(false);
    expect(
      await enqueueMessage(
        db,
        { ...sms(companyId, "receipt", "mail", user.id), channel: "email", to: "a@b.test" },
        NOON,
      ),
    ).toBe(true);
    expect(await enqueueMessage(db, sms(companyId, "notice", "urgent", user.id), NOON)).toBe(true);
    // Another company's preference row does not apply here.
    const other = await createCompany(db);
    expect(await enqueueMessage(db, sms(other.companyId, "receipt", "elsewhere", user.id), NOON)).toBe(true);
  });

  it("a recorded payment sends the receipt by SMS too, unless the resident turned receipt SMS off", async () => {
    const { db } = await createTestDb();
    const { recordPayment } = await import("@/lib/flows/record-payment");
    const e = await createBillingEstate(db, 2);
    const a = await createUser(db, e.companyId, ["resident"], "甲");
    const b = await createUser(db, e.companyId, ["resident"], "乙");
    await linkResident(db, e.companyId, a.id, e.households[0].id);
    await linkResident(db, e.companyId, b.id, e.households[0].id);
    await db
      .insert(notificationPreferences)
      .values({ companyId: e.companyId, userId: b.id, kind: "receipt", sms: false, email: true, wechat: true });
    const { payment } = await recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 5000,
      method: "cash",
      idempotencyKey: `k-${e.companyId}`,
      actorUserId: e.finance.id,
    });
    const rows = await db
      .select({ channel: outboxMessages.channel, to: outboxMessages.to, key: outboxMessages.idempotencyKey })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.companyId, e.companyId), eq(outboxMessages.channel, "sms")));
    expect(rows).toEqual([{ channel: "sms", to: a.phone, key: `receipt:${payment.id}:${a.id}:sms` }]);
  });
});
