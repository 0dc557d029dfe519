import { and, eq, inArray, isNull } from "drizzle-orm";
import { workOrderAssignees, workOrders } from "@/db/schema";
import type { RoleActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { acceptAssignmentTx } from "./commands";

/** At most this many orders in one bulk action (one short transaction). */
export const BULK_LIMIT = 100;

/**
 * 批量接单: accepts every listed order that is dispatched to the actor, not yet accepted by them and
 * still waiting for acceptance — the query itself is the per-row authorization (company, assignee,
 * state), so ids of other companies, other people's orders or orders already moved on are skipped.
 * All in one transaction, each order with the same timeline event and notice as a single accept.
 */
export async function acceptOrders(db: Db, actor: RoleActor, ids: readonly number[], now = new Date()) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ order: workOrders, assignmentId: workOrderAssignees.id })
      .from(workOrderAssignees)
      .innerJoin(workOrders, eq(workOrders.id, workOrderAssignees.workOrderId))
      .where(
        and(
          eq(workOrderAssignees.companyId, actor.companyId),
          eq(workOrders.companyId, actor.companyId),
          eq(workOrderAssignees.userId, actor.userId),
          isNull(workOrderAssignees.acceptedAt),
          eq(workOrders.status, "assigned"),
          inArray(workOrders.id, [...new Set(ids)].slice(0, BULK_LIMIT)),
        ),
      )
      .orderBy(workOrders.id);
    for (const r of rows) await acceptAssignmentTx(tx, r.order, r.assignmentId, actor.userId, now);
    return { accepted: rows.length, skipped: new Set(ids).size - rows.length };
  });
}
