/**
 * Work-order rules (SPEC §5, §8.2): the lifecycle, who is dispatched, SLA deadlines,
 * escalation levels, maintenance due dates. Pure functions, no I/O.
 */
import type {
  ASSIGNEE_ROLES,
  COMPLAINT_CLASSES,
  EQUIPMENT_KINDS,
  FOLLOW_UPS,
  PLAN_INTERVALS,
  REPAIR_CATEGORIES,
  SEVERITIES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
} from "@/db/schema/tickets";

export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export type ComplaintClass = (typeof COMPLAINT_CLASSES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];
export type FollowUp = (typeof FOLLOW_UPS)[number];
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];
export type PlanInterval = (typeof PLAN_INTERVALS)[number];

/** Types a resident may file from the portal (§3). */
export const RESIDENT_TYPES = [
  "complaint",
  "repair",
  "suggestion",
  "inquiry",
] as const satisfies readonly WorkOrderType[];

// ── lifecycle ────────────────────────────────────────────────────────────────

export const ACTIONS = [
  "triage",
  "dispatch",
  "accept",
  "start",
  "resolve",
  "confirm",
  "close",
  "reopen",
  "cancel",
] as const;
export type Action = (typeof ACTIONS)[number];

/** From which statuses each action may run, and where it leads. */
export const TRANSITIONS: Record<Action, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }> = {
  triage: { from: ["submitted"], to: "triaged" },
  dispatch: { from: ["submitted", "triaged"], to: "assigned" },
  /** The last assignee's acceptance moves the order on; earlier ones leave it "assigned". */
  accept: { from: ["assigned"], to: "accepted" },
  start: { from: ["accepted"], to: "in_progress" },
  resolve: { from: ["accepted", "in_progress"], to: "resolved" },
  confirm: { from: ["resolved"], to: "confirmed" },
  close: { from: ["resolved", "confirmed"], to: "closed" },
  /** Back to the assignees, who accept again. */
  reopen: { from: ["resolved", "confirmed", "closed"], to: "assigned" },
  cancel: { from: ["submitted", "triaged", "assigned", "accepted", "in_progress"], to: "cancelled" },
};

/** The status after `action`, or null when the transition is illegal. */
export function nextStatus(status: WorkOrderStatus, action: Action): WorkOrderStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

export const OPEN_STATUSES: readonly WorkOrderStatus[] = [
  "submitted",
  "triaged",
  "assigned",
  "accepted",
  "in_progress",
];
export const isOpen = (status: WorkOrderStatus) => OPEN_STATUSES.includes(status);

/** Complaints must be triaged before dispatch; every other type is dispatched on submission. */
export const needsTriage = (type: WorkOrderType) => type === "complaint";

// ── §8.2 complaint triage (the points' ranges are CRM-EW's rules: lib/crm/rules/complaints.ts) ──

export const SEVERITY_OF_CLASS: Record<ComplaintClass, Severity> = {
  invalid: "low",
  general: "normal",
  medium: "high",
  major: "critical",
};

/**
 * The record the CRM-EW sentiment ledger turns into an entry (§8.2: "the entry links to the
 * work order"). Produced at triage; stored on the order as classification + points.
 */
export interface SentimentHook {
  workOrderId: number;
  householdId: number | null;
  classification: ComplaintClass;
  points: number;
  at: Date;
}

// ── dispatch ─────────────────────────────────────────────────────────────────

export type DispatchPlan =
  | { kind: "roles"; roles: AssigneeRole[]; followUp: FollowUp | null }
  | { kind: "technician"; category: RepairCategory; alsoButler: false };

/** Who an order goes to (§5, §8.2). Complaints need their classification. */
export function dispatchPlan(order: {
  type: WorkOrderType;
  classification?: ComplaintClass | null;
  repairCategory?: RepairCategory | null;
}): DispatchPlan {
  switch (order.type) {
    case "complaint": {
      const c = order.classification;
      if (!c) throw new Error("a complaint is dispatched after triage");
      if (c === "invalid") return { kind: "roles", roles: ["butler"], followUp: "explain" };
      if (c === "general") return { kind: "roles", roles: ["butler"], followUp: "report_back" };
      if (c === "medium") return { kind: "roles", roles: ["butler", "supervisor"], followUp: "report_back" };
      return { kind: "roles", roles: ["butler", "supervisor", "project_manager"], followUp: "report_back" };
    }
    case "suggestion":
      return { kind: "roles", roles: ["butler"], followUp: "explain" };
    case "repair":
    case "maintenance":
      return { kind: "technician", category: order.repairCategory ?? "public_areas", alsoButler: false };
    case "emergency":
      return { kind: "roles", roles: ["supervisor", "project_manager"], followUp: null };
    default:
      return { kind: "roles", roles: ["butler"], followUp: null };
  }
}

/** The candidate with the fewest open orders; ties go to the lowest id (deterministic). */
export function leastLoaded(candidates: readonly { userId: number; openOrders: number }[]): number | null {
  let best: { userId: number; openOrders: number } | null = null;
  for (const c of candidates)
    if (!best || c.openOrders < best.openOrders || (c.openOrders === best.openOrders && c.userId < best.userId))
      best = c;
  return best?.userId ?? null;
}

/** The repair category that maintains a kind of equipment. */
export const CATEGORY_OF_EQUIPMENT: Record<EquipmentKind, RepairCategory> = {
  elevator: "elevator",
  pump: "plumbing",
  fire_system: "public_areas",
  gate: "doors_locks",
  generator: "electrical",
  hvac: "electrical",
  other: "public_areas",
};

/** True when every dispatched person has accepted (and there is at least one). */
export function allAccepted(assignees: readonly { acceptedAt: Date | null }[]): boolean {
  return assignees.length > 0 && assignees.every((a) => a.acceptedAt != null);
}

// ── SLA ──────────────────────────────────────────────────────────────────────

export interface Sla {
  acceptMinutes: number;
  resolveMinutes: number;
}

const H = 60;
const D = 24 * H;

/** Defaults per severity; per-type overrides below; per-company rows in sla_settings override both. */
export const DEFAULT_SLA_BY_SEVERITY: Record<Severity, Sla> = {
  critical: { acceptMinutes: 15, resolveMinutes: 24 * H },
  high: { acceptMinutes: 30, resolveMinutes: 48 * H },
  normal: { acceptMinutes: 2 * H, resolveMinutes: 3 * D },
  low: { acceptMinutes: 1 * D, resolveMinutes: 7 * D },
};

const TYPE_OVERRIDES: Partial<Record<WorkOrderType, Partial<Record<Severity, Sla>>>> = {
  emergency: {
    critical: { acceptMinutes: 5, resolveMinutes: 4 * H },
    high: { acceptMinutes: 10, resolveMinutes: 8 * H },
    normal: { acceptMinutes: 15, resolveMinutes: 12 * H },
    low: { acceptMinutes: 30, resolveMinutes: 24 * H },
  },
  repair: { normal: { acceptMinutes: 1 * H, resolveMinutes: 24 * H } },
  inquiry: { normal: { acceptMinutes: 2 * H, resolveMinutes: 1 * D } },
  maintenance: { normal: { acceptMinutes: 1 * D, resolveMinutes: 7 * D } },
};

export function defaultSla(type: WorkOrderType, severity: Severity): Sla {
  return TYPE_OVERRIDES[type]?.[severity] ?? DEFAULT_SLA_BY_SEVERITY[severity];
}

/** The deadlines counted from `from` (dispatch time). */
export function slaDeadlines(from: Date, sla: Sla): { acceptDueAt: Date; resolveDueAt: Date } {
  return {
    acceptDueAt: new Date(from.getTime() + sla.acceptMinutes * 60_000),
    resolveDueAt: new Date(from.getTime() + sla.resolveMinutes * 60_000),
  };
}

export interface SlaState {
  status: WorkOrderStatus;
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
}

/** Overdue: still waiting for acceptance past the accept deadline, or open past the resolve deadline. */
export function isOverdue(o: SlaState, now: Date): boolean {
  if (!isOpen(o.status)) return false;
  const t = now.getTime();
  if (o.status === "assigned" && o.acceptDueAt && t > o.acceptDueAt.getTime()) return true;
  return !!o.resolveDueAt && t > o.resolveDueAt.getTime();
}

/**
 * The escalation level an order should be at (§5 "escalated to the next level"):
 * 0 on time; 1 acceptance overdue (→ supervisor); 2 resolution overdue (→ project manager);
 * 3 resolution overdue by more than the whole resolve window again (→ general manager).
 * Levels only go up, so running the cron twice for the same time changes nothing.
 */
export const MAX_ESCALATION = 3;

export function escalationLevel(o: SlaState & { dispatchedAt: Date | null }, now: Date): number {
  if (!isOpen(o.status)) return 0;
  const t = now.getTime();
  if (o.resolveDueAt && t > o.resolveDueAt.getTime()) {
    const window = o.dispatchedAt ? o.resolveDueAt.getTime() - o.dispatchedAt.getTime() : 0;
    return window > 0 && t > o.resolveDueAt.getTime() + window ? 3 : 2;
  }
  if (o.status === "assigned" && o.acceptDueAt && t > o.acceptDueAt.getTime()) return 1;
  return 0;
}

export const ESCALATION_ROLE: Record<number, "supervisor" | "project_manager" | "admin"> = {
  1: "supervisor",
  2: "project_manager",
  3: "admin",
};

// ── preventive maintenance ───────────────────────────────────────────────────

/** YYYY-MM-DD ↔ UTC dates (plan dates are calendar dates; no time zone arithmetic needed). */
export function parseDate(s: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a date: ${s}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
export const formatDate = (d: Date) => d.toISOString().slice(0, 10);

/** The k-th due date of a plan (k = 0 is the start date). Months clamp to the month's last day. */
export function nthDueDate(plan: { startDate: string; every: number; interval: PlanInterval }, k: number): string {
  const start = parseDate(plan.startDate);
  if (plan.interval === "day") return formatDate(new Date(start.getTime() + k * plan.every * 86_400_000));
  if (plan.interval === "week") return formatDate(new Date(start.getTime() + k * plan.every * 7 * 86_400_000));
  const months = start.getUTCMonth() + k * plan.every;
  const y = start.getUTCFullYear() + Math.floor(months / 12);
  const m = ((months % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return formatDate(new Date(Date.UTC(y, m, Math.min(start.getUTCDate(), lastDay))));
}

/**
 * The due dates whose orders should exist on `asOf`: due within the next `leadDays` days
 * (including today). Earlier ones were created by earlier runs; the generation keys make
 * repeating a date harmless.
 */
export function dueDatesToGenerate(
  plan: { startDate: string; every: number; interval: PlanInterval; leadDays: number },
  asOf: string,
): string[] {
  if (plan.every < 1) return [];
  const from = asOf;
  const until = formatDate(new Date(parseDate(asOf).getTime() + plan.leadDays * 86_400_000));
  const out: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    const d = nthDueDate(plan, k);
    if (d > until) break;
    if (d >= from) out.push(d);
  }
  return out;
}

// ── rating ───────────────────────────────────────────────────────────────────

export const isRating = (n: number) => Number.isInteger(n) && n >= 1 && n <= 5;
