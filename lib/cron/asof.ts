import { localDate } from "@/lib/billing/rules";
import { instantOf } from "@/lib/hr/rules";

/** The calendar day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * For a job run on a past date (catch-up, replaying history): the end of that day in the
 * company's time zone — only money received before it counts, so the job sees the day as it
 * was. Null for today or a later date: the current state is the state of the day.
 */
export function replayCutoff(asOf: string, timeZone: string, realNow: Date = new Date()): Date | null {
  return asOf < localDate(realNow, timeZone) ? instantOf(nextDay(asOf), 0, timeZone) : null;
}
