import { and, eq } from "drizzle-orm";
import { slaSettings, workOrderAssignees, workOrderEvents, workOrders } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { nextStatus, defaultSla, slaDeadlines, type AssigneeRole, type Severity, type Sla, type WorkOrderType } from "./rules";

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
  const inserted = await tx
    .insert(workOrders)
    .values(
      orders.map((o) => ({
        companyId,
        type: spec.type,
        source: "system" as const,
        householdId: o.householdId,
        unitId: o.unitId,
        communityId: o.communityId,
        title: o.title ?? null,
        description: o.description,
        status,
        severity: spec.severity,
        acceptDueAt: spec.acceptDueAt ?? d.acceptDueAt,
        resolveDueAt: spec.resolveDueAt ?? d.resolveDueAt,
        createdByUserId: null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: workOrders.id, householdId: workOrders.householdId });
  for (const r of inserted) out.set(r.householdId!, r.id);
  const events = inserted.flatMap((r) => [
    { companyId, workOrderId: r.id, actorUserId: null, action: "submit", fromStatus: null, toStatus: "submitted" as const, note: "system", at: now },
    { companyId, workOrderId: r.id, actorUserId: null, action: "dispatch", fromStatus: "submitted" as const, toStatus: status, note: null, at: now },
  ]);
  await tx.insert(workOrderEvents).values(events);
  const assignees = orders.flatMap((o) => o.assignees.map((a) => ({ companyId, workOrderId: out.get(o.householdId)!, userId: a.userId, role: a.role, assignedAt: now })));
  if (assignees.length) await tx.insert(workOrderAssignees).values(assignees);
  return out;
}
