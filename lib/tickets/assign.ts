import { and, asc, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { memberships, users, workOrderAssignees, workOrders } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { RoleActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { loadOrderScope } from "./access";
import { BULK_LIMIT } from "./bulk";
import { announceDispatch, slaOf } from "./dispatch";
import { appendEvent, transition, type WorkOrder } from "./orders";
import { orderListWhere } from "./queue";
import { slaDeadlines, type AssigneeRole } from "./rules";

/** Who may hand orders out in bulk (批量派单): supervisors, project managers, admins and the front desk. */
export const ASSIGN_ROLES = ["admin", "front_desk", "supervisor", "project_manager"] as const;
/** The roles orders can be handed to. */
const TARGET_ROLES = ["technician", "butler"] as const;

/** Active technicians and butlers of the company, by name: the people orders can be handed to. */
export async function assignableStaff(db: DbOrTx, companyId: number) {
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(eq(memberships.companyId, companyId), inArray(memberships.role, [...TARGET_ROLES])))
    .orderBy(asc(users.name), asc(users.id));
  const byId = new Map<number, { id: number; name: string; role: AssigneeRole }>();
  // A person who is both keeps the technician role (repairs are what is handed out most).
  for (const r of rows)
    if (!byId.has(r.id) || r.role === "technician") byId.set(r.id, { ...r, role: r.role as AssigneeRole });
  return [...byId.values()];
}

/**
 * The orders of `ids` this actor may hand out: visible to them (the orders list's own WHERE, so
 * another company's or another team's ids drop out in the query) and not yet accepted — submitted
 * (an untriaged complaint excepted), triaged, or assigned and waiting for acceptance.
 */
async function assignableOrders(tx: DbOrTx, actor: RoleActor, ids: readonly number[], now: Date) {
  const scope = await loadOrderScope(tx, actor.companyId, { id: actor.userId, roles: actor.roles });
  return tx
    .select()
    .from(workOrders)
    .where(
      and(
        orderListWhere(tx, actor.companyId, scope, { status: "open" }, now),
        inArray(workOrders.id, [...new Set(ids)].slice(0, BULK_LIMIT)),
        or(
          eq(workOrders.status, "triaged"),
          eq(workOrders.status, "assigned"),
          and(eq(workOrders.status, "submitted"), ne(workOrders.type, "complaint")),
        ),
      ),
    )
    .orderBy(asc(workOrders.id));
}

/** Hands one order to `to`: replaces the waiting assignees of the same role, dispatches a new order with its SLA. */
async function assignOne(
  tx: DbOrTx,
  actor: RoleActor,
  o: WorkOrder,
  to: { id: number; name: string; role: AssigneeRole },
  now: Date,
) {
  const a = workOrderAssignees;
  const current = await tx
    .select()
    .from(a)
    .where(and(eq(a.companyId, actor.companyId), eq(a.workOrderId, o.id)));
  if (current.some((x) => x.userId === to.id)) return false;
  const replaced = current.filter((x) => x.role === to.role && x.acceptedAt === null);
  if (replaced.length)
    await tx.delete(a).where(
      and(
        eq(a.workOrderId, o.id),
        inArray(
          a.id,
          replaced.map((x) => x.id),
        ),
        isNull(a.acceptedAt),
      ),
    );
  await tx
    .insert(a)
    .values({ companyId: o.companyId, workOrderId: o.id, userId: to.id, role: to.role, assignedAt: now });
  const note = to.name;
  if (o.status === "assigned") await appendEvent(tx, o, actor.userId, "assign", o.status, o.status, now, note);
  else {
    const deadlines = slaDeadlines(now, await slaOf(tx, o.companyId, o.type, o.severity));
    await transition(
      tx,
      o,
      actor.userId,
      "dispatch",
      now,
      { acceptDueAt: deadlines.acceptDueAt, resolveDueAt: o.resolveDueAt ?? deadlines.resolveDueAt },
      note,
    );
  }
  await writeAudit(tx, {
    companyId: o.companyId,
    actorUserId: actor.userId,
    action: "work_order.assign",
    entity: "work_order",
    entityId: o.id,
    before: { assignees: current.map((x) => x.userId) },
    after: { assignees: [...current.filter((x) => !replaced.includes(x)).map((x) => x.userId), to.id] },
  });
  return true;
}

/**
 * 批量派单: hands the listed orders to one technician or butler in one transaction. Per-row
 * authorization is in the query (company, the actor's order scope, state); ids the actor may not
 * hand out, and orders the person already has, are skipped. Each order gets a timeline event, an
 * audit entry and the same dispatch notice (inbox + e-mail) as an automatic dispatch.
 */
export async function assignOrders(
  db: Db,
  actor: RoleActor,
  input: { ids: readonly number[]; userId: number },
  now = new Date(),
) {
  if (!actor.roles.some((r) => (ASSIGN_ROLES as readonly string[]).includes(r))) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const to = (await assignableStaff(tx, actor.companyId)).find((s) => s.id === input.userId);
    if (!to) throw AppError.field("userId", "tickets.errors.notAssignable", "not_found");
    const rows = await assignableOrders(tx, actor, input.ids, now);
    const done: WorkOrder[] = [];
    for (const o of rows) if (await assignOne(tx, actor, o, to, now)) done.push(o);
    await announceDispatch(
      tx,
      actor.companyId,
      done.map((o) => ({ id: o.id, type: o.type, targets: [{ userId: to.id, role: to.role }] })),
      now,
    );
    return { assigned: done.length, skipped: new Set(input.ids).size - done.length };
  });
}
