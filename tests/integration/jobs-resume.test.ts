import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { financeEntries, notifications, workOrderEvents, workOrders } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import type { Db } from "@/lib/db/client";
import { ensureCategories } from "@/lib/finance/categories";
import { postBillingIncome } from "@/lib/finance/ledger";
import { recordPayment } from "@/lib/flows/record-payment";
import { escalateOverdue } from "@/lib/tickets/cron";
import { createBillingEstate } from "../support/billing";
import { overdueWorld } from "../support/escalation";
import { Interrupted, interruptedAfter } from "../support/interrupt";
import { createTestDb } from "../support/test-db";

/*
 * Jobs that write in chunks of short transactions (issue 15 point 2): a run stopped after its
 * k-th committed chunk (the next transaction throws, as if the process died there) is finished
 * by the next run, and the data ends exactly as after one uninterrupted run; two runs at once
 * write nothing twice.
 */

// Seeds hundreds of rows: sized for a loaded 2-core machine.
describe("chunked jobs resume after an interruption", { timeout: 240_000 }, () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  /** Each order's level, its escalate events and its inbox recipients, in a comparable form. */
  async function escalationState(companyId: number) {
    const orders = await db
      .select({ id: workOrders.id, level: workOrders.escalationLevel, at: workOrders.escalatedAt })
      .from(workOrders)
      .where(eq(workOrders.companyId, companyId))
      .orderBy(asc(workOrders.id));
    const events = await db
      .select({ orderId: workOrderEvents.workOrderId, note: workOrderEvents.note })
      .from(workOrderEvents)
      .where(and(eq(workOrderEvents.companyId, companyId), eq(workOrderEvents.action, "escalate")))
      .orderBy(asc(workOrderEvents.workOrderId));
    const inbox = await db
      .select({ userId: notifications.userId, payload: notifications.payload })
      .from(notifications)
      .where(and(eq(notifications.companyId, companyId), eq(notifications.kind, "order.escalated")))
      .orderBy(asc(notifications.id));
    return { orders, events, inbox };
  }

  it("SLA escalation (pages of candidates, a transaction per page) stopped after 2 pages ends like one run", async () => {
    const w = await overdueWorld(db, { orders: 120 });
    const moving = w.orders.filter((o) => o.expectedLevel > o.currentLevel);
    const pageSize = 16;
    expect(moving.length).toBeGreaterThan(4 * pageSize); // several pages, each with something to move

    const cut = interruptedAfter(db, 2);
    await expect(escalateOverdue(cut.db, w.companyId, w.asOf, pageSize)).rejects.toBeInstanceOf(Interrupted);
    expect(cut.committed()).toBe(2);
    const partial = await escalationState(w.companyId);
    expect(partial.events.length).toBeGreaterThan(0);
    expect(partial.events.length).toBeLessThan(moving.length);

    // The next run (two at once: the minute tick and the daily run may overlap) finishes the rest, once.
    const resumed = await Promise.all([
      escalateOverdue(db, w.companyId, w.asOf, pageSize),
      escalateOverdue(db, w.companyId, w.asOf, pageSize),
    ]);
    expect(partial.events.length + resumed[0].escalated + resumed[1].escalated).toBe(moving.length);

    const { orders, events, inbox } = await escalationState(w.companyId);
    const expected = new Map(w.orders.map((o) => [o.id, o]));
    expect(orders.length).toBe(w.orders.length);
    for (const o of orders) {
      const plan = expected.get(o.id)!;
      const moved = plan.expectedLevel > plan.currentLevel;
      expect(o.level, `order ${o.id}`).toBe(moved ? plan.expectedLevel : plan.currentLevel);
      expect(o.at?.getTime() ?? null).toBe(moved ? w.asOf.getTime() : null);
    }
    expect(events).toEqual(moving.map((o) => ({ orderId: o.id, note: `L${o.expectedLevel}` })).sort(byOrder));
    const recipients = new Map<number, number[]>();
    for (const n of inbox) {
      const id = Number(n.payload.orderId);
      recipients.set(id, [...(recipients.get(id) ?? []), n.userId]);
    }
    expect(recipients.size).toBe(moving.length);
    for (const o of moving) expect(recipients.get(o.id), `order ${o.id}`).toEqual([...o.recipients]);
  });

  /** A company with 4 households, three months of bills and payments spread over them (allocations). */
  async function paidEstate() {
    const e = await createBillingEstate(db, 4);
    for (const period of ["2026-08", "2026-09", "2026-10"]) await generateBills(db, e.companyId, period);
    let n = 0;
    for (const h of e.households)
      for (const amountFen of [40000, 12345]) {
        n++;
        await recordPayment(db, {
          companyId: e.companyId,
          householdId: h.id,
          amountFen,
          method: "cash",
          idempotencyKey: `resume-${e.companyId}-${n}`,
          actorUserId: e.finance.id,
          now: new Date(`2026-11-0${1 + (n % 8)}T03:00:00Z`),
        });
      }
    await ensureCategories(db, e.companyId); // as the daily job does first
    return e;
  }

  async function ledgerOf(companyId: number) {
    const rows = await db
      .select({
        sourceKey: financeEntries.sourceKey,
        amountFen: financeEntries.amountFen,
        occurredOn: financeEntries.occurredOn,
        communityId: financeEntries.communityId,
      })
      .from(financeEntries)
      .where(and(eq(financeEntries.companyId, companyId), eq(financeEntries.source, "billing")))
      .orderBy(asc(financeEntries.sourceKey));
    return rows;
  }

  it("finance actuals (batches of allocations under a mark) stopped after 3 batches ends like one run", async () => {
    const tz = "Asia/Shanghai";
    const whole = await paidEstate();
    const cutShort = await paidEstate();
    const batch = 2;

    const oneRun = await postBillingIncome(db, whole.companyId, tz, batch);
    const reference = await ledgerOf(whole.companyId);
    expect(oneRun).toBe(reference.length);
    expect(reference.length).toBeGreaterThan(4 * batch);

    const cut = interruptedAfter(db, 3);
    await expect(postBillingIncome(cut.db, cutShort.companyId, tz, batch)).rejects.toBeInstanceOf(Interrupted);
    const partial = await ledgerOf(cutShort.companyId);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(reference.length);

    const resumed = await Promise.all([
      postBillingIncome(db, cutShort.companyId, tz, batch),
      postBillingIncome(db, cutShort.companyId, tz, batch),
    ]);
    expect(partial.length + resumed[0] + resumed[1]).toBe(reference.length);
    // The same entries, allocation by allocation (ids differ between the twin companies: compare by position).
    const after = await ledgerOf(cutShort.companyId);
    const shape = (rows: Awaited<ReturnType<typeof ledgerOf>>, e: typeof whole) =>
      rows.map((r) => ({
        amountFen: r.amountFen,
        occurredOn: r.occurredOn,
        fee: Number(r.sourceKey!.split(":")[2]) === e.feeItems.property.id ? "property" : "garbage",
      }));
    expect(after).toHaveLength(reference.length);
    expect(new Set(after.map((r) => r.sourceKey)).size).toBe(after.length);
    expect(shape(after, cutShort).sort(byJson)).toEqual(shape(reference, whole).sort(byJson));
    expect(await postBillingIncome(db, cutShort.companyId, tz, batch)).toBe(0);
  });
});

const byOrder = (a: { orderId: number }, b: { orderId: number }) => a.orderId - b.orderId;
const byJson = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b));
