import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, notifications, workOrderAssignees, workOrderEvents } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { collectionTarget, saveCollectionTarget } from "@/lib/billing/settings";
import type { Db } from "@/lib/db/client";
import { postFinanceActuals } from "@/lib/finance/ledger";
import { unpostedItems } from "@/lib/finance/posting";
import { recordPayment } from "@/lib/flows/record-payment";
import { assignOrders } from "@/lib/tickets/assign";
import { createOrder } from "@/lib/tickets/create";
import { createBillingEstate } from "../support/billing";
import { createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

const now = new Date("2026-12-06T04:00:00Z");

describe("bulk assign (批量派单)", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function order(w: Awaited<ReturnType<typeof ticketWorld>>, householdIndex: number, to: number | null) {
    const h = w.estate.households[householdIndex];
    return createOrder(
      db,
      { companyId: w.companyId, userId: w.adminId },
      {
        type: "repair",
        source: "staff",
        householdId: h.id,
        unitId: w.estate.units[householdIndex].id,
        communityId: w.estate.community.id,
        description: "bulk assign test",
        assignees: to ? [{ userId: to, role: "technician" }] : undefined,
      },
      now,
    );
  }

  it("hands the supervisor's team orders to one technician in one go; other companies' and other teams' ids are skipped", async () => {
    const w = await ticketWorld(db);
    const other = await ticketWorld(db);
    // Another team in the same company: a second butler with their own households and supervisor.
    const butler2 = await createUser(db, w.companyId, ["butler"], "管家二");
    const estate2 = await createEstate(db, w.companyId, { n: 1, butlerId: butler2.id });
    const [t0, t1] = w.technicians;
    const a = await order(w, 0, t0.id);
    const b = await order(w, 1, t0.id);
    const foreign = await order(other, 0, other.technicians[0].id);
    const otherTeam = await createOrder(
      db,
      { companyId: w.companyId, userId: w.adminId },
      {
        type: "repair",
        source: "staff",
        householdId: estate2.households[0].id,
        unitId: estate2.units[0].id,
        communityId: estate2.community.id,
        description: "other team",
        assignees: [{ userId: t0.id, role: "technician" }],
      },
      now,
    );
    const res = await assignOrders(
      db,
      w.as.supervisor,
      { ids: [a.id, b.id, foreign.id, otherTeam.id], userId: t1.id },
      now,
    );
    expect(res).toEqual({ assigned: 2, skipped: 2 });
    for (const id of [a.id, b.id]) {
      const who = await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, id));
      expect(who.map((x) => x.userId)).toEqual([t1.id]);
      expect(
        await db.$count(
          workOrderEvents,
          and(eq(workOrderEvents.workOrderId, id), eq(workOrderEvents.action, "assign")),
        ),
      ).toBe(1);
      expect(
        await db.$count(auditLog, and(eq(auditLog.action, "work_order.assign"), eq(auditLog.entityId, String(id)))),
      ).toBe(1);
    }
    // The same notice as a dispatch, to the new technician only.
    const inbox = await db.select().from(notifications).where(eq(notifications.userId, t1.id));
    expect(inbox.filter((n) => n.kind === "order.dispatched")).toHaveLength(2);
    // The skipped orders keep their technician.
    for (const id of [foreign.id, otherTeam.id]) {
      const who = await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, id));
      expect(who.map((x) => x.userId)).not.toContain(t1.id);
    }
    // Again: nothing to do (t1 already has them), nothing written twice.
    expect(await assignOrders(db, w.as.supervisor, { ids: [a.id, b.id], userId: t1.id }, now)).toEqual({
      assigned: 0,
      skipped: 2,
    });
  });

  it("refuses a technician as the actor, and a person of another company as the target; nothing written", async () => {
    const w = await ticketWorld(db);
    const other = await ticketWorld(db);
    const a = await order(w, 0, w.technicians[0].id);
    await expect(
      assignOrders(db, w.as.tech(0), { ids: [a.id], userId: w.technicians[1].id }, now),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      assignOrders(db, w.as.admin, { ids: [a.id], userId: other.technicians[0].id }, now),
    ).rejects.toMatchObject({ code: "not_found" });
    const who = await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, a.id));
    expect(who.map((x) => x.userId)).toEqual([w.technicians[0].id]);
  });

  it("a submitted order nobody could take is dispatched to the chosen butler with its SLA", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const o = await order(w, 0, null);
    expect(o.status).toBe("submitted");
    expect(await assignOrders(db, w.as.frontDesk, { ids: [o.id], userId: w.butler.id }, now)).toEqual({
      assigned: 1,
      skipped: 0,
    });
    const who = await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, o.id));
    expect(who).toEqual([expect.objectContaining({ userId: w.butler.id, role: "butler" })]);
  });
});

describe("finance and collection figures", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("unposted items: the payments past the ledger's mark, none after the posting job ran; per company", async () => {
    const e = await createBillingEstate(db, 2);
    const other = await createBillingEstate(db, 1);
    await generateBills(db, e.companyId, "2026-11", now);
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 5000,
      method: "cash",
      idempotencyKey: "wb-unposted-1",
      actorUserId: e.finance.id,
      now,
    });
    const before = await unpostedItems(db, e.companyId);
    expect(before.payments.count).toBeGreaterThan(0);
    expect(before.payments.amountFen).toBe(5000);
    expect(before.refunds.count).toBe(0);
    expect((await unpostedItems(db, other.companyId)).payments.count).toBe(0);
    await postFinanceActuals(db, { id: e.companyId, timeZone: "Asia/Shanghai" }, "2026-12-06", now);
    expect(await unpostedItems(db, e.companyId)).toEqual({
      payments: { count: 0, amountFen: 0 },
      refunds: { count: 0, amountFen: 0 },
      contract: { count: 0, amountFen: 0 },
    });
  });

  it("the collection target is saved per company, audited with before and after, and cleared with null", async () => {
    const e = await createBillingEstate(db, 1);
    const other = await createBillingEstate(db, 1);
    const actor = { companyId: e.companyId, userId: e.adminId };
    expect(await collectionTarget(db, e.companyId)).toBeNull();
    await saveCollectionTarget(db, actor, 9250);
    await saveCollectionTarget(db, actor, 9250);
    expect(await collectionTarget(db, e.companyId)).toBe(9250);
    expect(await collectionTarget(db, other.companyId)).toBeNull();
    await saveCollectionTarget(db, actor, null);
    expect(await collectionTarget(db, e.companyId)).toBeNull();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, e.companyId), eq(auditLog.action, "billing_settings.collection_target")));
    expect(audits.map((a) => [a.before, a.after])).toEqual([
      [{ collectionTargetBp: null }, { collectionTargetBp: 9250 }],
      [{ collectionTargetBp: 9250 }, { collectionTargetBp: null }],
    ]);
  });
});
