import { eq, inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { deliverDue } from "@/lib/outbox/deliver";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { smtpTransport, type MessageTransport } from "@/lib/outbox/transport";
import { createCompany } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { OUTBOX_MAX_ATTEMPTS } from "@/lib/outbox/rules";

type Mail = { to: string[]; raw: string };

/** The message with quoted-printable soft breaks and escapes decoded. */
const decoded = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    "latin1",
  ).toString("utf8");

/** A real SMTP server on 127.0.0.1 (random port); recipients at refuse.test are rejected. */
async function startSmtp() {
  const received: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith("@refuse.test"))
        return cb(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { server, port, received };
}

describe("outbox over SMTP", () => {
  let db: Db;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let transport: MessageTransport;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    smtp = await startSmtp();
    transport = smtpTransport({
      host: "127.0.0.1",
      port: smtp.port,
      ignoreTLS: true,
      from: "Guanjia <no-reply@guanjia.test>",
    });
  });
  afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));

  const now = new Date("2026-11-20T02:00:00Z");

  it("delivers a queued message in the recipient's language, once (idempotent enqueue)", async () => {
    const { companyId } = await createCompany(db);
    const msg = {
      companyId,
      channel: "email" as const,
      to: "owner@example.test",
      templateKey: "receipt" as const,
      locale: "en",
      params: { receiptNo: "2026-000042", amountFen: 123456, company: "Demo Property" },
      idempotencyKey: `t:${companyId}:receipt`,
    };
    expect(await enqueueMessage(db, msg, now)).toBe(true);
    expect(await enqueueMessage(db, msg, now)).toBe(false);
    const result = await deliverDue(db, { companyId, now, transport });
    expect(result).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    const mail = smtp.received.find((m) => m.to.includes("owner@example.test"))!;
    expect(mail.raw).toContain("Subject: Payment receipt 2026-000042");
    expect(decoded(mail.raw)).toContain("We received your payment of CN¥1,234.56 (receipt 2026-000042). Thank you.");
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    // Nothing left to send.
    expect(await deliverDue(db, { companyId, now: new Date(now.getTime() + 3600_000), transport })).toMatchObject({
      claimed: 0,
    });
  });

  it("a refused delivery is retried with backoff, then marked failed", async () => {
    const { companyId } = await createCompany(db);
    await enqueueMessage(
      db,
      {
        companyId,
        channel: "email",
        to: "nobody@refuse.test",
        templateKey: "shopPaid",
        locale: "zh-CN",
        params: { orderId: 7, totalFen: 100 },
        idempotencyKey: `t:${companyId}:refused`,
      },
      now,
    );
    let t = now;
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      // Not due before its next attempt time.
      const r = await deliverDue(db, { companyId, now: t, transport });
      expect(r.claimed).toBe(1);
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, companyId));
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toMatch(/550|mailbox unavailable/);
      if (attempt < OUTBOX_MAX_ATTEMPTS) {
        expect(row.status).toBe("queued");
        expect(row.nextAttemptAt.getTime() - t.getTime()).toBe(60_000 * 2 ** (attempt - 1));
        expect(
          await deliverDue(db, { companyId, now: new Date(row.nextAttemptAt.getTime() - 1), transport }),
        ).toMatchObject({ claimed: 0 });
        t = row.nextAttemptAt;
      } else {
        expect(row.status).toBe("failed");
      }
    }
    expect(await deliverDue(db, { companyId, now: new Date(t.getTime() + 86_400_000), transport })).toMatchObject({
      claimed: 0,
    });
  });

  it("two concurrent workers send each message once", async () => {
    const { companyId } = await createCompany(db);
    const to = Array.from({ length: 12 }, (_, i) => `r${i}-${companyId}@example.test`);
    for (const [i, address] of to.entries()) {
      await enqueueMessage(
        db,
        {
          companyId,
          channel: "email",
          to: address,
          templateKey: "shopPaid",
          locale: "zh-CN",
          params: { orderId: i, totalFen: 100 },
          idempotencyKey: `t:${companyId}:${i}`,
        },
        now,
      );
    }
    const [a, b] = await Promise.all([
      deliverDue(db, { companyId, now, transport, limit: 8 }),
      deliverDue(db, { companyId, now, transport, limit: 8 }),
    ]);
    expect(a.sent + b.sent).toBe(12);
    for (const address of to) expect(smtp.received.filter((m) => m.to.includes(address)).length).toBe(1);
    const rows = await db.select().from(outboxMessages).where(inArray(outboxMessages.to, to));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    const zh = smtp.received.find((m) => m.to.includes(to[0]))!;
    expect(zh.raw).toMatch(/Subject: =\?UTF-8\?/); // Chinese subject, encoded
  });
});

describe("outbox hooks", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a recorded payment queues a receipt e-mail (and SMS) for the household's residents, once", async () => {
    const { createBillingEstate } = await import("../support/billing");
    const { createUser, linkResident } = await import("../support/fixtures");
    const { recordPayment } = await import("@/lib/flows/record-payment");
    const { users } = await import("@/db/schema");
    const e = await createBillingEstate(db, 1);
    const resident = await createUser(db, e.companyId, ["resident"], "业主");
    await db
      .update(users)
      .set({ email: `owner-${e.companyId}@example.test`, locale: "en" })
      .where(eq(users.id, resident.id));
    await linkResident(db, e.companyId, resident.id, e.households[0].id);
    const input = {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 5000,
      method: "cash" as const,
      idempotencyKey: `k-${e.companyId}`,
      actorUserId: e.finance.id,
    };
    const { payment } = await recordPayment(db, input);
    await recordPayment(db, input); // replay: same payment, no second receipt
    const all = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, e.companyId));
    expect(all.map((r) => r.channel).sort()).toEqual(["email", "sms"]);
    const rows = all.filter((r) => r.channel === "email");
    expect(rows).toMatchObject([
      {
        channel: "email",
        to: `owner-${e.companyId}@example.test`,
        templateKey: "receipt",
        locale: "en",
        status: "queued",
        idempotencyKey: `receipt:${payment.id}:${resident.id}`,
      },
    ]);
    expect(rows[0].params).toMatchObject({ receiptNo: payment.receiptNo, amountFen: 5000 });
  });
});

describe("work-order dispatch e-mail", () => {
  it("a dispatched order queues an e-mail to each assignee with an address", async () => {
    const db = (await createTestDb()).db;
    const { ticketWorld } = await import("../support/tickets");
    const { submitResidentRequest } = await import("@/lib/tickets/submit");
    const w = await ticketWorld(db);
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId: w.estate.units[0].id,
      repairCategory: "plumbing",
      description: "厨房漏水",
    });
    const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.companyId, w.companyId));
    const tech = w.technicians[0];
    expect(rows).toMatchObject([
      {
        channel: "email",
        to: tech.email,
        templateKey: "orderDispatched",
        idempotencyKey: `dispatch:${o.id}:${tech.id}`,
      },
    ]);
    const { renderMessage } = await import("@/lib/outbox/templates");
    expect(renderMessage("orderDispatched", "zh-CN", rows[0].params).subject).toBe(`新工单 #${o.id}`);
    expect(renderMessage("orderDispatched", "en", rows[0].params).text).toContain("(Repair)");
  });
});
