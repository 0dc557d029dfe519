import { and, eq } from "drizzle-orm";
import { slaSettings, workOrderAssignees, workOrderEvents, workOrders } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { jsonInsert } from "@/lib/db/json-insert";
import {
  nextStatus,
  defaultSla,
  slaDeadlines,
  type AssigneeRole,
  type Severity,
  type Sla,
  type WorkOrderType,
} from "./rules";

/**
 * Many system orders at once (e.g. the monthly visit orders, SPEC §8.5), already dispatched:
 * the same rows createOrderTx + dispatch write for one order — the order in "assigned", its
 * "submit" and "dispatch" timeline events, one assignee row per person (each accepts as
 * usual) — in a handful of set-based statements inside the caller's transaction.
 */
export interface DispatchedOrder {
  householdId: number;
  unitId: number | null;
  communityId: number | null;
  description: string;
  title?: string | null;
  assignees: { userId: number; role: AssigneeRole }[];
}

/** The company's SLA for a type and severity (its sla_settings row, else the default). */
export async function slaOf(db: DbOrTx, companyId: number, type: WorkOrderType, severity: Severity): Promise<Sla> {
  const [row] = await db
    .select({ acceptMinutes: slaSettings.acceptMinutes, resolveMinutes: slaSettings.resolveMinutes })
    .from(slaSettings)
    .where(and(eq(slaSettings.companyId, companyId), eq(slaSettings.type, type), eq(slaSettings.severity, severity)));
  return row ?? defaultSla(type, severity);
}

/**
 * Inserts the orders (one per household: householdIds must be distinct) and returns
 * householdId → order id. `acceptDueAt` / `resolveDueAt` override the SLA's deadlines when given.
 */
export async function insertDispatchedOrdersTx(
  tx: DbOrTx,
  companyId: number,
  spec: { type: WorkOrderType; severity: Severity; sla: Sla; acceptDueAt?: Date | null; resolveDueAt?: Date | null },
  orders: readonly DispatchedOrder[],
  now: Date,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!orders.length) return out;
  const status = nextStatus("submitted", "dispatch");
  if (!status) throw new Error("dispatch must be legal from submitted");
  const d = slaDeadlines(now, spec.sla);
  const ms = now.getTime();
  const w = workOrders;
  const inserted = await jsonInsert<{ id: number; householdId: number }>(
    tx,
    w,
    [
      w.companyId,
      w.type,
      w.source,
      w.householdId,
      w.unitId,
      w.communityId,
      w.title,
      w.description,
      w.status,
      w.severity,
      w.acceptDueAt,
      w.resolveDueAt,
      w.escalationLevel,
      w.reopenCount,
      w.createdAt,
      w.updatedAt,
    ],
    orders.map((o) => [
      companyId,
      spec.type,
      "system",
      o.householdId,
      o.unitId,
      o.communityId,
      o.title ?? null,
      o.description,
      status,
      spec.severity,
      (spec.acceptDueAt ?? d.acceptDueAt).getTime(),
      (spec.resolveDueAt ?? d.resolveDueAt).getTime(),
      0,
      0,
      ms,
      ms,
    ]),
    { returning: { id: w.id, householdId: w.householdId } },
  );
  for (const r of inserted) out.set(Number(r.householdId), Number(r.id));
  const e = workOrderEvents;
  await jsonInsert(
    tx,
    e,
    [e.companyId, e.workOrderId, e.actorUserId, e.action, e.fromStatus, e.toStatus, e.note, e.at],
    [...out.values()].flatMap((id) => [
      [companyId, id, null, "submit", null, "submitted", "system", ms],
      [companyId, id, null, "dispatch", "submitted", status, null, ms],
    ]),
  );
  const a = workOrderAssignees;
  await jsonInsert(
    tx,
    a,
    [a.companyId, a.workOrderId, a.userId, a.role, a.assignedAt],
    orders.flatMap((o) => o.assignees.map((x) => [companyId, out.get(o.householdId)!, x.userId, x.role, ms])),
  );
  return out;
}
