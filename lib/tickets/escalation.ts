import { and, eq, gt, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  communityManagers,
  notifications,
  supervisorButlers,
  workOrderAssignees,
  workOrderEvents,
  workOrders,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { jsonInsert } from "@/lib/db/json-insert";
import { staffOrderHref, type NotificationKind } from "./notify";
import { companyAdmins } from "./people";
import { escalationLevel, ESCALATION_ROLE, OPEN_STATUSES, type AssigneeRole } from "./rules";

/** The SLA escalation's steps (lib/tickets/cron.ts escalateOverdue runs them). */

/** Orders per write transaction of the escalation (SPEC §10: short transactions, bounded statements). */
export const ESCALATION_CHUNK = 400;

/** `column in (the ids)`, the ids travelling as ONE JSON argument whatever their number. */
const inJson = (column: SQLiteColumn, ids: readonly number[]) =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;

/** Candidate orders read per page: a page's rows are mapped in a few milliseconds of the event loop. */
export const ESCALATION_PAGE = 2000;

/** The top level (admin): an order there is never a candidate again. */
const TOP_LEVEL = 3;

/**
 * One page of the open orders past a deadline (ids after `afterId`), and those of them whose
 * lateness calls for a higher level than they have, by id. `lastId` null: no candidates left.
 */
export async function overdueOrders(db: DbOrTx, companyId: number, asOf: Date, afterId = 0, limit = ESCALATION_PAGE) {
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
        lt(workOrders.escalationLevel, TOP_LEVEL),
        gt(workOrders.id, afterId),
        or(
          and(isNotNull(workOrders.acceptDueAt), lt(workOrders.acceptDueAt, asOf)),
          and(isNotNull(workOrders.resolveDueAt), lt(workOrders.resolveDueAt, asOf)),
        ),
      ),
    )
    .orderBy(workOrders.id)
    .limit(limit);
  const due = candidates
    .map((o) => ({ ...o, level: escalationLevel({ ...o, dispatchedAt: o.dispatchedAt ?? null }, asOf) }))
    .filter((o) => o.level > o.escalationLevel);
  return { due, lastId: candidates.at(-1)?.id ?? null };
}

export type Overdue = Awaited<ReturnType<typeof overdueOrders>>["due"][number];

/**
 * Who hears about each escalation: the facts of lib/tickets/people.ts (supervisorOf, managerOf,
 * companyAdmins), read once for all the orders.
 */
export async function escalationAudience(db: DbOrTx, companyId: number, due: readonly Overdue[]) {
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
  return function recipients(o: Overdue): Set<number> {
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
  };
}

/** One chunk's conditional level updates, their timeline events and inbox entries; returns the orders moved. */
export async function escalateChunkTx(
  tx: DbOrTx,
  companyId: number,
  asOf: Date,
  part: readonly Overdue[],
  recipients: (o: Overdue) => Set<number>,
) {
  const levels = [...new Set(part.map((o) => o.level))];
  const moved = new Set<number>();
  for (const level of levels) {
    const ids = part.filter((o) => o.level === level).map((o) => o.id);
    const rows = await tx
      .update(workOrders)
      .set({ escalationLevel: level, escalatedAt: asOf })
      .where(
        and(eq(workOrders.companyId, companyId), inArray(workOrders.id, ids), lt(workOrders.escalationLevel, level)),
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
}
