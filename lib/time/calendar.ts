/**
 * Calendar arithmetic on date strings, pure: days "YYYY-MM-DD" and months "YYYY-MM" (a month is
 * what billing calls a period). No time zone here — see ./zone.ts for instants.
 */

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [mo, d] = [Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(`${m[1]}-${m[2]}`);
}

/** A month written YYYY-MM (01–12). */
export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Days in a month "YYYY-MM" (28–31). */
export function daysInMonth(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The last calendar day of a month "YYYY-MM". */
export function lastDayOf(month: string): string {
  return `${month}-${pad2(daysInMonth(month))}`;
}

/** Every date of a month "YYYY-MM", in order. */
export function daysOfMonth(month: string): string[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${pad2(i + 1)}`);
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${pad2((idx % 12) + 1)}`;
}

/** YYYY-MM-DD plus `n` days (n may be negative). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The calendar day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  return addDays(date, 1);
}

/** YYYY-MM-DD plus whole months; the day clamps to the target month's last day. */
export function addMonthsToDate(date: string, months: number): string {
  const month = addMonths(date.slice(0, 7), months);
  return `${month.padStart(7, "0")}-${pad2(Math.min(Number(date.slice(8, 10)), daysInMonth(month)))}`;
}

/** Monday of the ISO week of `date`. */
export function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}
