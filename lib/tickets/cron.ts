import { and, eq, inArray, isNotNull, lt, or } from "drizzle-orm";
import { equipment, maintenanceOrderKeys, maintenancePlans, workOrderAssignees, workOrderEvents, workOrders } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { createOrderTx, type Actor } from "./commands";
import { notify, staffOrderHref } from "./notify";
import { companyAdmins, managerOf, supervisorOf } from "./people";
import { CATEGORY_OF_EQUIPMENT, dueDatesToGenerate, escalationLevel, ESCALATION_ROLE, OPEN_STATUSES, parseDate } from "./rules";

/**
 * The daily jobs of this module (SPEC §10). Both are idempotent — a second run for the same
 * time creates nothing — and safe against a concurrent run: every write is conditional
 * (escalation level only rises; a generation key is inserted once).
 */

/** Moves each overdue open order up to the level its lateness calls for, and notifies that level. */
export async function escalateOverdue(db: Db, companyId: number, asOf: Date) {
  const candidates = await db
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.companyId, companyId),
        inArray(workOrders.status, [...OPEN_STATUSES]),
        or(and(isNotNull(workOrders.acceptDueAt), lt(workOrders.acceptDueAt, asOf)), and(isNotNull(workOrders.resolveDueAt), lt(workOrders.resolveDueAt, asOf))),
      ),
    );
  let escalated = 0;
  for (const o of candidates) {
    const [dispatch] = await db
      .select({ at: workOrderEvents.at })
      .from(workOrderEvents)
      .where(and(eq(workOrderEvents.workOrderId, o.id), inArray(workOrderEvents.action, ["dispatch", "reopen"])))
      .orderBy(workOrderEvents.id);
    const level = escalationLevel({ ...o, dispatchedAt: dispatch?.at ?? null }, asOf);
    if (level <= o.escalationLevel) continue;
    const done = await db.transaction(async (tx) => {
      const res = await tx
        .update(workOrders)
        .set({ escalationLevel: level, escalatedAt: asOf })
        .where(and(eq(workOrders.id, o.id), eq(workOrders.companyId, companyId), lt(workOrders.escalationLevel, level)));
      if (res.rowsAffected !== 1) return false;
      await tx.insert(workOrderEvents).values({ companyId, workOrderId: o.id, actorUserId: null, action: "escalate", fromStatus: o.status, toStatus: o.status, note: `L${level}`, at: asOf });
      const assignees = await tx
        .select({ userId: workOrderAssignees.userId, role: workOrderAssignees.role })
        .from(workOrderAssignees)
        .where(eq(workOrderAssignees.workOrderId, o.id));
      const targets = new Set<number>();
      const role = ESCALATION_ROLE[level];
      if (role === "supervisor") {
        for (const a of assignees) {
          const sup = a.role === "supervisor" ? null : await supervisorOf(tx, companyId, a.userId);
          if (sup) targets.add(sup);
        }
        if (!targets.size) {
          const pm = await managerOf(tx, companyId, o.communityId);
          if (pm) targets.add(pm);
        }
      }
      if (role === "project_manager") {
        const pm = await managerOf(tx, companyId, o.communityId);
        if (pm) targets.add(pm);
      }
      if (role === "admin" || !targets.size) for (const id of await companyAdmins(tx, companyId)) targets.add(id);
      // The assignees hear about it too.
      for (const a of assignees) targets.add(a.userId);
      await notify(tx, companyId, targets, "order.escalated", { orderId: o.id, type: o.type, level }, staffOrderHref(o.id));
      return true;
    });
    if (done) escalated++;
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
  const system: Actor = { companyId, userId: null, roles: [] };
  let created = 0;
  for (const { plan, equipment: eq_ } of plans) {
    for (const dueDate of dueDatesToGenerate(plan, asOf)) {
      const made = await db.transaction(async (tx) => {
        const key = await tx.insert(maintenanceOrderKeys).values({ companyId, planId: plan.id, dueDate }).onConflictDoNothing().returning();
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
