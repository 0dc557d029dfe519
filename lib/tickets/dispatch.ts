import type { RoleActor } from "@/lib/auth/actor";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { z } from "zod";
import { slaSettings, users, workOrderAssignees } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { enqueueOrderDispatched } from "@/lib/outbox/hooks";
import { notify, staffOrderHref } from "./notify";
import { appendEvent, loadOrder, transition, type WorkOrder } from "./orders";
import { communitySupervisors, householdButler, managerOf, pickTechnician, supervisorOf } from "./people";
import {
  defaultSla,
  dispatchPlan,
  SEVERITY_OF_CLASS,
  slaDeadlines,
  type AssigneeRole,
  type ComplaintClass,
  type SentimentHook,
  type Severity,
  type Sla,
  type WorkOrderType,
} from "./rules";
import type { triageSchema } from "./schemas";

/**
 * Who an order goes to and how they are told (SPEC §5, §8.2): the SLA, the dispatch rules, the
 * one dispatch message; dispatching an existing order (after triage, or again when nobody fit).
 */

export type Target = { userId: number; role: AssigneeRole };

/** The company's SLA for a type and severity (its sla_settings row, else the default). */
export async function slaOf(db: DbOrTx, companyId: number, type: WorkOrderType, severity: Severity): Promise<Sla> {
  const [row] = await db
    .select({ acceptMinutes: slaSettings.acceptMinutes, resolveMinutes: slaSettings.resolveMinutes })
    .from(slaSettings)
    .where(and(eq(slaSettings.companyId, companyId), eq(slaSettings.type, type), eq(slaSettings.severity, severity)));
  return row ?? defaultSla(type, severity);
}

type Dispatchable = Pick<
  WorkOrder,
  "companyId" | "type" | "householdId" | "communityId" | "classification" | "repairCategory"
>;

/** The people an order goes to, per the rules; empty when nobody fits (the order stays for manual handling). */
export async function dispatchTargets(db: DbOrTx, o: Dispatchable): Promise<Target[]> {
  const plan = dispatchPlan(o);
  if (plan.kind === "technician") {
    const tech = await pickTechnician(db, o.companyId, plan.category, o.communityId);
    return tech ? [{ userId: tech, role: "technician" }] : [];
  }
  const butler = await householdButler(db, o.companyId, o.householdId);
  const out: Target[] = [];
  for (const role of plan.roles) {
    if (role === "butler" && butler) out.push({ userId: butler, role });
    if (role === "supervisor") {
      const sup = await supervisorOf(db, o.companyId, butler);
      if (sup) out.push({ userId: sup, role });
      else if (o.type === "emergency" && o.communityId)
        for (const s of await communitySupervisors(db, o.companyId, o.communityId)) out.push({ userId: s, role });
    }
    if (role === "project_manager") {
      const pm = await managerOf(db, o.companyId, o.communityId);
      if (pm) out.push({ userId: pm, role });
    }
  }
  const seen = new Set<number>();
  return out.filter((a) => (seen.has(a.userId) ? false : (seen.add(a.userId), true)));
}

/** The dispatch message, the same for every order: an inbox entry and an e-mail (outbox) to each person dispatched. */
export async function announceDispatch(
  tx: DbOrTx,
  companyId: number,
  orders: readonly { id: number; type: WorkOrderType; targets: readonly Target[] }[],
  now: Date,
) {
  const all = [...new Set(orders.flatMap((o) => o.targets.map((t) => t.userId)))];
  if (!all.length) return;
  const withEmail = new Set(
    (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, all), isNotNull(users.email)))
    ).map((u) => u.id),
  );
  for (const o of orders) {
    const ids = o.targets.map((t) => t.userId);
    const kind = o.type === "emergency" ? "emergency.reported" : "order.dispatched";
    await notify(tx, companyId, ids, kind, { orderId: o.id, type: o.type }, staffOrderHref(o.id));
    const emailed = ids.filter((id) => withEmail.has(id));
    if (emailed.length) await enqueueOrderDispatched(tx, { companyId, orderId: o.id, type: o.type }, emailed, now);
  }
}

/**
 * Dispatches an existing submitted order (a complaint once triaged; a retry of one nobody
 * could be found for): the same targets, SLA and message as createOrdersTx.
 */
export async function dispatchTx(tx: DbOrTx, o: WorkOrder, actorUserId: number | null, now: Date): Promise<WorkOrder> {
  const targets = await dispatchTargets(tx, o);
  if (!targets.length) {
    await appendEvent(tx, o, actorUserId, "dispatch_failed", o.status, o.status, now);
    return o;
  }
  const plan = dispatchPlan(o);
  const deadlines = slaDeadlines(now, await slaOf(tx, o.companyId, o.type, o.severity));
  const a = workOrderAssignees;
  await tx.insert(a).values(
    targets.map((x) => ({
      companyId: o.companyId,
      workOrderId: o.id,
      userId: x.userId,
      role: x.role,
      assignedAt: now,
    })),
  );
  await transition(tx, o, actorUserId, "dispatch", now, {
    acceptDueAt: deadlines.acceptDueAt,
    // A maintenance order keeps the deadline of its due date.
    resolveDueAt: o.resolveDueAt ?? deadlines.resolveDueAt,
    followUp: plan.kind === "roles" ? plan.followUp : null,
  });
  await announceDispatch(tx, o.companyId, [{ id: o.id, type: o.type, targets }], now);
  return loadOrder(tx, o.companyId, o.id);
}

/**
 * Classifies a complaint and dispatches it, inside the caller's transaction. Only a submitted
 * complaint can be triaged, so it happens once per order. The points' range under the
 * company's CRM-EW rules and the household's sentiment entry are CRM-EW's part of the same
 * transaction: lib/flows/triage-complaint.ts runs both.
 */
export async function triageOrderTx(
  tx: DbOrTx,
  actor: RoleActor,
  input: z.output<typeof triageSchema>,
  now: Date,
): Promise<SentimentHook> {
  const o = await loadOrder(tx, actor.companyId, input.id);
  if (o.type !== "complaint") throw new AppError("conflict", "tickets.errors.notAComplaint");
  const classification: ComplaintClass = input.classification;
  const severity = SEVERITY_OF_CLASS[classification];
  await transition(
    tx,
    o,
    actor.userId,
    "triage",
    now,
    { classification, points: input.points, severity, triagedAt: now, triagedByUserId: actor.userId },
    `${classification} ${input.points}`,
  );
  await dispatchTx(tx, await loadOrder(tx, actor.companyId, o.id), actor.userId, now);
  return { workOrderId: o.id, householdId: o.householdId, classification, points: input.points, at: now };
}

/**
 * Runs automatic dispatch again for an order nobody could be found for (e.g. once a
 * technician has the skill). Complaints must be triaged first.
 */
export async function redispatchOrder(db: Db, actor: RoleActor, id: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor.companyId, id);
    if (o.type === "complaint" ? o.status !== "triaged" : o.status !== "submitted")
      throw new AppError("conflict", "tickets.errors.illegalTransition");
    if (await tx.$count(workOrderAssignees, eq(workOrderAssignees.workOrderId, o.id)))
      throw new AppError("conflict", "tickets.errors.illegalTransition");
    const after = await dispatchTx(tx, o, actor.userId, now);
    if (after.status !== "assigned") throw new AppError("conflict", "tickets.errors.nobodyToDispatch");
    return after;
  });
}
