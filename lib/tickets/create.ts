import { workOrderAssignees, workOrderEvents, workOrders } from "@/db/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import { jsonInsert, type JsonCell } from "@/lib/db/json-insert";
import type { SystemText } from "@/lib/i18n/system-text";
import { loadOrder, type WorkOrder } from "./orders";
import { announceDispatch, dispatchTargets, slaOf, type Target } from "./dispatch";
import {
  dispatchPlan,
  needsTriage,
  slaDeadlines,
  type RepairCategory,
  type Severity,
  type Sla,
  type WorkOrderType,
} from "./rules";

/**
 * The one writer of work orders (SPEC §5): residents' requests, the front desk, staff, and
 * every system source (maintenance plans, visit sampling, CRM-EW's arrears ladder, gold badges,
 * legal follow-ups) create orders here — one SLA lookup per type and severity, the same rows
 * (order, "submit" and "dispatch"/"dispatch_failed" timeline events, one assignee row per
 * person) and the same dispatch message (inbox entry + e-mail through the outbox) to everyone
 * dispatched. Set-based: a batch of many orders costs a handful of statements.
 */

export interface NewOrder {
  type: WorkOrderType;
  source: "resident" | "front_desk" | "staff" | "system";
  householdId?: number | null;
  unitId?: number | null;
  communityId?: number | null;
  equipmentId?: number | null;
  repairCategory?: RepairCategory | null;
  severity?: Severity;
  title?: string | null;
  description: string;
  /** A system order's text as a message key + params (`<key>.title` / `<key>.body`), shown in the reader's language. */
  text?: SystemText | null;
  checklist?: { item: string; done: boolean }[] | null;
  /** Overrides the SLA's deadlines (a maintenance order's due date, a visit month's end). */
  acceptDueAt?: Date | null;
  resolveDueAt?: Date | null;
  /** The people to dispatch to, when the caller already knows them; otherwise the dispatch rules decide. */
  assignees?: readonly Target[];
}

export interface CreateOptions {
  /** The actor of the timeline events; null = the system. */
  actorUserId: number | null;
  /**
   * false = no per-order dispatch message (the monthly visit sampling tells each butler once,
   * "N visit orders", instead of once per order). Default true.
   */
  announce?: boolean;
}

interface Planned {
  spec: NewOrder;
  targets: Target[] | null; // null = waits for triage
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  followUp: string | null;
}

/** One SLA lookup per distinct (type, severity) of the batch, then each order's targets and deadlines. */
async function planOrders(tx: DbOrTx, companyId: number, specs: readonly NewOrder[], now: Date): Promise<Planned[]> {
  const slas = new Map<string, Sla>();
  const out: Planned[] = [];
  for (const spec of specs) {
    const severity = spec.severity ?? "normal";
    if (needsTriage(spec.type)) {
      out.push({ spec, targets: null, acceptDueAt: null, resolveDueAt: spec.resolveDueAt ?? null, followUp: null });
      continue;
    }
    const targets = spec.assignees
      ? [...spec.assignees]
      : await dispatchTargets(tx, { companyId, ...placement(spec), classification: null });
    if (!targets.length) {
      out.push({ spec, targets, acceptDueAt: null, resolveDueAt: spec.resolveDueAt ?? null, followUp: null });
      continue;
    }
    const key = `${spec.type}:${severity}`;
    if (!slas.has(key)) slas.set(key, await slaOf(tx, companyId, spec.type, severity));
    const d = slaDeadlines(now, slas.get(key)!);
    const plan = spec.assignees ? null : dispatchPlan({ type: spec.type, repairCategory: repairCategoryOf(spec) });
    out.push({
      spec,
      targets,
      acceptDueAt: spec.acceptDueAt ?? d.acceptDueAt,
      resolveDueAt: spec.resolveDueAt ?? d.resolveDueAt,
      followUp: plan?.kind === "roles" ? plan.followUp : null,
    });
  }
  return out;
}

const repairCategoryOf = (s: NewOrder): RepairCategory | null =>
  s.type === "repair" || s.type === "maintenance" ? (s.repairCategory ?? "public_areas") : null;

const placement = (s: NewOrder) => ({
  type: s.type,
  householdId: s.householdId ?? null,
  communityId: s.communityId ?? null,
  repairCategory: repairCategoryOf(s),
});

const statusOf = (p: Planned) => (p.targets?.length ? "assigned" : "submitted");
const ms = (d: Date | null) => (d ? d.getTime() : null);

async function insertOrders(
  tx: DbOrTx,
  companyId: number,
  plans: readonly Planned[],
  actorUserId: number | null,
  now: Date,
) {
  const w = workOrders;
  const cols = [
    w.companyId,
    w.type,
    w.source,
    w.householdId,
    w.unitId,
    w.communityId,
    w.equipmentId,
    w.repairCategory,
    w.severity,
    w.title,
    w.description,
    w.textKey,
    w.textParams,
    w.checklist,
    w.status,
    w.acceptDueAt,
    w.resolveDueAt,
    w.followUp,
    w.escalationLevel,
    w.reopenCount,
    w.createdByUserId,
    w.createdAt,
    w.updatedAt,
  ];
  const rows = plans.map(({ spec: s, ...p }): JsonCell[] => {
    const where = placement(s);
    const checklist = s.checklist ? JSON.stringify(s.checklist) : null;
    return [
      companyId,
      s.type,
      s.source,
      where.householdId,
      s.unitId ?? null,
      where.communityId,
      s.equipmentId ?? null,
      where.repairCategory,
      s.severity ?? "normal",
      s.title ?? null,
      s.description,
      s.text?.key ?? null,
      s.text ? JSON.stringify(s.text.params) : null,
      checklist,
      statusOf({ spec: s, ...p }),
      ms(p.acceptDueAt),
      ms(p.resolveDueAt),
      p.followUp,
      0,
      0,
      actorUserId,
      now.getTime(),
      now.getTime(),
    ];
  });
  const inserted = await jsonInsert<{ id: number }>(tx, w, cols, rows, { returning: { id: w.id } });
  // One statement inserts in the array's order, so ascending ids follow the specs' order.
  return inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * Creates the orders inside the caller's transaction and returns their ids in the specs'
 * order. Complaints wait in the triage queue; every other order is dispatched at once (to
 * `assignees` when given, else per the dispatch rules), or gets a "dispatch_failed" event and
 * stays submitted when nobody fits.
 */
export async function createOrdersTx(
  tx: DbOrTx,
  companyId: number,
  specs: readonly NewOrder[],
  now: Date,
  opts: CreateOptions,
): Promise<number[]> {
  if (!specs.length) return [];
  const plans = await planOrders(tx, companyId, specs, now);
  const ids = await insertOrders(tx, companyId, plans, opts.actorUserId, now);
  if (ids.length !== plans.length) throw new Error("work orders: insert returned a different number of rows");
  const t = now.getTime();
  const e = workOrderEvents;
  await jsonInsert(
    tx,
    e,
    [e.companyId, e.workOrderId, e.actorUserId, e.action, e.fromStatus, e.toStatus, e.note, e.at],
    plans.flatMap((p, i): JsonCell[][] => {
      const submit = [companyId, ids[i], opts.actorUserId, "submit", null, "submitted", p.spec.source, t];
      if (!p.targets) return [submit];
      const to = statusOf(p);
      const action = p.targets.length ? "dispatch" : "dispatch_failed";
      // The dispatch rules act for the system; only a person who picked the assignees is credited.
      const by = p.spec.assignees ? opts.actorUserId : null;
      return [submit, [companyId, ids[i], by, action, "submitted", to, null, t]];
    }),
  );
  const a = workOrderAssignees;
  await jsonInsert(
    tx,
    a,
    [a.companyId, a.workOrderId, a.userId, a.role, a.assignedAt],
    plans.flatMap((p, i) => (p.targets ?? []).map((x) => [companyId, ids[i], x.userId, x.role, t])),
  );
  if (opts.announce !== false)
    await announceDispatch(
      tx,
      companyId,
      plans.map((p, i) => ({ id: ids[i], type: p.spec.type, targets: p.targets ?? [] })),
      now,
    );
  return ids;
}

/** One order (see createOrdersTx), returned as stored. */
export async function createOrderTx(
  tx: DbOrTx,
  actor: { companyId: number; userId: number | null },
  input: NewOrder,
  now: Date,
): Promise<WorkOrder> {
  const [id] = await createOrdersTx(tx, actor.companyId, [input], now, { actorUserId: actor.userId });
  return loadOrder(tx, actor.companyId, id);
}

export async function createOrder(
  db: Db,
  actor: { companyId: number; userId: number | null },
  input: NewOrder,
  now = new Date(),
) {
  return db.transaction((tx) => createOrderTx(tx, actor, input, now));
}
