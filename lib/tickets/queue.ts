import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { workOrderAssignees, workOrders } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { visibleOrders, type OrderScope } from "./access";
import { OPEN_STATUSES, type WorkOrderType } from "./rules";

export interface OrderFilters {
  type?: WorkOrderType;
  status?: "open" | "closed" | "all";
  overdue?: boolean;
  /** Only orders dispatched to this user (my queue, or one team member's). */
  assignedTo?: number;
  /** Only orders still waiting for acceptance (by `assignedTo` when given, else by anyone). */
  unaccepted?: boolean;
  /** Complaints waiting for triage. */
  awaitingTriage?: boolean;
  /** Only orders created at or after this instant (today's intake). */
  createdFrom?: Date;
  householdId?: number;
  /** Only system-written orders of this text key (e.g. the quality inspection's defects). */
  textKey?: string;
  page?: number;
}

/** SQL: the order is open and past a deadline (same rule as isOverdue in rules.ts). */
export function overdueCondition(now: Date): SQL {
  return and(
    inArray(workOrders.status, [...OPEN_STATUSES]),
    or(and(eq(workOrders.status, "assigned"), lt(workOrders.acceptDueAt, now)), lt(workOrders.resolveDueAt, now)),
  )!;
}

const CLOSED = ["resolved", "confirmed", "closed", "cancelled"] as const;

function statusCondition(status: OrderFilters["status"]): SQL | undefined {
  if (status === "closed") return inArray(workOrders.status, [...CLOSED]);
  if (status === "open") return inArray(workOrders.status, [...OPEN_STATUSES]);
  return undefined;
}

function assigneeCondition(db: DbOrTx, f: OrderFilters): SQL | undefined {
  if (!f.assignedTo && !f.unaccepted) return undefined;
  const who = and(
    f.assignedTo ? eq(workOrderAssignees.userId, f.assignedTo) : undefined,
    f.unaccepted ? isNull(workOrderAssignees.acceptedAt) : undefined,
  );
  const ids = db.select({ id: workOrderAssignees.workOrderId }).from(workOrderAssignees).where(who);
  return and(inArray(workOrders.id, ids), f.unaccepted ? eq(workOrders.status, "assigned") : undefined);
}

/** The WHERE of an orders list: the company, what the scope may see, then the filters. */
export function orderListWhere(db: DbOrTx, companyId: number, scope: OrderScope, f: OrderFilters, now: Date) {
  return and(
    eq(workOrders.companyId, companyId),
    visibleOrders(db, companyId, scope),
    f.type ? eq(workOrders.type, f.type) : undefined,
    statusCondition(f.status),
    f.overdue ? overdueCondition(now) : undefined,
    f.householdId ? eq(workOrders.householdId, f.householdId) : undefined,
    f.textKey ? eq(workOrders.textKey, f.textKey) : undefined,
    f.awaitingTriage ? and(eq(workOrders.type, "complaint"), eq(workOrders.status, "submitted")) : undefined,
    f.createdFrom ? gte(workOrders.createdAt, f.createdFrom) : undefined,
    assigneeCondition(db, f),
  );
}

/**
 * Queue order (issue 16 §2): open work by urgency — overdue first, then the nearest deadline
 * (acceptance while waiting to be accepted, else resolution), orders without a deadline last;
 * closed lists newest first.
 */
export function orderListOrder(f: OrderFilters, now: Date): SQL[] {
  if (f.status === "closed") return [desc(workOrders.id)];
  const deadline = sql`case when ${workOrders.status} = 'assigned' then coalesce(${workOrders.acceptDueAt}, ${workOrders.resolveDueAt}) else ${workOrders.resolveDueAt} end`;
  return [
    sql`case when ${overdueCondition(now)} then 0 when ${inArray(workOrders.status, [...OPEN_STATUSES])} then 1 else 2 end`,
    sql`${deadline} is null`,
    asc(deadline),
    desc(workOrders.id),
  ];
}

/** SQL: the viewer was dispatched this order and has not accepted it yet (the row's accept / bulk-accept box). */
export function acceptableBy(userId: number): SQL<number> {
  return sql<number>`(${workOrders.status} = 'assigned' and exists (select 1 from ${workOrderAssignees} a
    where a.work_order_id = ${workOrders.id} and a.user_id = ${userId} and a.accepted_at is null))`;
}
