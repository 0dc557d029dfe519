import type { RoleActor } from "@/lib/auth/actor";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { workOrderAssignees, workOrderComments, workOrders } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { canSeeOrder, loadOrderScope } from "./access";
import { slaOf } from "./dispatch";
import { notify, residentOrderHref, staffOrderHref } from "./notify";
import { appendEvent, loadOrder, transition, type WorkOrder } from "./orders";
import { householdResidents } from "./people";
import { allAccepted, slaDeadlines } from "./rules";
import type { confirmSchema, reasonSchema, resolveSchema } from "./schemas";

type Out<S extends z.ZodType> = z.output<S>;

/** Staff roles that may cancel, reopen and close any order they can see. */
export const MANAGE_ROLES: readonly Role[] = ["admin", "front_desk", "supervisor", "project_manager"];

// ── acceptance and work ──────────────────────────────────────────────────────

async function myAssignment(tx: DbOrTx, o: WorkOrder, userId: number) {
  const [a] = await tx
    .select()
    .from(workOrderAssignees)
    .where(
      and(
        eq(workOrderAssignees.workOrderId, o.id),
        eq(workOrderAssignees.companyId, o.companyId),
        eq(workOrderAssignees.userId, userId),
      ),
    );
  return a ?? null;
}

/** 接单: each dispatched person accepts separately; the last acceptance moves the order to "accepted". */
export async function acceptOrder(db: Db, actor: RoleActor, id: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, id);
    const mine = await myAssignment(tx, o, actor.userId);
    if (!mine) throw await notAssignee(tx, o, actor);
    if (o.status !== "assigned") throw new AppError("conflict", "tickets.errors.illegalTransition");
    return acceptAssignmentTx(tx, o, mine.id, actor.userId, now);
  });
}

/**
 * One assignee's acceptance inside the caller's transaction (single and bulk accept): marks the
 * assignment accepted (once), and moves the order to "accepted" with the timeline event and the
 * residents' notice when it was the last one; otherwise a partial-acceptance event.
 */
export async function acceptAssignmentTx(tx: DbOrTx, o: WorkOrder, assignmentId: number, userId: number, now: Date) {
  const res = await tx
    .update(workOrderAssignees)
    .set({ acceptedAt: now })
    .where(and(eq(workOrderAssignees.id, assignmentId), isNull(workOrderAssignees.acceptedAt)));
  if (res.rowsAffected !== 1) throw new AppError("conflict", "tickets.errors.alreadyAccepted");
  const all = await tx
    .select({ acceptedAt: workOrderAssignees.acceptedAt })
    .from(workOrderAssignees)
    .where(eq(workOrderAssignees.workOrderId, o.id));
  if (allAccepted(all)) {
    await transition(tx, o, userId, "accept", now, { acceptedAt: now });
    await notify(
      tx,
      o.companyId,
      await householdResidents(tx, o.companyId, o.householdId),
      "order.accepted",
      { orderId: o.id, type: o.type },
      residentOrderHref(o.id),
    );
  } else {
    await appendEvent(tx, o, userId, "accept_partial", o.status, o.status, now);
  }
  return { allAccepted: allAccepted(all) };
}

/** Refusing a non-assignee: "not yours" only to someone who may see the order, else "not found" (no existence leak). */
async function notAssignee(tx: DbOrTx, o: WorkOrder, actor: RoleActor): Promise<AppError> {
  const scope = await loadOrderScope(tx, o.companyId, { id: actor.userId, roles: actor.roles });
  if (!(await canSeeOrder(tx, o.companyId, scope, o.id))) return new AppError("not_found");
  return new AppError("forbidden", "tickets.errors.notAssignee");
}

async function requireAssignee(tx: DbOrTx, o: WorkOrder, actor: RoleActor) {
  const mine = await myAssignment(tx, o, actor.userId);
  if (!mine && !actor.roles.some((r) => MANAGE_ROLES.includes(r))) throw await notAssignee(tx, o, actor);
}

export async function startOrder(db: Db, actor: RoleActor, id: number, now = new Date()) {
  await db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, id);
    await requireAssignee(tx, o, actor);
    await transition(tx, o, actor.userId, "start", now, { startedAt: now });
  });
}

/** Resolves with a note (an emergency's closing report) and, for maintenance, the checklist ticks. */
export async function resolveOrderTx(tx: DbOrTx, actor: RoleActor, input: Out<typeof resolveSchema>, now: Date) {
  const o = await loadOrder(tx, actor.companyId, input.id);
  await requireAssignee(tx, o, actor);
  const checklist = o.checklist
    ? o.checklist.map((c, i) => ({ item: c.item, done: input.checklistDone.includes(i) }))
    : null;
  await transition(
    tx,
    o,
    actor.userId,
    "resolve",
    now,
    { resolvedAt: now, resolutionNote: input.note ?? null, checklist },
    input.note,
  );
  await notify(
    tx,
    o.companyId,
    await householdResidents(tx, o.companyId, o.householdId),
    "order.resolved",
    { orderId: o.id, type: o.type },
    residentOrderHref(o.id),
  );
  return o;
}

export async function resolveOrder(db: Db, actor: RoleActor, input: Out<typeof resolveSchema>, now = new Date()) {
  return db.transaction((tx) => resolveOrderTx(tx, actor, input, now));
}

// ── the resident's answer ────────────────────────────────────────────────────

/** True when the user is an approved resident of the order's household. */
export async function isOrderResident(db: DbOrTx, o: WorkOrder, userId: number): Promise<boolean> {
  if (o.householdId == null) return false;
  return (await householdResidents(db, o.companyId, o.householdId)).includes(userId);
}

/** The resident confirms the result with a 1–5 rating; the order is then closed. */
export async function confirmOrder(db: Db, actor: RoleActor, input: Out<typeof confirmSchema>, now = new Date()) {
  await db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, input.id);
    if (!(await isOrderResident(tx, o, actor.userId))) throw new AppError("not_found");
    await transition(
      tx,
      o,
      actor.userId,
      "confirm",
      now,
      { confirmedAt: now, rating: input.rating, ratingComment: input.comment ?? null },
      input.comment,
    );
    await transition(tx, { ...o, status: "confirmed" }, null, "close", now, { closedAt: now });
  });
}

async function assigneeIds(tx: DbOrTx, o: WorkOrder) {
  const rows = await tx
    .select({ id: workOrderAssignees.userId })
    .from(workOrderAssignees)
    .where(eq(workOrderAssignees.workOrderId, o.id));
  return rows.map((r) => r.id);
}

/** Back to the assignees, who accept again; new SLA deadlines. Residents of the order or managing staff. */
export async function reopenOrder(db: Db, actor: RoleActor, input: Out<typeof reasonSchema>, now = new Date()) {
  await db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, input.id);
    const resident = await isOrderResident(tx, o, actor.userId);
    if (!resident && !actor.roles.some((r) => MANAGE_ROLES.includes(r))) throw new AppError("not_found");
    const ids = await assigneeIds(tx, o);
    if (!ids.length) throw new AppError("conflict", "tickets.errors.illegalTransition");
    const d = slaDeadlines(now, await slaOf(tx, o.companyId, o.type, o.severity));
    await transition(
      tx,
      o,
      actor.userId,
      "reopen",
      now,
      {
        reopenCount: o.reopenCount + 1,
        acceptedAt: null,
        resolvedAt: null,
        confirmedAt: null,
        closedAt: null,
        rating: null,
        ratingComment: null,
        acceptDueAt: d.acceptDueAt,
        resolveDueAt: d.resolveDueAt,
        escalationLevel: 0,
      },
      input.reason,
    );
    await tx.update(workOrderAssignees).set({ acceptedAt: null }).where(eq(workOrderAssignees.workOrderId, o.id));
    await notify(tx, o.companyId, ids, "order.reopened", { orderId: o.id, type: o.type }, staffOrderHref(o.id));
  });
}

/** Cancel with a reason: the resident who filed it (before work starts) or managing staff. */
export async function cancelOrder(db: Db, actor: RoleActor, input: Out<typeof reasonSchema>, now = new Date()) {
  await db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, input.id);
    const staff = actor.roles.some((r) => MANAGE_ROLES.includes(r));
    if (!staff) {
      if (!(await isOrderResident(tx, o, actor.userId))) throw new AppError("not_found");
      if (!["submitted", "triaged", "assigned"].includes(o.status))
        throw new AppError("conflict", "tickets.errors.illegalTransition");
    }
    await transition(
      tx,
      o,
      actor.userId,
      "cancel",
      now,
      { cancelledAt: now, cancelReason: input.reason },
      input.reason,
    );
    await notify(
      tx,
      o.companyId,
      await assigneeIds(tx, o),
      "order.cancelled",
      { orderId: o.id, type: o.type },
      staffOrderHref(o.id),
    );
  });
}

/** Staff close a resolved order the resident has not confirmed (or one with no resident). */
export async function closeOrder(db: Db, actor: RoleActor, id: number, now = new Date()) {
  await db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, id);
    if (!actor.roles.some((r) => MANAGE_ROLES.includes(r))) await requireAssignee(tx, o, actor);
    await transition(tx, o, actor.userId, "close", now, { closedAt: now });
  });
}

export async function addComment(db: Db, actor: RoleActor, id: number, body: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, id);
    await tx
      .insert(workOrderComments)
      .values({ companyId: o.companyId, workOrderId: o.id, authorUserId: actor.userId, body, createdAt: now });
    const others = (await assigneeIds(tx, o)).filter((u) => u !== actor.userId);
    await notify(tx, o.companyId, others, "order.comment", { orderId: o.id, type: o.type }, staffOrderHref(o.id));
  });
}

/** Orders whose ids are given, reduced to those of this company (for bulk checks in tests and pages). */
export async function orderIdsInCompany(db: DbOrTx, companyId: number, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.companyId, companyId), inArray(workOrders.id, ids)));
  return rows.map((r) => r.id);
}
