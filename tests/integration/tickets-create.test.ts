import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  notifications,
  outboxMessages,
  slaSettings,
  workOrderAssignees,
  workOrderEvents,
  workOrders,
} from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { createOrder, createOrdersTx } from "@/lib/tickets/create";
import { loadOrder } from "@/lib/tickets/orders";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

/** The tickets module's one writer of work orders: one order and many, SLA, dispatch message, tenant scope. */

const now = new Date("2026-03-02T01:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

async function eventsOf(db: Db, ids: number[]) {
  return db
    .select({ orderId: workOrderEvents.workOrderId, action: workOrderEvents.action, to: workOrderEvents.toStatus })
    .from(workOrderEvents)
    .where(inArray(workOrderEvents.workOrderId, ids))
    .orderBy(workOrderEvents.id);
}
async function assigneesOf(db: Db, ids: number[]) {
  return db
    .select({
      orderId: workOrderAssignees.workOrderId,
      userId: workOrderAssignees.userId,
      role: workOrderAssignees.role,
    })
    .from(workOrderAssignees)
    .where(inArray(workOrderAssignees.workOrderId, ids))
    .orderBy(workOrderAssignees.id);
}
async function messagesOf(db: Db, ids: number[]) {
  const inbox = await db
    .select({ userId: notifications.userId, kind: notifications.kind, href: notifications.href })
    .from(notifications)
    .where(
      and(
        inArray(
          notifications.href,
          ids.map((id) => `/staff/orders/${id}`),
        ),
      ),
    )
    .orderBy(notifications.id);
  const mail = await db
    .select({ key: outboxMessages.idempotencyKey })
    .from(outboxMessages)
    .where(
      inArray(
        outboxMessages.idempotencyKey,
        ids.flatMap((id) => inbox.map((n) => `dispatch:${id}:${n.userId}`)),
      ),
    );
  return { inbox, mail: mail.map((m) => m.key).sort() };
}

describe("createOrdersTx: the one writer of work orders", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("one order: dispatched by the rules, on the company's SLA, with the dispatch message", async () => {
    const w = await ticketWorld(db, { techs: [] });
    await db
      .insert(slaSettings)
      .values({ companyId: w.companyId, type: "suggestion", severity: "normal", acceptMinutes: 7, resolveMinutes: 70 });
    const h = w.estate.households[0];
    const o = await createOrder(
      db,
      { companyId: w.companyId, userId: w.frontDesk.id },
      { type: "suggestion", source: "front_desk", householdId: h.id, description: "建议" },
      now,
    );
    expect(o).toMatchObject({
      companyId: w.companyId,
      status: "assigned",
      followUp: "explain",
      acceptDueAt: minutes(7),
      resolveDueAt: minutes(70),
      createdByUserId: w.frontDesk.id,
    });
    expect(await eventsOf(db, [o.id])).toEqual([
      { orderId: o.id, action: "submit", to: "submitted" },
      { orderId: o.id, action: "dispatch", to: "assigned" },
    ]);
    expect(await assigneesOf(db, [o.id])).toEqual([{ orderId: o.id, userId: w.butler.id, role: "butler" }]);
    const m = await messagesOf(db, [o.id]);
    expect(m.inbox).toEqual([{ userId: w.butler.id, kind: "order.dispatched", href: `/staff/orders/${o.id}` }]);
    expect(m.mail).toEqual([`dispatch:${o.id}:${w.butler.id}`]);
  });

  it("many orders in one call: ids in the specs' order, given assignees, deadlines overridden, nobody → dispatch_failed", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const [h0, h1, h2] = w.estate.households;
    const due = new Date("2026-03-31T15:59:00Z");
    const spec = (householdId: number, assignees: { userId: number; role: "butler" | "supervisor" }[]) => ({
      type: "collection" as const,
      source: "system" as const,
      householdId,
      description: `催缴 ${householdId}`,
      resolveDueAt: due,
      assignees,
    });
    const ids = await db.transaction((tx) =>
      createOrdersTx(
        tx,
        w.companyId,
        [
          spec(h2.id, [{ userId: w.butler.id, role: "butler" }]),
          spec(h0.id, [
            { userId: w.butler.id, role: "butler" },
            { userId: w.supervisor.id, role: "supervisor" },
          ]),
          spec(h1.id, []),
        ],
        now,
        { actorUserId: null },
      ),
    );
    expect(ids).toHaveLength(3);
    const rows = await Promise.all(ids.map((id) => loadOrder(db, w.companyId, id)));
    expect(rows.map((r) => [r.householdId, r.status, r.description])).toEqual([
      [h2.id, "assigned", `催缴 ${h2.id}`],
      [h0.id, "assigned", `催缴 ${h0.id}`],
      [h1.id, "submitted", `催缴 ${h1.id}`],
    ]);
    // The default collection SLA for acceptance; the given resolve deadline; none without an assignee.
    expect(rows[0].resolveDueAt).toEqual(due);
    expect(rows[0].acceptDueAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(rows[2]).toMatchObject({ acceptDueAt: null, resolveDueAt: due });
    expect((await eventsOf(db, [ids[2]])).map((e) => e.action)).toEqual(["submit", "dispatch_failed"]);
    expect(await assigneesOf(db, ids)).toEqual([
      { orderId: ids[0], userId: w.butler.id, role: "butler" },
      { orderId: ids[1], userId: w.butler.id, role: "butler" },
      { orderId: ids[1], userId: w.supervisor.id, role: "supervisor" },
    ]);
    const m = await messagesOf(db, ids);
    expect(m.inbox.map((n) => [n.href, n.userId])).toEqual([
      [`/staff/orders/${ids[0]}`, w.butler.id],
      [`/staff/orders/${ids[1]}`, w.butler.id],
      [`/staff/orders/${ids[1]}`, w.supervisor.id],
    ]);
    expect(m.mail).toEqual(
      [
        `dispatch:${ids[0]}:${w.butler.id}`,
        `dispatch:${ids[1]}:${w.butler.id}`,
        `dispatch:${ids[1]}:${w.supervisor.id}`,
      ].sort(),
    );
  });

  it("announce: false writes the orders without a per-order message (the monthly visit sampling)", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const ids = await db.transaction((tx) =>
      createOrdersTx(
        tx,
        w.companyId,
        [
          {
            type: "visit",
            source: "system",
            severity: "low",
            householdId: w.estate.households[0].id,
            description: "回访",
            assignees: [{ userId: w.butler.id, role: "butler" }],
          },
        ],
        now,
        { actorUserId: null, announce: false },
      ),
    );
    expect(ids).toHaveLength(1);
    expect((await loadOrder(db, w.companyId, ids[0])).status).toBe("assigned");
    expect(await db.$count(notifications, eq(notifications.href, `/staff/orders/${ids[0]}`))).toBe(0);
    expect(await db.$count(outboxMessages, sql`${outboxMessages.idempotencyKey} like ${`dispatch:${ids[0]}:%`}`)).toBe(
      0,
    );
  });

  it("a complaint waits for triage: no dispatch, no deadline, no message", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const o = await createOrder(
      db,
      { companyId: w.companyId, userId: w.resident.id },
      { type: "complaint", source: "resident", householdId: w.estate.households[0].id, description: "噪音" },
      now,
    );
    expect(o).toMatchObject({ status: "submitted", acceptDueAt: null });
    expect((await eventsOf(db, [o.id])).map((e) => e.action)).toEqual(["submit"]);
    expect(await assigneesOf(db, [o.id])).toEqual([]);
  });

  it("is tenant-scoped: another company's household finds none of its people, and its order is not found there", async () => {
    const a = await ticketWorld(db, { techs: [] });
    const b = await ticketWorld(db, { techs: [] });
    const o = await createOrder(
      db,
      { companyId: b.companyId, userId: null },
      { type: "suggestion", source: "system", householdId: a.estate.households[0].id, description: "跨公司" },
      now,
    );
    expect(o).toMatchObject({ companyId: b.companyId, status: "submitted" });
    expect(await assigneesOf(db, [o.id])).toEqual([]);
    expect(await db.$count(notifications, eq(notifications.userId, a.butler.id))).toBe(0);
    await expect(loadOrder(db, a.companyId, o.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.$count(workOrders, eq(workOrders.companyId, a.companyId))).toBe(0);
  });
});
