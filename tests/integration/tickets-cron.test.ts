import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  equipment,
  maintenanceOrderKeys,
  maintenancePlans,
  notifications,
  workOrderAssignees,
  workOrderEvents,
  workOrders,
} from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { triageComplaint } from "@/lib/flows/triage-complaint";
import { acceptOrder, resolveOrder } from "@/lib/tickets/commands";
import { loadOrder } from "@/lib/tickets/orders";
import { escalateOverdue, generateMaintenanceOrders } from "@/lib/tickets/cron";
import { submitResidentRequest } from "@/lib/tickets/submit";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

const at = (iso: string) => new Date(iso);

describe("tickets cron jobs", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("escalateOverdue moves overdue orders up one level at a time, notifies, and is idempotent", async () => {
    const w = await ticketWorld(db);
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "complaint",
      unitId: w.estate.units[0].id,
      description: "电梯坏了没人管",
    });
    await triageComplaint(
      db,
      w.as.frontDesk,
      { id: o.id, classification: "general", points: -3 },
      at("2026-03-01T08:00:00Z"),
    );
    // accept 2 h, resolve 3 d (normal severity)
    expect(await escalateOverdue(db, w.companyId, at("2026-03-01T09:00:00Z"))).toEqual({ escalated: 0 });
    expect(await escalateOverdue(db, w.companyId, at("2026-03-01T10:30:00Z"))).toEqual({ escalated: 1 });
    expect(await escalateOverdue(db, w.companyId, at("2026-03-01T10:30:00Z"))).toEqual({ escalated: 0 });
    expect((await loadOrder(db, w.companyId, o.id)).escalationLevel).toBe(1);
    const supInbox = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.supervisor.id), eq(notifications.kind, "order.escalated")));
    expect(supInbox).toHaveLength(1);

    await acceptOrder(db, w.as.butler, o.id, at("2026-03-01T11:00:00Z"));
    // resolve overdue → project manager; twice as late → admin
    expect(await escalateOverdue(db, w.companyId, at("2026-03-04T09:00:00Z"))).toEqual({ escalated: 1 });
    expect((await loadOrder(db, w.companyId, o.id)).escalationLevel).toBe(2);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, w.pm.id), eq(notifications.kind, "order.escalated"))),
    ).toHaveLength(1);
    // two concurrent runs: one escalation
    const both = await Promise.all([
      escalateOverdue(db, w.companyId, at("2026-03-08T09:00:00Z")),
      escalateOverdue(db, w.companyId, at("2026-03-08T09:00:00Z")),
    ]);
    expect(both.reduce((s, r) => s + r.escalated, 0)).toBe(1);
    expect((await loadOrder(db, w.companyId, o.id)).escalationLevel).toBe(3);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, w.adminId), eq(notifications.kind, "order.escalated"))),
    ).toHaveLength(1);
    const esc = await db
      .select()
      .from(workOrderEvents)
      .where(and(eq(workOrderEvents.workOrderId, o.id), eq(workOrderEvents.action, "escalate")));
    expect(esc.map((e) => e.note)).toEqual(["L1", "L2", "L3"]);

    // resolved orders are never escalated; another company's orders are not touched
    await resolveOrder(db, w.as.butler, { id: o.id, note: "已处理", checklistDone: [] });
    const other = await ticketWorld(db);
    expect(await escalateOverdue(db, other.companyId, at("2027-01-01T00:00:00Z"))).toEqual({ escalated: 0 });
  });

  it("generateMaintenanceOrders creates each due order once, ahead of time, even when run twice at the same time", async () => {
    const w = await ticketWorld(db, { techs: [["elevator"]] });
    const [lift] = await db
      .insert(equipment)
      .values({
        companyId: w.companyId,
        communityId: w.estate.community.id,
        name: "1号电梯",
        kind: "elevator",
        location: "1栋",
      })
      .returning();
    const [plan] = await db
      .insert(maintenancePlans)
      .values({
        companyId: w.companyId,
        equipmentId: lift.id,
        title: "电梯月保",
        every: 1,
        interval: "month",
        startDate: "2026-04-10",
        leadDays: 5,
        checklist: ["检查钢丝绳", "润滑导轨", "测试急停"],
      })
      .returning();
    expect(await generateMaintenanceOrders(db, w.companyId, "2026-04-01")).toEqual({ created: 0 });
    const runs = await Promise.all([
      generateMaintenanceOrders(db, w.companyId, "2026-04-06"),
      generateMaintenanceOrders(db, w.companyId, "2026-04-06"),
    ]);
    expect(runs.reduce((s, r) => s + r.created, 0)).toBe(1);
    expect(await generateMaintenanceOrders(db, w.companyId, "2026-04-06")).toEqual({ created: 0 });
    expect(await generateMaintenanceOrders(db, w.companyId, "2026-04-08")).toEqual({ created: 0 });
    const orders = await db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.companyId, w.companyId), eq(workOrders.type, "maintenance")));
    expect(orders).toHaveLength(1);
    const [o] = orders;
    expect(o).toMatchObject({ source: "system", equipmentId: lift.id, repairCategory: "elevator", status: "assigned" });
    expect(o.checklist).toEqual([
      { item: "检查钢丝绳", done: false },
      { item: "润滑导轨", done: false },
      { item: "测试急停", done: false },
    ]);
    expect(o.resolveDueAt!.toISOString()).toBe("2026-04-10T23:59:59.999Z");
    const [a] = await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, o.id));
    expect(a.userId).toBe(w.technicians[0].id);
    const [key] = await db.select().from(maintenanceOrderKeys).where(eq(maintenanceOrderKeys.planId, plan.id));
    expect(key).toMatchObject({ dueDate: "2026-04-10", workOrderId: o.id });

    // completion records the checklist
    await acceptOrder(db, w.as.tech(0), o.id);
    await resolveOrder(db, w.as.tech(0), { id: o.id, note: undefined, checklistDone: [0, 2] });
    expect((await loadOrder(db, w.companyId, o.id)).checklist!.map((c) => c.done)).toEqual([true, false, true]);

    // next month
    expect(await generateMaintenanceOrders(db, w.companyId, "2026-05-05")).toEqual({ created: 1 });
    const [{ n }] = await db
      .select({ n: count() })
      .from(workOrders)
      .where(and(eq(workOrders.companyId, w.companyId), eq(workOrders.type, "maintenance")));
    expect(n).toBe(2);
  });
});
