import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { households, users, visits, workOrders } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { canSeeOrder, loadOrderScope } from "@/lib/tickets/access";
import { resolveOrderTx } from "@/lib/tickets/commands";
import { placeHousehold } from "@/lib/tickets/placement";
import { createOrderTx } from "@/lib/tickets/create";
import { loadOrder } from "@/lib/tickets/orders";
import type { Role } from "@/lib/auth/roles";
import type { recordVisitSchema } from "./schemas";
import type { RoleActor } from "@/lib/auth/actor";

/** A visit with its household and order, if the viewer may see its order; else null (→ 404). */
export async function getVisit(
  db: DbOrTx,
  companyId: number,
  viewer: { id: number; roles: readonly Role[] },
  visitId: number,
) {
  const [row] = await db
    .select({
      visit: visits,
      householdName: households.name,
      householdCode: households.code,
      butlerName: users.name,
      orderStatus: workOrders.status,
    })
    .from(visits)
    .innerJoin(households, eq(households.id, visits.householdId))
    .leftJoin(users, eq(users.id, visits.butlerUserId))
    .leftJoin(workOrders, and(eq(workOrders.id, visits.workOrderId), eq(workOrders.companyId, companyId)))
    .where(and(eq(visits.companyId, companyId), eq(visits.id, visitId)));
  if (!row || row.visit.workOrderId == null) return null;
  const scope = await loadOrderScope(db, companyId, viewer);
  if (!(await canSeeOrder(db, companyId, scope, row.visit.workOrderId))) return null;
  return row;
}

/** The visit behind a visit order (for the order page's link), or null. */
export async function visitOfOrder(db: DbOrTx, companyId: number, orderId: number) {
  const [row] = await db
    .select({ id: visits.id, visitedAt: visits.visitedAt })
    .from(visits)
    .where(and(eq(visits.companyId, companyId), eq(visits.workOrderId, orderId)));
  return row ?? null;
}

/**
 * The butler records the visit: fills the visits row (once), optionally opens a normal work
 * order for an issue found (lib/tickets, dispatched as usual), and resolves the visit order —
 * all in one transaction. The order must have been accepted (接单) first; only its assignee or
 * managing staff who can see it may record (resolveOrderTx checks the assignment).
 */
export async function recordVisit(
  db: Db,
  actor: RoleActor,
  input: z.output<typeof recordVisitSchema>,
  now = new Date(),
) {
  const viewer = { id: actor.userId, roles: actor.roles };
  const found = await getVisit(db, actor.companyId, viewer, input.visitId);
  if (!found) throw new AppError("not_found");
  return db.transaction(async (tx) => {
    const [v] = await tx
      .select()
      .from(visits)
      .where(and(eq(visits.companyId, actor.companyId), eq(visits.id, input.visitId)));
    if (!v || v.workOrderId == null) throw new AppError("not_found");
    if (v.visitedAt) throw new AppError("conflict", "visits.errors.alreadyRecorded");
    const order = await loadOrder(tx, actor.companyId, v.workOrderId);
    if (order.status !== "accepted" && order.status !== "in_progress")
      throw new AppError("conflict", "visits.errors.acceptFirst");
    let followUpOrderId: number | null = null;
    if (input.createOrder && input.orderType && input.issues) {
      const place = await placeHousehold(tx, actor.companyId, v.householdId);
      const created = await createOrderTx(
        tx,
        actor,
        {
          type: input.orderType,
          source: "staff",
          householdId: v.householdId,
          unitId: place.unitId,
          communityId: place.communityId,
          description: input.issues,
        },
        now,
      );
      followUpOrderId = created.id;
    }
    const res = await tx
      .update(visits)
      .set({
        visitedAt: now,
        satisfaction: input.satisfaction,
        notes: input.notes,
        issues: input.issues ?? null,
        followUpOrderId,
      })
      .where(and(eq(visits.id, v.id), eq(visits.companyId, actor.companyId), isNull(visits.visitedAt)));
    if (res.rowsAffected !== 1) throw new AppError("conflict", "visits.errors.alreadyRecorded");
    await resolveOrderTx(tx, actor, { id: order.id, note: input.notes, checklistDone: [] }, now);
    return { visitId: v.id, followUpOrderId };
  });
}

/** The visits dispatched to a butler in a quarter, to-do first. */
export async function myVisits(db: DbOrTx, companyId: number, butlerUserId: number, quarter: string) {
  return db
    .select({
      id: visits.id,
      householdName: households.name,
      householdCode: households.code,
      sampledMonth: visits.sampledMonth,
      visitedAt: visits.visitedAt,
      workOrderId: visits.workOrderId,
      satisfaction: visits.satisfaction,
    })
    .from(visits)
    .innerJoin(households, eq(households.id, visits.householdId))
    .where(and(eq(visits.companyId, companyId), eq(visits.butlerUserId, butlerUserId), eq(visits.quarter, quarter)))
    .orderBy(sql`${visits.visitedAt} is not null`, visits.sampledMonth, households.name)
    .limit(500);
}
