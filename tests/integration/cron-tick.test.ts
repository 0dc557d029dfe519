import { randomUUID } from "node:crypto";
import { eq, inArray, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { checkoutSessions, cronLeases, outboxMessages, payments, portalNotices, workOrders } from "@/db/schema";
import { CHECKOUT_TTL_MS, createCheckout } from "@/lib/billing/checkout";
import { generateBills } from "@/lib/billing/generate";
import { sandboxProvider, sandboxSecret, signSandbox } from "@/lib/billing/providers/sandbox";
import { acquireLease, LEASE_STALE_MS } from "@/lib/jobs/lease";
import { runTick, type TickSummary } from "@/lib/cron/tick";
import type { Db } from "@/lib/db/client";
import { handleWebhook } from "@/lib/flows/checkout-webhook";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { escalationDueCompanies } from "@/lib/tickets/cron";
import { OPEN_STATUSES } from "@/lib/tickets/rules";
import { createBillingEstate } from "../support/billing";
import { overdueWorld } from "../support/escalation";
import { createUser, linkResident } from "../support/fixtures";
import { createPortalEstate } from "../support/portal";
import { createTestDb } from "../support/test-db";

const MIN = 60_000;
/** Each tick of a test runs under a lease of its own and only for the test's companies. */
const tick = (db: Db, companyIds: number[], now = new Date()) =>
  runTick(db, { now, companyIds, lease: `test-tick-${randomUUID()}` });

function counts(s: TickSummary, job: string): Record<string, number> {
  if (s.status === "busy") throw new Error("busy");
  const o = s.jobs[job];
  if (o.status !== "done") throw new Error(`${job}: ${JSON.stringify(o)}`);
  return o.counts;
}

describe("the minute tick", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("with nothing due runs every job and changes nothing", async () => {
    const e = await createPortalEstate(db, 2);
    const s = await tick(db, [e.companyId]);
    expect(s.status).toBe("ok");
    if (s.status === "busy") return;
    expect(Object.keys(s.jobs)).toEqual([
      "leases.recover",
      "tickets.escalate",
      "portal.notices",
      "billing.staleCheckouts",
      "billing.checkoutExpiry",
      "auth.purgeCodes",
      "field.misses",
      "outbox.deliver",
    ]);
    expect(counts(s, "tickets.escalate")).toEqual({ companies: 0, escalated: 0 });
    expect(counts(s, "portal.notices").notices).toBe(0);
    expect(counts(s, "billing.checkoutExpiry").expired).toBe(0);
    expect(counts(s, "outbox.deliver").claimed).toBe(0);
  });

  it("escalates overdue orders once; its one-query check agrees with the escalation rule before, after and later", async () => {
    // The SQL of escalationDueCompanies spells the open statuses out.
    expect([...OPEN_STATUSES]).toEqual(["submitted", "triaged", "assigned", "accepted", "in_progress"]);
    const w = await overdueWorld(db, { orders: 24 });
    const moving = w.orders.filter((o) => o.expectedLevel > o.currentLevel);
    expect(await escalationDueCompanies(db, w.asOf, [w.companyId])).toEqual([w.companyId]);
    expect(counts(await tick(db, [w.companyId], w.asOf), "tickets.escalate")).toEqual({
      companies: 1,
      escalated: moving.length,
    });
    const levels = await db
      .select({ id: workOrders.id, level: workOrders.escalationLevel })
      .from(workOrders)
      .where(
        inArray(
          workOrders.id,
          moving.map((o) => o.id),
        ),
      );
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((l) => l.level === moving.find((o) => o.id === l.id)!.expectedLevel)).toBe(true);
    // Nothing is due any more at that instant: an idle tick finds nothing (every "due" order was escalated).
    expect(await escalationDueCompanies(db, w.asOf, [w.companyId])).toEqual([]);
    expect(counts(await tick(db, [w.companyId], w.asOf), "tickets.escalate")).toEqual({ companies: 0, escalated: 0 });
    // A month later the level-2 orders still open are past twice their window: level 3, found by the same check.
    const later = new Date(w.asOf.getTime() + 30 * 24 * 60 * MIN);
    expect(await escalationDueCompanies(db, later, [w.companyId])).toEqual([w.companyId]);
    expect(counts(await tick(db, [w.companyId], later), "tickets.escalate").escalated).toBeGreaterThan(0);
    expect(await escalationDueCompanies(db, later, [w.companyId])).toEqual([]);
  });

  it("a scheduled emergency announcement going live is e-mailed and texted to every resident of its community, once; an ordinary one only goes live", async () => {
    const e = await createPortalEstate(db, 3);
    const other = await createPortalEstate(db, 1);
    const now = new Date();
    const [later, emergency] = await db
      .insert(portalNotices)
      .values([
        {
          companyId: e.companyId,
          communityId: e.community.id,
          title: `停电通知 ${randomUUID()}`,
          body: "周六停电",
          publishAt: new Date(now.getTime() + 30 * MIN),
        },
        {
          companyId: e.companyId,
          communityId: e.community.id,
          title: `紧急停水 ${randomUUID()}`,
          body: "今晚停水",
          emergency: true,
          publishAt: new Date(now.getTime() + 10 * MIN),
        },
      ])
      .returning();
    const messagesOf = (noticeId: number) =>
      db
        .select()
        .from(outboxMessages)
        .where(like(outboxMessages.idempotencyKey, `notice:${noticeId}:%`));

    // Scheduled, not yet due: nothing.
    expect(counts(await tick(db, [e.companyId, other.companyId], now), "portal.notices")).toEqual({
      notices: 0,
      notified: 0,
      messages: 0,
    });
    expect(await messagesOf(emergency.id)).toHaveLength(0);

    const at = new Date(now.getTime() + 31 * MIN);
    const [a, b] = await Promise.all([
      tick(db, [e.companyId, other.companyId], at),
      tick(db, [e.companyId, other.companyId], at),
    ]);
    const both = [counts(a, "portal.notices"), counts(b, "portal.notices")];
    expect(both.reduce((n, c) => n + c.notices, 0)).toBe(2);
    expect(both.reduce((n, c) => n + c.messages, 0)).toBe(6);
    const queued = await messagesOf(emergency.id);
    expect(queued.map((m) => m.channel).sort()).toEqual(["email", "email", "email", "sms", "sms", "sms"]);
    expect(new Set(queued.map((m) => m.to))).toEqual(new Set(e.residents.flatMap((r) => [r.email!, r.phone!])));
    expect(await messagesOf(later.id)).toHaveLength(0);
    const rows = await db
      .select()
      .from(portalNotices)
      .where(inArray(portalNotices.id, [later.id, emergency.id]));
    expect(rows.map((r) => r.notifiedAt?.getTime())).toEqual([at.getTime(), at.getTime()]);
    expect(counts(await tick(db, [e.companyId, other.companyId], at), "portal.notices").notices).toBe(0);
  });

  it("expires checkouts left open past their time; a provider's late payment for one is still recorded once", async () => {
    const e = await createBillingEstate(db, 1);
    const resident = await createUser(db, e.companyId, ["resident"], "业主");
    await linkResident(db, e.companyId, resident.id, e.households[0].id);
    await generateBills(db, e.companyId, "2026-01");
    const ctx = { companyId: e.companyId, userId: resident.id };
    const stale = await createCheckout(db, ctx, { householdId: e.households[0].id, billIds: [], aheadMonths: 1 });
    const fresh = await createCheckout(db, ctx, { householdId: e.households[0].id, billIds: [], aheadMonths: 1 });
    await db
      .update(checkoutSessions)
      .set({ createdAt: new Date(Date.now() - CHECKOUT_TTL_MS - MIN) })
      .where(eq(checkoutSessions.id, stale.id));

    expect(counts(await tick(db, [e.companyId]), "billing.checkoutExpiry")).toEqual({ expired: 1 });
    const status = async (id: string) =>
      (await db.select({ s: checkoutSessions.status }).from(checkoutSessions).where(eq(checkoutSessions.id, id)))[0].s;
    expect(await status(stale.id)).toBe("expired");
    expect(await status(fresh.id)).toBe("open");
    expect(counts(await tick(db, [e.companyId]), "billing.checkoutExpiry")).toEqual({ expired: 0 });

    const secret = sandboxSecret({ PAYMENT_SANDBOX_SECRET: "tick-test-secret-0123456789" });
    const body = JSON.stringify({ sessionId: stale.id, status: "paid", eventId: `evt-${stale.id}` });
    for (let i = 0; i < 2; i++)
      expect(await handleWebhook(db, sandboxProvider(secret), body, signSandbox(body, secret))).toMatchObject({
        status: 200,
      });
    expect(await status(stale.id)).toBe("paid");
    expect(await db.$count(payments, eq(payments.idempotencyKey, `sandbox:${stale.id}`))).toBe(1);
  });

  it("delivers due messages (and ones a dead worker claimed), leaves future retries queued", async () => {
    const e = await createPortalEstate(db, 1);
    const now = new Date();
    const key = randomUUID();
    const msg = (suffix: string, at: Date) =>
      enqueueMessage(
        db,
        {
          companyId: e.companyId,
          channel: "email",
          to: `r-${suffix}@test.guanjia.cn`,
          templateKey: "notice",
          params: { title: "t", body: "b" },
          idempotencyKey: `${key}:${suffix}`,
        },
        at,
      );
    await msg("due", new Date(now.getTime() - MIN));
    await msg("retry-later", new Date(now.getTime() + 10 * MIN));
    await msg("dead-claim", new Date(now.getTime() - 60 * MIN));
    await db
      .update(outboxMessages)
      .set({ status: "sending", claimToken: "dead-worker", claimedAt: new Date(now.getTime() - 60 * MIN), attempts: 1 })
      .where(eq(outboxMessages.idempotencyKey, `${key}:dead-claim`));

    expect(counts(await tick(db, [e.companyId], now), "outbox.deliver")).toMatchObject({ claimed: 2, sent: 2 });
    const rows = await db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.idempotencyKey, `${key}:%`));
    const by = (s: string) => rows.find((r) => r.idempotencyKey === `${key}:${s}`)!;
    expect([by("due").status, by("dead-claim").status, by("retry-later").status]).toEqual(["sent", "sent", "queued"]);
    expect(counts(await tick(db, [e.companyId], now), "outbox.deliver").claimed).toBe(0);
  });

  it("recovers a lease whose holder stopped heartbeating, and leaves a live one alone", async () => {
    const dead = `test-dead-${randomUUID()}`;
    const live = `test-live-${randomUUID()}`;
    expect(await acquireLease(db, dead, "crashed", new Date(Date.now() - LEASE_STALE_MS - 5_000))).toBe(true);
    expect(await acquireLease(db, live, "running", new Date())).toBe(true);
    const s = await tick(db, []);
    expect(counts(s, "leases.recover").recovered).toBeGreaterThanOrEqual(1);
    expect(
      await db
        .select({ name: cronLeases.name })
        .from(cronLeases)
        .where(inArray(cronLeases.name, [dead, live])),
    ).toEqual([{ name: live }]);
    await db.delete(cronLeases).where(eq(cronLeases.name, live));
  });

  it("a failing job is reported and the others still run", async () => {
    const e = await createPortalEstate(db, 1);
    const s = await runTick(db, {
      companyIds: [e.companyId],
      lease: `test-tick-${randomUUID()}`,
      jobs: [
        { name: "test.boom", run: async () => Promise.reject(new Error("boom")) },
        { name: "test.ok", run: async () => ({ ran: 1 }) },
      ],
    });
    expect(s.status).toBe("failed");
    if (s.status === "busy") return;
    expect(s.jobs["test.boom"]).toMatchObject({ status: "failed", error: "boom" });
    expect(s.jobs["test.ok"]).toMatchObject({ status: "done", counts: { ran: 1 } });
  });
});
