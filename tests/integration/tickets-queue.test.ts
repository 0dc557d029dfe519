import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { workOrderAssignees, workOrderEvents } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { loadOrderScope } from "@/lib/tickets/access";
import { acceptOrders } from "@/lib/tickets/bulk";
import { createOrder } from "@/lib/tickets/create";
import { loadOrder } from "@/lib/tickets/orders";
import { listOrders } from "@/lib/tickets/queries";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

const now = new Date("2026-12-06T04:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe("the orders queue", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  /** An order of the world's first household dispatched to `to`, with the given deadlines (minutes from now). */
  async function orderFor(w: Awaited<ReturnType<typeof ticketWorld>>, to: number, accept: number, resolve: number) {
    return createOrder(
      db,
      { companyId: w.companyId, userId: w.adminId },
      {
        type: "repair",
        source: "staff",
        householdId: w.estate.households[0].id,
        unitId: w.estate.units[0].id,
        communityId: w.estate.community.id,
        description: "queue test",
        acceptDueAt: at(accept),
        resolveDueAt: at(resolve),
        assignees: [{ userId: to, role: "technician" }],
      },
      at(-600),
    );
  }

  it("puts overdue orders first, then the nearest deadline; the closed list stays newest first", async () => {
    const w = await ticketWorld(db);
    const tech = w.technicians[0].id;
    const far = await orderFor(w, tech, 600, 6000);
    const soon = await orderFor(w, tech, 20, 6000);
    const lateAccept = await orderFor(w, tech, -10, 6000);
    const lateResolve = await orderFor(w, tech, -100, -5);
    const mid = await orderFor(w, tech, 120, 6000);
    const scope = await loadOrderScope(db, w.companyId, { id: w.adminId, roles: ["admin"] });
    const { rows } = await listOrders(db, w.companyId, scope, { status: "open" }, now);
    const ids = rows.map((r) => r.id);
    expect(ids.slice(0, 2).sort()).toEqual([lateAccept.id, lateResolve.id].sort());
    expect(ids.slice(2)).toEqual([soon.id, mid.id, far.id]);
    const overdue = await listOrders(db, w.companyId, scope, { status: "open", overdue: true }, now);
    expect(overdue.total).toBe(2);
  });

  it("pages through the queue in order: page 2 goes on from page 1, nothing twice, nothing left out", async () => {
    const w = await ticketWorld(db);
    const tech = w.technicians[0];
    // 53 orders waiting for acceptance, seven deadlines an hour apart: ties fall back to the newest first.
    const made: { id: number; slot: number }[] = [];
    for (let i = 0; i < 53; i++)
      made.push({ id: (await orderFor(w, tech.id, 30 + (i % 7) * 60, 6000)).id, slot: i % 7 });
    const expected = made.sort((x, y) => x.slot - y.slot || y.id - x.id).map((o) => o.id);
    const scope = await loadOrderScope(db, w.companyId, { id: w.adminId, roles: ["admin"] });
    const one = await listOrders(db, w.companyId, scope, { status: "open" }, now);
    const two = await listOrders(db, w.companyId, scope, { status: "open", page: 2 }, now);
    expect([one.total, one.rows.length, two.rows.length]).toEqual([53, 50, 3]);
    expect([...one.rows, ...two.rows].map((r) => r.id)).toEqual(expected);
    // Each row carries its household and its assignee, looked up for the page's rows.
    expect(two.rows.map((r) => [r.householdName, r.assignees])).toEqual(
      Array(3).fill([w.estate.households[0].name, tech.name]),
    );
  });

  it("filters one member's orders still waiting for acceptance, only within what the viewer sees", async () => {
    const w = await ticketWorld(db);
    const [a, b] = w.technicians;
    const o1 = await orderFor(w, a.id, 60, 600);
    await orderFor(w, b.id, 60, 600);
    const o3 = await orderFor(w, a.id, 60, 600);
    await acceptOrders(db, w.as.tech(0), [o3.id], now);
    const admin = await loadOrderScope(db, w.companyId, { id: w.adminId, roles: ["admin"] });
    const waiting = await listOrders(
      db,
      w.companyId,
      admin,
      { status: "open", assignedTo: a.id, unaccepted: true },
      now,
    );
    expect(waiting.rows.map((r) => r.id)).toEqual([o1.id]);
    // Another company's admin filtering by this technician sees nothing.
    const other = await ticketWorld(db);
    const stranger = await loadOrderScope(db, other.companyId, { id: other.adminId, roles: ["admin"] });
    expect((await listOrders(db, other.companyId, stranger, { assignedTo: a.id, status: "all" }, now)).total).toBe(0);
  });

  it("bulk accept takes only the actor's waiting orders, in one go, with the same timeline as a single accept", async () => {
    const w = await ticketWorld(db);
    const [mine1, mine2, theirs] = [
      await orderFor(w, w.technicians[0].id, 60, 600),
      await orderFor(w, w.technicians[0].id, 60, 600),
      await orderFor(w, w.technicians[1].id, 60, 600),
    ];
    const other = await ticketWorld(db);
    const foreign = await orderFor(other, other.technicians[0].id, 60, 600);
    const scope = await loadOrderScope(db, w.companyId, { id: w.technicians[0].id, roles: ["technician"] });
    const before = await listOrders(db, w.companyId, scope, { status: "open", assignedTo: w.technicians[0].id }, now);
    expect(before.rows.filter((r) => r.acceptable).map((r) => r.id)).toEqual(
      [mine1.id, mine2.id].sort((x, y) => y - x),
    );
    const result = await acceptOrders(db, w.as.tech(0), [mine1.id, mine2.id, theirs.id, foreign.id, mine1.id], now);
    expect(result).toEqual({ accepted: 2, skipped: 2 });
    for (const o of [mine1, mine2]) {
      expect((await loadOrder(db, w.companyId, o.id)).status).toBe("accepted");
      const ev = await db
        .select()
        .from(workOrderEvents)
        .where(and(eq(workOrderEvents.workOrderId, o.id), eq(workOrderEvents.action, "accept")));
      expect(ev).toHaveLength(1);
      expect(ev[0].actorUserId).toBe(w.technicians[0].id);
    }
    expect((await loadOrder(db, w.companyId, theirs.id)).status).toBe("assigned");
    expect((await loadOrder(db, other.companyId, foreign.id)).status).toBe("assigned");
    const [theirAssignment] = await db
      .select()
      .from(workOrderAssignees)
      .where(eq(workOrderAssignees.workOrderId, theirs.id));
    expect(theirAssignment.acceptedAt).toBeNull();
    // Running it again changes nothing.
    expect(await acceptOrders(db, w.as.tech(0), [mine1.id, mine2.id], now)).toEqual({ accepted: 0, skipped: 2 });
  });
});
