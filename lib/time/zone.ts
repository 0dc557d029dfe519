/**
 * Company-time-zone time, pure: the local calendar date and minute of an instant, and the
 * instant of a local date and minute (DST-safe), for any IANA time zone.
 */
import { nextDay } from "./calendar";

const formats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The local date (YYYY-MM-DD) and minute of the day of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): { date: string; minute: number } {
  const p = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}

/** Today's date "YYYY-MM-DD" in a time zone. */
export function localDate(now: Date, timeZone: string): string {
  return localParts(now, timeZone).date;
}

/** The zone's offset (local wall clock minus UTC, in ms) at an instant given in whole minutes. */
function offsetAt(at: number, timeZone: string): number {
  const p = localParts(new Date(at), timeZone);
  const [y, m, d] = p.date.split("-").map(Number);
  return Date.UTC(y, m - 1, d, 0, p.minute) - at;
}

const DAY_MS = 86_400_000;

/**
 * The instant of a local date and minute in a time zone, DST-safe: it tries the zone's offsets
 * of the day before and the day after and keeps the one whose instant shows that wall time. A
 * wall time that exists twice (clocks set back) gives its first occurrence; one that does not
 * exist (clocks set forward) is read with the offset before the change, so it lands after the
 * gap — 02:30 on a spring-forward night becomes 03:30 (like Temporal's "compatible").
 */
export function instantOf(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const valid = [before, after].filter((at) => offsetAt(at, timeZone) === wall - at);
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** A local date-time as a datetime-local input gives it: "YYYY-MM-DDTHH:mm". */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "YYYY-MM-DDTHH:mm" in `timeZone` → the instant (DST-safe, see instantOf). */
export function zonedLocalToDate(local: string, timeZone: string): Date {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  return instantOf(`${m[1]}-${m[2]}-${m[3]}`, Number(m[4]) * 60 + Number(m[5]), timeZone);
}

/** The instant as "YYYY-MM-DDTHH:mm" in `timeZone` (for datetime-local inputs). */
export function dateToZonedLocal(at: Date, timeZone: string): string {
  const { date, minute } = localParts(at, timeZone);
  return `${date}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The instants [start, end) of a local day in a time zone (23 or 25 hours long across a DST change). */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: instantOf(date, 0, timeZone), end: instantOf(nextDay(date), 0, timeZone) };
}

/**
 * For a job run on a past date (catch-up, replaying history): the end of that day in the
 * company's time zone — only money received before it counts, so the job sees the day as it
 * was. Null for today or a later date: the current state is the state of the day.
 */
export function replayCutoff(asOf: string, timeZone: string, realNow: Date = new Date()): Date | null {
  return asOf < localDate(realNow, timeZone) ? instantOf(nextDay(asOf), 0, timeZone) : null;
}
