/**
 * Field operations rules (issue 19): schedules, round windows and the checks on a patrol scan.
 * Pure functions, no I/O.
 */

/** A start time of the day, "HH:MM" (00:00–23:59). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM", or null when it is not a time of day. */
export function minuteOfDay(time: string): number | null {
  const m = TIME_OF_DAY.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Monday = 0 … Sunday = 6 of a calendar date YYYY-MM-DD. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
}

/** Every day of the week: the `weekdays` bit mask (bit 0 = Monday). */
export const ALL_WEEKDAYS = 0b1111111;

export function runsOn(weekdays: number, date: string): boolean {
  return (weekdays & (1 << weekdayOf(date))) !== 0;
}

export interface Slot {
  /** The start time "HH:MM" (the slot's key within the day). */
  slot: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The slots of a schedule on one date: one per distinct valid start time, in time order, each
 * `windowMinutes` long; none on a weekday outside the mask. `at(date, minute)` turns a local
 * time into an instant (the company's time zone, DST-safe: lib/time/zone instantOf).
 */
export function expandSchedule(
  schedule: { times: readonly string[]; windowMinutes: number; weekdays: number },
  date: string,
  at: (date: string, minute: number) => Date,
): Slot[] {
  if (!runsOn(schedule.weekdays, date) || schedule.windowMinutes <= 0) return [];
  const times = [...new Set(schedule.times)].filter((t) => minuteOfDay(t) !== null).sort();
  return times.map((slot) => {
    const startsAt = at(date, minuteOfDay(slot)!);
    return { slot, startsAt, endsAt: new Date(startsAt.getTime() + schedule.windowMinutes * 60_000) };
  });
}

/** A scan is accepted up to this long before the round opens (the guard walks to the first point). */
export const EARLY_MS = 10 * 60_000;
/** …and up to this long after it should have ended (then it counts as late; after that the round is missed). */
export const LATE_GRACE_MS = 30 * 60_000;
/** A scan payload is fresh for this long after the camera decoded it (an older one is a replay). */
export const PAYLOAD_MAX_AGE_MS = 2 * 60_000;
/** Clock skew tolerated between the phone and the server. */
export const CLOCK_SKEW_MS = 60_000;

export type ScanRefusal = "foreign" | "notYet" | "closed" | "outOfOrder" | "duplicate" | "replayed";

export interface ScanFacts {
  round: { routeId: number; status: string; startsAt: Date; endsAt: Date; scanned: number };
  /** The checkpoint the token names, or null when no checkpoint of this company has it. */
  checkpoint: { routeId: number; seq: number } | null;
  /** Has this round already recorded that checkpoint? */
  alreadyScanned: boolean;
  /** When the phone decoded the QR code (ms since epoch), as it reports. */
  capturedAt: number;
  now: Date;
}

/**
 * The verdict on a scan: accepted (late when after the round's window) or the reason it is refused.
 * Order: a foreign code first, then replays, then the round's window, then the order of checkpoints.
 */
export function checkScan(f: ScanFacts): { ok: true; late: boolean } | { ok: false; reason: ScanRefusal } {
  const now = f.now.getTime();
  if (!f.checkpoint || f.checkpoint.routeId !== f.round.routeId) return { ok: false, reason: "foreign" };
  if (f.alreadyScanned) return { ok: false, reason: "duplicate" };
  const start = f.round.startsAt.getTime();
  if (f.capturedAt < start - EARLY_MS || f.capturedAt > now + CLOCK_SKEW_MS || now - f.capturedAt > PAYLOAD_MAX_AGE_MS)
    return { ok: false, reason: "replayed" };
  if (now < start - EARLY_MS) return { ok: false, reason: "notYet" };
  const end = f.round.endsAt.getTime();
  if (f.round.status !== "open" || now > end + LATE_GRACE_MS) return { ok: false, reason: "closed" };
  if (f.checkpoint.seq !== f.round.scanned + 1) return { ok: false, reason: "outOfOrder" };
  return { ok: true, late: now > end };
}

/** The instant after which an open round is missed (the minute tick closes it). */
export function roundDeadline(endsAt: Date): Date {
  return new Date(endsAt.getTime() + LATE_GRACE_MS);
}
