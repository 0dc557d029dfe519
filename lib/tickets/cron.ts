import type { RoleActor } from "@/lib/auth/actor";
import { and, eq, sql } from "drizzle-orm";
import { equipment, maintenanceOrderKeys, maintenancePlans } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { createOrderTx } from "./create";
import { ESCALATION_CHUNK, ESCALATION_PAGE, escalateChunkTx, escalationAudience, overdueOrders } from "./escalation";
import { CATEGORY_OF_EQUIPMENT, dueDatesToGenerate, parseDate } from "./rules";

/**
 * The daily jobs of this module (SPEC §10). Both are idempotent — a second run for the same
 * time creates nothing — and safe against a concurrent run: every write is conditional
 * (escalation level only rises; a generation key is inserted once).
 */

/**
 * Moves each overdue open order up to the level its lateness calls for, and notifies that level.
 * Set-based (./escalation.ts), a page of ESCALATION_PAGE candidates at a time (by id, so the
 * event loop is never held long by one big read): one read of the page's candidates with their
 * first dispatch time, one read each of their assignees, supervisors, the communities' managers
 * and the admins, then transactions of ESCALATION_CHUNK orders. Every update is conditional
 * (`escalation_level < level`) and returns the orders it moved; only those get an event and
 * notifications, so overlapping runs escalate and notify each order once, and a run stopped
 * mid-way is finished by the next.
 */
export async function escalateOverdue(db: Db, companyId: number, asOf: Date, pageSize = ESCALATION_PAGE) {
  let escalated = 0;
  for (let after = 0; ;) {
    const { due, lastId } = await overdueOrders(db, companyId, asOf, after, pageSize);
    if (lastId === null) break;
    after = lastId;
    if (!due.length) continue;
    const recipients = await escalationAudience(db, companyId, due);
    for (let i = 0; i < due.length; i += ESCALATION_CHUNK) {
      const part = due.slice(i, i + ESCALATION_CHUNK);
      escalated += await db.transaction((tx) => escalateChunkTx(tx, companyId, asOf, part, recipients));
    }
  }
  return { escalated };
}

/** Creates each active plan's orders ahead of their due dates (once per plan and due date). */
export async function generateMaintenanceOrders(db: Db, companyId: number, asOf: string) {
  const plans = await db
    .select({ plan: maintenancePlans, equipment })
    .from(maintenancePlans)
    .innerJoin(equipment, and(eq(equipment.id, maintenancePlans.equipmentId), eq(equipment.active, true)))
    .where(and(eq(maintenancePlans.companyId, companyId), eq(maintenancePlans.active, true)));
  const system: RoleActor<number | null> = { companyId, userId: null, roles: [] };
  let created = 0;
  for (const { plan, equipment: eq_ } of plans) {
    for (const dueDate of dueDatesToGenerate(plan, asOf)) {
      const made = await db.transaction(async (tx) => {
        const key = await tx
          .insert(maintenanceOrderKeys)
          .values({ companyId, planId: plan.id, dueDate })
          .onConflictDoNothing()
          .returning();
        if (!key.length) return false;
        const due = parseDate(dueDate);
        const order = await createOrderTx(
          tx,
          system,
          {
            type: "maintenance",
            source: "system",
            communityId: eq_.communityId,
            equipmentId: eq_.id,
            repairCategory: CATEGORY_OF_EQUIPMENT[eq_.kind],
            title: `${plan.title} · ${eq_.name} · ${dueDate}`,
            description: plan.title,
            checklist: plan.checklist.map((item) => ({ item, done: false })),
            resolveDueAt: new Date(due.getTime() + 86_400_000 - 1),
          },
          new Date(),
        );
        await tx
          .update(maintenanceOrderKeys)
          .set({ workOrderId: order.id })
          .where(and(eq(maintenanceOrderKeys.planId, plan.id), eq(maintenanceOrderKeys.dueDate, dueDate)));
        return true;
      });
      if (made) created++;
    }
  }
  return { created };
}

/** Both daily jobs of this module for one company, as the cron (§10) will call them. */
export async function runTicketJobs(db: Db, companyId: number, asOf: { time: Date; date: string }) {
  const { escalated } = await escalateOverdue(db, companyId, asOf.time);
  const { created } = await generateMaintenanceOrders(db, companyId, asOf.date);
  return { escalated, maintenanceOrders: created };
}

/**
 * The minute tick's "anything to escalate?" (SPEC §10): the companies with an open order past
 * a deadline and below the level it calls for — ONE query, through the partial indexes
 * work_orders_accept_due_idx / work_orders_resolve_due_idx, so an idle tick reads only the
 * open overdue orders not yet at level 3 (the same levels as rules.ts escalationLevel).
 */
export async function escalationDueCompanies(db: Db, now: Date, companyIds?: readonly number[]): Promise<number[]> {
  const t = now.getTime();
  const scope = companyIds
    ? sql`and company_id in (select value from json_each(${JSON.stringify(companyIds)}))`
    : sql``;
  const dispatched = sql`(select e.at from work_order_events e where e.work_order_id = work_orders.id
      and e.action in ('dispatch', 'reopen') order by e.id limit 1)`;
  const rows = await db.all<{ id: number }>(sql`
    select company_id as id from work_orders
      where status = 'assigned' and escalation_level < 1 and accept_due_at < ${t} ${scope}
    union
    select company_id as id from work_orders
      where status in ('submitted', 'triaged', 'assigned', 'accepted', 'in_progress') and escalation_level < 3 and resolve_due_at < ${t} ${scope}
        and (escalation_level < 2 or (resolve_due_at > ${dispatched} and 2 * resolve_due_at - ${dispatched} < ${t}))`);
  return rows.map((r) => Number(r.id));
}

/** The tick's SLA escalation: escalateOverdue for each company that has something due. */
export async function escalateDue(db: Db, now: Date, companyIds?: readonly number[]) {
  const due = await escalationDueCompanies(db, now, companyIds);
  let escalated = 0;
  for (const companyId of due) escalated += (await escalateOverdue(db, companyId, now)).escalated;
  return { companies: due.length, escalated };
}
