import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications, workOrderEvents, workOrders } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { escalateOverdue } from "@/lib/tickets/cron";
import { overdueWorld } from "../support/escalation";
import { createTestDb } from "../support/test-db";

// Heavy (seeds or escalates hundreds of rows): generous on a loaded machine — the CRM history took 54 s with both cores busy.
describe("escalateOverdue on many orders at once", { timeout: 240_000 }, () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("escalates 300 overdue orders across butlers and communities in one call, each once, to the right people", async () => {
    const w = await overdueWorld(db, { orders: 300 });
    const other = await overdueWorld(db, { orders: 16, asOf: w.asOf });
    const moving = w.orders.filter((o) => o.expectedLevel > o.currentLevel);
    expect(moving.length).toBeGreaterThan(200);
    // every level and recipient rule is exercised
    expect(new Set(moving.map((o) => o.expectedLevel))).toEqual(new Set([1, 2, 3]));
    expect(moving.some((o) => o.expectedLevel === 1 && w.admins.every((a) => o.recipients.has(a)))).toBe(true);
    expect(moving.some((o) => o.expectedLevel === 1 && o.recipients.has(w.supA.id))).toBe(true);

    // two overlapping runs: together they move each order once
    const runs = await Promise.all([
      escalateOverdue(db, w.companyId, w.asOf),
      escalateOverdue(db, w.companyId, w.asOf),
    ]);
    expect(runs[0].escalated + runs[1].escalated).toBe(moving.length);

    const ids = w.orders.map((o) => o.id);
    const after = new Map(
      (await db.select().from(workOrders).where(inArray(workOrders.id, ids))).map((o) => [o.id, o]),
    );
    expect(w.orders.length).toBeGreaterThan(0);
    for (const o of w.orders) {
      const row = after.get(o.id)!;
      expect(row.escalationLevel, `order ${o.id}`).toBe(
        o.expectedLevel > o.currentLevel ? o.expectedLevel : o.currentLevel,
      );
      expect(row.escalatedAt?.getTime() ?? null).toBe(o.expectedLevel > o.currentLevel ? w.asOf.getTime() : null);
      expect(row.status).toBe(o.status);
    }

    const events = await db
      .select()
      .from(workOrderEvents)
      .where(and(eq(workOrderEvents.companyId, w.companyId), eq(workOrderEvents.action, "escalate")));
    expect(events).toHaveLength(moving.length);
    const eventOf = new Map(events.map((e) => [e.workOrderId, e]));
    expect(eventOf.size).toBe(moving.length);
    for (const o of moving)
      expect(eventOf.get(o.id)).toMatchObject({
        actorUserId: null,
        fromStatus: o.status,
        toStatus: o.status,
        note: `L${o.expectedLevel}`,
        at: w.asOf,
      });

    const inbox = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, w.companyId), eq(notifications.kind, "order.escalated")))
      .orderBy(notifications.id);
    expect(inbox).toHaveLength(moving.reduce((n, o) => n + o.recipients.size, 0));
    expect(inbox.length).toBeGreaterThan(0);
    const byOrder = new Map<number, number[]>();
    for (const n of inbox) {
      const orderId = Number(n.payload.orderId);
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), n.userId]);
    }
    expect(moving.length).toBeGreaterThan(0);
    for (const o of moving) {
      const got = byOrder.get(o.id) ?? [];
      expect(got, `recipients of order ${o.id}`).toEqual([...o.recipients]);
    }
    expect(inbox.length).toBeGreaterThan(0);
    for (const n of inbox) {
      const o = moving.find((m) => m.id === Number(n.payload.orderId))!;
      expect(n.payload).toEqual({ orderId: o.id, type: o.type, level: o.expectedLevel });
      expect(n.href).toBe(`/staff/orders/${o.id}`);
      expect(n.readAt).toBeNull();
    }
    expect(inbox.some((n) => n.userId === w.retiredAdminId)).toBe(false);

    // a later run for the same time adds nothing; the other company was not touched
    expect(await escalateOverdue(db, w.companyId, w.asOf)).toEqual({ escalated: 0 });
    expect(
      await db
        .select()
        .from(workOrderEvents)
        .where(and(eq(workOrderEvents.companyId, w.companyId), eq(workOrderEvents.action, "escalate"))),
    ).toHaveLength(moving.length);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.companyId, w.companyId), eq(notifications.kind, "order.escalated"))),
    ).toHaveLength(inbox.length);
    const untouched = await db.select().from(workOrders).where(eq(workOrders.companyId, other.companyId));
    expect(untouched.map((o) => o.escalatedAt)).toEqual(untouched.map(() => null));
  });
});
