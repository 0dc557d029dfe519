import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  communityManagers,
  equipment,
  maintenanceOrderKeys,
  maintenancePlans,
  notifications,
  supervisorButlers,
  workOrderAssignees,
  workOrderEvents,
  workOrders,
} from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { jsonInsert } from "@/lib/db/json-insert";
import type { RoleActor } from "@/lib/auth/actor";
import { chunk } from "@/lib/db/chunk";
import { createOrderTx } from "./create";
import { staffOrderHref, type NotificationKind } from "./notify";
import { companyAdmins } from "./people";
import {
  CATEGORY_OF_EQUIPMENT,
  dueDatesToGenerate,
  escalationLevel,
  ESCALATION_ROLE,
  OPEN_STATUSES,
  parseDate,
  type AssigneeRole,
} from "./rules";

/**
 * The daily jobs of this module (SPEC §10). Both are idempotent — a second run for the same
 * time creates nothing — and safe against a concurrent run: every write is conditional
 * (escalation level only rises; a generation key is inserted once).
 */

/** Orders per write transaction of the escalation (SPEC §10: short transactions, bounded statements). */
const ESCALATION_CHUNK = 400;

/** `column in (the ids)`, the ids travelling as ONE JSON argument whatever their number. */
const inJson = (column: SQLiteColumn, ids: readonly number[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;

/**
 * Moves each overdue open order up to the level its lateness calls for, and notifies that level.
 * Set-based: one read of the candidates with their first dispatch time, one read each of the
 * assignees, their supervisors, the communities' managers and the admins, then transactions of
 * ESCALATION_CHUNK orders. Every update is conditional (`escalation_level < level`) and returns
 * the orders it moved; only those get an event and notifications, so overlapping runs escalate
 * and notify each order once.
 */
export async function escalateOverdue(db: Db, companyId: number, asOf: Date) {
  // The first dispatch (or reopen) event of the order, by event id — work_order_events_order_idx.
  // Columns qualified by hand: drizzle leaves them bare in a one-table select, and a bare "id"
  // inside the subquery would mean the event's id.
  const e = (c: SQLiteColumn) => sql`${workOrderEvents}.${sql.identifier(c.name)}`;
  const dispatchedAt = sql<Date | null>`(select ${e(workOrderEvents.at)} from ${workOrderEvents}
      where ${e(workOrderEvents.workOrderId)} = ${workOrders}.${sql.identifier(workOrders.id.name)}
      and ${e(workOrderEvents.action)} in ('dispatch', 'reopen')
      order by ${e(workOrderEvents.id)} limit 1)`.mapWith(workOrderEvents.at);
  const candidates = await db
    .select({
      id: workOrders.id,
      type: workOrders.type,
      status: workOrders.status,
      communityId: workOrders.communityId,
      acceptDueAt: workOrders.acceptDueAt,
      resolveDueAt: workOrders.resolveDueAt,
      escalationLevel: workOrders.escalationLevel,
      dispatchedAt,
    })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.companyId, companyId),
        inArray(workOrders.status, [...OPEN_STATUSES]),
        or(
          and(isNotNull(workOrders.acceptDueAt), lt(workOrders.acceptDueAt, asOf)),
          and(isNotNull(workOrders.resolveDueAt), lt(workOrders.resolveDueAt, asOf)),
        ),
      ),
    )
    .orderBy(workOrders.id);
  const due = candidates
    .map((o) => ({ ...o, level: escalationLevel({ ...o, dispatchedAt: o.dispatchedAt ?? null }, asOf) }))
    .filter((o) => o.level > o.escalationLevel);
  if (!due.length) return { escalated: 0 };

  // Who hears about it: the facts of lib/tickets/people.ts (supervisorOf, managerOf, companyAdmins), read once.
  const assigneeRows = await db
    .select({
      workOrderId: workOrderAssignees.workOrderId,
      userId: workOrderAssignees.userId,
      role: workOrderAssignees.role,
    })
    .from(workOrderAssignees)
    .where(
      and(
        eq(workOrderAssignees.companyId, companyId),
        inJson(
          workOrderAssignees.workOrderId,
          due.map((o) => o.id),
        ),
      ),
    )
    .orderBy(workOrderAssignees.id);
  const assigneesOf = new Map<number, { userId: number; role: AssigneeRole }[]>();
  for (const a of assigneeRows) {
    const list = assigneesOf.get(a.workOrderId);
    if (list) list.push(a);
    else assigneesOf.set(a.workOrderId, [a]);
  }
  const butlerIds = [...new Set(assigneeRows.filter((a) => a.role !== "supervisor").map((a) => a.userId))];
  const supervisorOf = new Map<number, number>();
  if (butlerIds.length)
    for (const r of await db
      .select({ butler: supervisorButlers.butlerUserId, id: supervisorButlers.supervisorUserId })
      .from(supervisorButlers)
      .where(and(eq(supervisorButlers.companyId, companyId), inJson(supervisorButlers.butlerUserId, butlerIds))))
      supervisorOf.set(r.butler, r.id);
  const communityIds = [...new Set(due.map((o) => o.communityId).filter((c): c is number => c != null))];
  const managerOf = new Map<number, number>();
  if (communityIds.length)
    for (const r of await db
      .select({ community: communityManagers.communityId, id: communityManagers.managerUserId })
      .from(communityManagers)
      .where(and(eq(communityManagers.companyId, companyId), inJson(communityManagers.communityId, communityIds))))
      managerOf.set(r.community, r.id);
  const admins = await companyAdmins(db, companyId);

  /** The recipients of one escalation, in the order (and with the dedupe) of the one-by-one version. */
  function recipients(o: (typeof due)[number]): Set<number> {
    const assignees = assigneesOf.get(o.id) ?? [];
    const pm = o.communityId == null ? undefined : managerOf.get(o.communityId);
    const targets = new Set<number>();
    const role = ESCALATION_ROLE[o.level];
    if (role === "supervisor") {
      for (const a of assignees) {
        const sup = a.role === "supervisor" ? undefined : supervisorOf.get(a.userId);
        if (sup) targets.add(sup);
      }
      if (!targets.size && pm) targets.add(pm);
    }
    if (role === "project_manager" && pm) targets.add(pm);
    if (role === "admin" || !targets.size) for (const id of admins) targets.add(id);
    // The assignees hear about it too.
    for (const a of assignees) targets.add(a.userId);
    return targets;
  }

  let escalated = 0;
  for (const part of chunk(due, ESCALATION_CHUNK)) {
    escalated += await db.transaction(async (tx) => {
      const levels = [...new Set(part.map((o) => o.level))];
      const moved = new Set<number>();
      for (const level of levels) {
        const ids = part.filter((o) => o.level === level).map((o) => o.id);
        const rows = await tx
          .update(workOrders)
          .set({ escalationLevel: level, escalatedAt: asOf })
          .where(
            and(
              eq(workOrders.companyId, companyId),
              inArray(workOrders.id, ids),
              lt(workOrders.escalationLevel, level),
            ),
          )
          .returning({ id: workOrders.id });
        for (const r of rows) moved.add(r.id);
      }
      const done = part.filter((o) => moved.has(o.id));
      if (!done.length) return 0;
      const at = asOf.getTime();
      await jsonInsert(
        tx,
        workOrderEvents,
        [
          workOrderEvents.companyId,
          workOrderEvents.workOrderId,
          workOrderEvents.actorUserId,
          workOrderEvents.action,
          workOrderEvents.fromStatus,
          workOrderEvents.toStatus,
          workOrderEvents.note,
          workOrderEvents.at,
        ],
        done.map((o) => [companyId, o.id, null, "escalate", o.status, o.status, `L${o.level}`, at]),
      );
      // The rows notify() writes: kind, payload and href alike, one per distinct recipient.
      const kind: NotificationKind = "order.escalated";
      const createdAt = Date.now();
      const inbox = done.flatMap((o) => {
        const payload = JSON.stringify({ orderId: o.id, type: o.type, level: o.level });
        return [...recipients(o)].map((userId) => [companyId, userId, kind, payload, staffOrderHref(o.id), createdAt]);
      });
      await jsonInsert(
        tx,
        notifications,
        [
          notifications.companyId,
          notifications.userId,
          notifications.kind,
          notifications.payload,
          notifications.href,
          notifications.createdAt,
        ],
        inbox,
      );
      return done.length;
    });
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
