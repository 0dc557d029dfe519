/** HR rules: pure functions, no I/O. */
import { localParts } from "@/lib/time/zone";

/** The next free employee number after the ones taken: E0001, E0002, … (highest numeric suffix + 1). */
export function nextEmployeeNo(taken: readonly string[], prefix = "E"): string {
  let top = 0;
  for (const no of taken) {
    const m = /^([A-Z]*)(\d+)$/.exec(no);
    if (m && m[1] === prefix) top = Math.max(top, Number(m[2]));
  }
  return `${prefix}${String(top + 1).padStart(4, "0")}`;
}

// ── attendance ───────────────────────────────────────────────────────────────

/** Work hours in minutes after local midnight. */
export interface Shift {
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_SHIFT: Shift = { startMinute: 9 * 60, endMinute: 18 * 60 };

/** "HH:MM" for a minute of the day. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** "HH:MM" → minute of the day, or null. */
export function parseMinute(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Saturday and Sunday are rest days (no absence counted). */
export function isWorkday(date: string): boolean {
  const [y, m, d] = date.split("-").map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

export type DayStatus = "rest" | "upcoming" | "present" | "absent" | "incomplete" | "notHired" | "leave";

export interface DayResult {
  date: string;
  status: DayStatus;
  /** Local minutes of the effective clock-in / clock-out, or null. */
  inMinute: number | null;
  outMinute: number | null;
  lateMinutes: number;
  earlyMinutes: number;
}

/**
 * One person's day. `inAt` / `outAt` are the effective entries for the local `date`
 * (corrections already applied); `now` decides whether the day is over. A workday with no
 * clock-in is absent once it is over; a clock-in without a clock-out after the day is over
 * is "incomplete"; a rest day is never absent but still counts the hours worked. Days before
 * the hire date (`hiredOn`, YYYY-MM-DD) without entries are "notHired", never absent. A workday
 * without a clock-in inside an approved leave request (`onLeave`) is "leave", never absent.
 */
export function evaluateDay(input: {
  date: string;
  shift: Shift;
  timeZone: string;
  now: Date;
  inAt: Date | null;
  outAt: Date | null;
  hiredOn?: string | null;
  onLeave?: boolean;
}): DayResult {
  const { date, shift, timeZone } = input;
  const today = localParts(input.now, timeZone);
  const over = date < today.date || (date === today.date && today.minute >= shift.endMinute);
  const inMinute = input.inAt ? localParts(input.inAt, timeZone).minute : null;
  const outMinute = input.outAt ? localParts(input.outAt, timeZone).minute : null;
  const workday = isWorkday(date);
  const lateMinutes = workday && inMinute !== null ? Math.max(0, inMinute - shift.startMinute) : 0;
  const earlyMinutes = workday && outMinute !== null ? Math.max(0, shift.endMinute - outMinute) : 0;
  let status: DayStatus;
  if (inMinute !== null) status = outMinute !== null ? "present" : over ? "incomplete" : "present";
  else if (input.hiredOn && date < input.hiredOn) status = "notHired";
  else if (!workday) status = "rest";
  else if (input.onLeave) status = "leave";
  else if (date > today.date || !over) status = "upcoming";
  else status = "absent";
  return { date, status, inMinute, outMinute, lateMinutes, earlyMinutes };
}

export interface MonthTotals {
  present: number;
  late: number;
  lateMinutes: number;
  early: number;
  earlyMinutes: number;
  absent: number;
  incomplete: number;
  /** Workdays on approved leave. */
  leave: number;
}

export function totalsOf(days: readonly DayResult[]): MonthTotals {
  const t: MonthTotals = {
    present: 0,
    late: 0,
    lateMinutes: 0,
    early: 0,
    earlyMinutes: 0,
    absent: 0,
    incomplete: 0,
    leave: 0,
  };
  for (const d of days) {
    if (d.status === "present" || d.status === "incomplete") t.present++;
    if (d.status === "absent") t.absent++;
    if (d.status === "incomplete") t.incomplete++;
    if (d.status === "leave") t.leave++;
    if (d.lateMinutes > 0) {
      t.late++;
      t.lateMinutes += d.lateMinutes;
    }
    if (d.earlyMinutes > 0) {
      t.early++;
      t.earlyMinutes += d.earlyMinutes;
    }
  }
  return t;
}

/** Picks the effective entry per date and kind: the newest correction, else the clock entry. */
export function effectiveEntries<
  E extends { id: number; workDate: string; kind: "in" | "out"; at: Date; source: "clock" | "correction" },
>(entries: readonly E[]) {
  const out = new Map<string, E>();
  for (const e of entries) {
    const key = `${e.workDate}/${e.kind}`;
    const cur = out.get(key);
    const better = !cur || (e.source === "correction" && (cur.source === "clock" || e.id > cur.id));
    if (better) out.set(key, e);
  }
  return { get: (date: string, kind: "in" | "out") => out.get(`${date}/${kind}`) ?? null };
}
