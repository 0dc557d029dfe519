import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages } from "@/db/schema";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { deliverOutbox, deliverSoon } from "@/lib/outbox/job";
import { createCompany } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

describe("the cron's outbox job", () => {
  it("sends every due message of the company in batches, not only the first batch, and a second run sends nothing", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    const other = await createCompany(db);
    const now = new Date("2026-11-20T02:00:00Z");
    await db.transaction(async (tx) => {
      for (let i = 0; i < 450; i++)
        await enqueueMessage(
          tx,
          {
            companyId,
            channel: i % 2 ? "sms" : "email",
            to: i % 2 ? `1380000${String(i).padStart(4, "0")}` : `r${i}@example.test`,
            templateKey: "notice",
            locale: "zh-CN",
            params: { title: "停水通知", body: "明日停水" },
            idempotencyKey: `bulk-${i}`,
          },
          now,
        );
      await enqueueMessage(
        tx,
        {
          companyId: other.companyId,
          channel: "email",
          to: "x@example.test",
          templateKey: "notice",
          params: { title: "t", body: "b" },
          idempotencyKey: "other-1",
        },
        now,
      );
    });
    const company = { id: companyId, timeZone: "Asia/Shanghai" };
    const first = await deliverOutbox(db, company, "2026-11-20", now);
    expect(first).toMatchObject({ claimed: 450, sent: 450, failed: 0, batches: 3 });
    expect(
      await db.$count(outboxMessages, and(eq(outboxMessages.companyId, companyId), eq(outboxMessages.status, "sent"))),
    ).toBe(450);
    expect(await deliverOutbox(db, company, "2026-11-20", now)).toMatchObject({ claimed: 0, sent: 0 });
    // Another company's message waits for that company's run.
    expect(
      await db.$count(
        outboxMessages,
        and(eq(outboxMessages.companyId, other.companyId), eq(outboxMessages.status, "queued")),
      ),
    ).toBe(1);
  });

  it("right after a request, sends what that request enqueued even behind a backlog of older due messages", async () => {
    const { db } = await createTestDb();
    const { companyId } = await createCompany(db);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const message = (i: number, key: string) => ({
      companyId,
      channel: "sms" as const,
      to: `1390000${String(i).padStart(4, "0")}`,
      templateKey: "notice" as const,
      params: { title: "t", body: "b" },
      idempotencyKey: key,
    });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueueMessage(tx, message(i, `backlog-${i}`), hourAgo);
    });
    const since = new Date();
    await enqueueMessage(db, { ...message(99, "receipt"), channel: "email", to: "payer@example.test" }, since);
    await deliverSoon(db, companyId, since);
    const rows = await db
      .select({ key: outboxMessages.idempotencyKey, status: outboxMessages.status })
      .from(outboxMessages)
      .where(eq(outboxMessages.companyId, companyId));
    expect(rows).toHaveLength(31);
    expect(rows.find((r) => r.key === "receipt")?.status).toBe("sent");
    expect(rows.filter((r) => r.status === "queued")).toHaveLength(30);
  });
});
