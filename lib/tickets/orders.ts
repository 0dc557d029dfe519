import { and, eq } from "drizzle-orm";
import { workOrderEvents, workOrders } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
import { nextStatus, type Action, type WorkOrderStatus } from "./rules";

/** The order row and the primitives every order command builds on: load, timeline event, guarded transition. */
export type WorkOrder = typeof workOrders.$inferSelect;

/** Who acts, in which company. `userId` null = the system (cron). */
export async function loadOrder(db: DbOrTx, companyId: number, id: number): Promise<WorkOrder> {
  const [row] = await db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.companyId, companyId), eq(workOrders.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

function mustTransition(status: WorkOrderStatus, action: Action): WorkOrderStatus {
  const to = nextStatus(status, action);
  if (!to) throw new AppError("conflict", "tickets.errors.illegalTransition");
  return to;
}

export async function appendEvent(
  tx: DbOrTx,
  o: { companyId: number; id: number },
  actorUserId: number | null,
  action: string,
  from: WorkOrderStatus | null,
  to: WorkOrderStatus | null,
  at: Date,
  note?: string | null,
) {
  await tx.insert(workOrderEvents).values({
    companyId: o.companyId,
    workOrderId: o.id,
    actorUserId,
    action,
    fromStatus: from,
    toStatus: to,
    note: note ?? null,
    at,
  });
}

/**
 * Moves the order from `from` to `to` only if it is still in `from` (a concurrent change
 * makes this a conflict instead of a lost update), and appends the timeline event.
 */
export async function transition(
  tx: DbOrTx,
  o: WorkOrder,
  actorUserId: number | null,
  action: Action,
  at: Date,
  set: Partial<typeof workOrders.$inferInsert> = {},
  note?: string | null,
) {
  const to = mustTransition(o.status, action);
  const res = await tx
    .update(workOrders)
    .set({ ...set, status: to })
    .where(and(eq(workOrders.id, o.id), eq(workOrders.companyId, o.companyId), eq(workOrders.status, o.status)));
  if (res.rowsAffected !== 1) throw new AppError("conflict", "tickets.errors.changedMeanwhile");
  await appendEvent(tx, o, actorUserId, action, o.status, to, at, note);
  return to;
}
