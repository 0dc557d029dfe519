import "server-only";
import { and, asc, count, countDistinct, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { households, units, workOrderAssignees, workOrders } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { OrderScope } from "@/lib/tickets/access";
import { acceptableBy, orderListOrder, orderListWhere, overdueCondition } from "@/lib/tickets/queue";
import type { WorkOrderType } from "@/lib/tickets/rules";

/**
 * The workbench's order figures. Every count uses the orders list's own WHERE (orderListWhere with
 * the same filters the figure's link puts in the URL), so a figure always equals the count on the
 * list it links to.
 */
export interface OrderFigures {
  open: number;
  overdue: number;
  overdueByType: Partial<Record<WorkOrderType, number>>;
  openByType: Partial<Record<WorkOrderType, number>>;
  emergenciesOpen: number;
  createdToday: number;
  awaitingTriage: number;
}

/** One grouped query over the open orders the scope sees (optionally only those dispatched to `assignedTo`). */
export async function orderFigures(
  db: DbOrTx,
  companyId: number,
  scope: OrderScope,
  now: Date,
  opts: { assignedTo?: number; todayStart: Date },
): Promise<OrderFigures> {
  const open = orderListWhere(db, companyId, scope, { status: "open", assignedTo: opts.assignedTo }, now);
  const [byType, [today]] = await Promise.all([
    db
      .select({
        type: workOrders.type,
        open: count(),
        overdue: sql<number>`sum(case when ${overdueCondition(now)} then 1 else 0 end)`,
        triage: sql<number>`sum(case when ${workOrders.status} = 'submitted' and ${workOrders.type} = 'complaint' then 1 else 0 end)`,
      })
      .from(workOrders)
      .where(open)
      .groupBy(workOrders.type),
    db
      .select({ n: count() })
      .from(workOrders)
      .where(
        orderListWhere(
          db,
          companyId,
          scope,
          { status: "all", assignedTo: opts.assignedTo, createdFrom: opts.todayStart },
          now,
        ),
      ),
  ]);
  const out: OrderFigures = {
    open: 0,
    overdue: 0,
    overdueByType: {},
    openByType: {},
    emergenciesOpen: 0,
    createdToday: today?.n ?? 0,
    awaitingTriage: 0,
  };
  for (const r of byType) {
    const overdue = Number(r.overdue ?? 0);
    out.open += r.open;
    out.overdue += overdue;
    out.openByType[r.type] = r.open;
    if (overdue) out.overdueByType[r.type] = overdue;
    out.awaitingTriage += Number(r.triage ?? 0);
  }
  out.emergenciesOpen = out.openByType.emergency ?? 0;
  return out;
}

/** Per team member: open orders dispatched to them and not yet accepted by them (the list: ?assignee=&unaccepted=1). */
export async function unacceptedByMember(
  db: DbOrTx,
  companyId: number,
  scope: OrderScope,
  memberIds: readonly number[],
  now: Date,
): Promise<Map<number, number>> {
  if (!memberIds.length) return new Map();
  const rows = await db
    .select({ userId: workOrderAssignees.userId, n: countDistinct(workOrders.id) })
    .from(workOrders)
    .innerJoin(workOrderAssignees, eq(workOrderAssignees.workOrderId, workOrders.id))
    .where(
      and(
        orderListWhere(db, companyId, scope, { status: "open" }, now),
        eq(workOrders.status, "assigned"),
        inArray(workOrderAssignees.userId, [...memberIds]),
        isNull(workOrderAssignees.acceptedAt),
      ),
    )
    .groupBy(workOrderAssignees.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}

/**
 * Team SLA met (%): of the orders dispatched to the members and resolved since `from`, those
 * resolved by their resolve deadline. Null when none were resolved.
 */
export async function teamSlaMet(db: DbOrTx, companyId: number, memberIds: readonly number[], from: Date) {
  if (!memberIds.length) return null;
  const [row] = await db
    .select({
      resolved: countDistinct(workOrders.id),
      onTime: sql<number>`count(distinct case when ${workOrders.resolvedAt} <= ${workOrders.resolveDueAt} then ${workOrders.id} end)`,
    })
    .from(workOrders)
    .innerJoin(workOrderAssignees, eq(workOrderAssignees.workOrderId, workOrders.id))
    .where(
      and(
        eq(workOrders.companyId, companyId),
        inArray(workOrderAssignees.userId, [...memberIds]),
        isNotNull(workOrders.resolvedAt),
        gte(workOrders.resolvedAt, from),
      ),
    );
  if (!row?.resolved) return null;
  return {
    resolved: row.resolved,
    onTime: Number(row.onTime),
    pct: Math.round((Number(row.onTime) * 100) / row.resolved),
  };
}

/** The technician's open orders by SLA deadline (the queue's order), with what they may do next. */
export async function myOrdersByDeadline(db: DbOrTx, companyId: number, scope: OrderScope, now: Date, limit = 8) {
  const f = { status: "open" as const, assignedTo: scope.userId };
  return db
    .select({
      id: workOrders.id,
      type: workOrders.type,
      status: workOrders.status,
      title: workOrders.title,
      description: workOrders.description,
      textKey: workOrders.textKey,
      textParams: workOrders.textParams,
      acceptDueAt: workOrders.acceptDueAt,
      resolveDueAt: workOrders.resolveDueAt,
      acceptable: acceptableBy(scope.userId),
      householdName: households.name,
      unitNumber: units.number,
    })
    .from(workOrders)
    .leftJoin(households, eq(households.id, workOrders.householdId))
    .leftJoin(units, eq(units.id, workOrders.unitId))
    .where(orderListWhere(db, companyId, scope, f, now))
    .orderBy(...orderListOrder(f, now), asc(workOrders.id))
    .limit(limit);
}
