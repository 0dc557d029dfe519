import type { Role } from "@/lib/auth/roles";
import { isOpen, type SlaState } from "./rules";

/** The tabs of the staff orders queue. */
export const QUEUE_TABS = ["mine", "scope", "triage"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** Roles whose work is the whole scope they answer for (company, community, team, buildings), not only orders dispatched to them. */
const SCOPE_FIRST: readonly Role[] = ["admin", "project_manager", "supervisor", "front_desk", "butler"];

/**
 * The tab a person lands on: what they can act on (issue 16 §2). Admin / PM / supervisor / front
 * desk: every open order they see; butler: their buildings' orders; technician, finance, legal:
 * the orders dispatched to them.
 */
export function defaultQueueTab(roles: readonly Role[]): QueueTab {
  return roles.some((r) => SCOPE_FIRST.includes(r)) ? "scope" : "mine";
}

export interface Countdown {
  kind: "accept" | "resolve";
  /** Whole minutes left (negative: overdue by that many). */
  minutes: number;
  overdue: boolean;
}

const minutesBetween = (at: Date, now: Date) => {
  const ms = at.getTime() - now.getTime();
  return ms < 0 ? Math.floor(ms / 60_000) : Math.ceil(ms / 60_000);
};

/**
 * The SLA countdown shown in the queue, by the same rule as isOverdue: a missed acceptance, then a
 * missed resolution, count as overdue; otherwise the time left to accept (while the order waits to
 * be accepted) or to resolve.
 */
export function slaCountdown(o: SlaState, now: Date): Countdown | null {
  if (!isOpen(o.status)) return null;
  const waiting = o.status === "assigned" && !!o.acceptDueAt;
  if (waiting && o.acceptDueAt! < now)
    return { kind: "accept", minutes: minutesBetween(o.acceptDueAt!, now), overdue: true };
  if (o.resolveDueAt && o.resolveDueAt < now)
    return { kind: "resolve", minutes: minutesBetween(o.resolveDueAt, now), overdue: true };
  if (waiting) return { kind: "accept", minutes: minutesBetween(o.acceptDueAt!, now), overdue: false };
  return o.resolveDueAt ? { kind: "resolve", minutes: minutesBetween(o.resolveDueAt, now), overdue: false } : null;
}

/** A duration in minutes split for display: days, hours, minutes (absolute value). */
export function splitMinutes(minutes: number): { days: number; hours: number; minutes: number } {
  const m = Math.abs(minutes);
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}
