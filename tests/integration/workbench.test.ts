import { beforeAll, describe, expect, it } from "vitest";
import { householdScores } from "@/db/schema";
import { DEFAULT_CRM_RULES } from "@/lib/crm/config";
import type { Db } from "@/lib/db/client";
import { loadRegistryView } from "@/lib/registry/view";
import { loadOrderScope } from "@/lib/tickets/access";
import { createOrder } from "@/lib/tickets/create";
import { listOrders } from "@/lib/tickets/queries";
import { atRiskHouseholds } from "@/lib/workbench/crm";
import { orderFigures, unacceptedByMember } from "@/lib/workbench/orders";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

const now = new Date("2026-12-06T04:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const todayStart = new Date("2026-12-05T16:00:00Z");

describe("workbench figures", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function order(
    w: Awaited<ReturnType<typeof ticketWorld>>,
    to: number,
    type: "repair" | "emergency",
    accept: number,
  ) {
    return createOrder(
      db,
      { companyId: w.companyId, userId: w.adminId },
      {
        type,
        source: "staff",
        householdId: w.estate.households[0].id,
        unitId: w.estate.units[0].id,
        communityId: w.estate.community.id,
        description: "workbench test",
        acceptDueAt: at(accept),
        resolveDueAt: at(accept + 600),
        assignees: [{ userId: to, role: type === "repair" ? "technician" : "butler" }],
      },
      at(-60),
    );
  }

  it("order figures equal the orders list's totals for the same filters, per company", async () => {
    const w = await ticketWorld(db);
    const other = await ticketWorld(db);
    await order(w, w.technicians[0].id, "repair", -5);
    await order(w, w.technicians[0].id, "repair", 30);
    await order(w, w.butler.id, "emergency", -1);
    await order(other, other.technicians[0].id, "repair", -5);
    const admin = await loadOrderScope(db, w.companyId, { id: w.adminId, roles: ["admin"] });
    const f = await orderFigures(db, w.companyId, admin, now, { todayStart });
    const total = async (filters: Parameters<typeof listOrders>[3]) =>
      (await listOrders(db, w.companyId, admin, filters, now)).total;
    expect(f.open).toBe(await total({ status: "open" }));
    expect(f.open).toBe(3);
    expect(f.overdue).toBe(await total({ status: "open", overdue: true }));
    expect(f.overdue).toBe(2);
    expect(f.overdueByType).toEqual({ repair: 1, emergency: 1 });
    expect(f.emergenciesOpen).toBe(await total({ status: "open", type: "emergency" }));
    expect(f.createdToday).toBe(await total({ status: "all", createdFrom: todayStart }));
    const tech = w.technicians[0].id;
    const mine = await orderFigures(db, w.companyId, admin, now, { assignedTo: tech, todayStart });
    expect(mine.open).toBe(2);
    const waiting = await unacceptedByMember(db, w.companyId, admin, [tech, w.butler.id], now);
    expect(waiting.get(tech)).toBe(await total({ status: "open", assignedTo: tech, unaccepted: true }));
    expect(waiting.get(w.butler.id)).toBe(1);
    // The other company's admin sees only its own order.
    const stranger = await loadOrderScope(db, other.companyId, { id: other.adminId, roles: ["admin"] });
    expect((await orderFigures(db, other.companyId, stranger, now, { todayStart })).open).toBe(1);
    expect((await unacceptedByMember(db, other.companyId, stranger, [tech], now)).size).toBe(0);
  });

  it("at-risk households: poor or critical now, only the viewer's", async () => {
    const w = await ticketWorld(db);
    const other = await ticketWorld(db);
    const [a, b, c] = w.estate.households;
    const score = (householdId: number, companyId: number, s: number) => ({
      householdId,
      companyId,
      score: s,
      updatedAt: now,
    });
    await db
      .insert(householdScores)
      .values([
        score(a.id, w.companyId, 40),
        score(b.id, w.companyId, 65),
        score(c.id, w.companyId, 90),
        score(other.estate.households[0].id, other.companyId, 10),
      ]);
    const view = await loadRegistryView(db, w.companyId, { userId: w.butler.id, roles: ["butler"] });
    const risk = await atRiskHouseholds(db, w.companyId, view, DEFAULT_CRM_RULES);
    expect(risk.total).toBe(2);
    expect(risk.lowest.map((h) => h.id)).toEqual([a.id, b.id]);
    const none = await loadRegistryView(db, w.companyId, { userId: w.technicians[0].id, roles: ["technician"] });
    expect((await atRiskHouseholds(db, w.companyId, none, DEFAULT_CRM_RULES)).total).toBe(0);
  });
});
