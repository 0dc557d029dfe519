/**
 * Billing over time (SPEC §4 "Time"), pure: how many days of a month a holder held a unit and
 * what a part month costs. Periods are half-open: [from, to), `to` the first day no longer held.
 */
import type { Rounding } from "./rules";
import { addMonths, daysInMonth } from "@/lib/time/calendar";

const STEP: Record<Rounding, number> = { fen: 1, jiao: 10, yuan: 100 };
/** An open end ("still held") compares after every real date. */
export const OPEN_END = "9999-12-31";

export type Proration = "days" | "billing_day";
/** A rate in basis points: 10000 = the full price. */
export const FULL_RATE = 10_000;

export interface MonthBounds {
  /** First day of the month, "YYYY-MM-01". */
  first: string;
  /** First day of the next month. */
  next: string;
  /** Days in the month (28–31). */
  days: number;
}

export function monthBounds(period: string): MonthBounds {
  return { first: `${period}-01`, next: `${addMonths(period, 1)}-01`, days: daysInMonth(period) };
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/**
 * Days of `period` billed to a holder of [from, to): by days, the days held in the month; by
 * billing day, the whole month when the holder holds the unit on the billing day, else none.
 */
export function billedDays(
  from: string,
  to: string | null,
  period: string,
  proration: Proration = "days",
  billingDay = 1,
): number {
  const { first, next, days } = monthBounds(period);
  const end = to ?? OPEN_END;
  if (proration === "billing_day") {
    const on = `${period}-${String(Math.min(Math.max(1, billingDay), days)).padStart(2, "0")}`;
    return from <= on && on < end ? days : 0;
  }
  const start = from > first ? from : first;
  const stop = end < next ? end : next;
  return stop > start ? dayNumber(stop) - dayNumber(start) : 0;
}

/**
 * A month's line for `days` of `monthDays`: price (fen per unit) × quantity (hundredths of a
 * unit: area in 0.01 m², 100 for "one") × days / monthDays. The exact amount is price ×
 * quantity × days / (100 × monthDays) fen; "fen" rounds half up, "jiao"/"yuan" 抹零 (drop
 * what is below the jiao / the yuan). Integer arithmetic only; a full month equals
 * `areaLineFen`. `rateBp` scales the price (a vacancy rate, 7000 = 70 %) before rounding.
 */
export function proratedFen(
  priceFen: number,
  quantityCenti: number,
  days: number,
  monthDays: number,
  rounding: Rounding = "fen",
  rateBp = FULL_RATE,
): number {
  for (const [n, name] of [
    [priceFen, "priceFen"],
    [quantityCenti, "quantityCenti"],
    [days, "days"],
    [rateBp, "rateBp"],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer`);
  }
  if (!Number.isInteger(monthDays) || monthDays < 28 || monthDays > 31 || days > monthDays)
    throw new RangeError("days must be within the month");
  const scaled = priceFen * quantityCenti * days * rateBp;
  if (!Number.isSafeInteger(scaled)) throw new RangeError("amount too large");
  const denominator = 100 * monthDays * FULL_RATE;
  if (rounding === "fen") return Math.floor((scaled + denominator / 2) / denominator);
  const step = STEP[rounding];
  return Math.floor(Math.floor(scaled / denominator) / step) * step;
}

/** The same computation as SQL over integer expressions, so the bill run and `proratedFen` agree (tests compare them). */
export function proratedSql(
  price: string,
  quantity: string,
  days: string,
  monthDays: number,
  rounding: Rounding,
  rateBp = FULL_RATE,
): string {
  const full = rateBp === FULL_RATE;
  const denominator = 100 * monthDays * (full ? 1 : FULL_RATE);
  const scaled = full ? `(${price} * ${quantity} * ${days})` : `(${price} * ${quantity} * ${days} * ${rateBp})`;
  if (rounding === "fen") return `((${scaled} + ${denominator / 2}) / ${denominator})`;
  const step = STEP[rounding];
  return `((${scaled} / ${denominator}) / ${step} * ${step})`;
}

/** SQL: days of the month [first, next) within [from, to) — by days, or the whole month if held on `billingDate`. */
export function billedDaysSql(
  from: string,
  to: string,
  b: MonthBounds,
  proration: Proration,
  billingDate: string,
): string {
  const end = `coalesce(${to}, '${OPEN_END}')`;
  if (proration === "billing_day")
    return `(case when ${from} <= '${billingDate}' and ${end} > '${billingDate}' then ${b.days} else 0 end)`;
  return `max(0, cast(julianday(min(${end}, '${b.next}')) - julianday(max(${from}, '${b.first}')) as integer))`;
}

export interface LineReason {
  /** A key under the billing messages ("reason.prorated"). */
  key: string;
  params: Record<string, number>;
}

/** A bill line's stored reason (key + JSON parameters) for display; null for a plain line or unreadable parameters. */
export function lineReason(key: string | null, params: string | null): LineReason | null {
  if (!key) return null;
  try {
    const parsed: unknown = params ? JSON.parse(params) : {};
    if (!parsed || typeof parsed !== "object") return null;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === "number") out[k] = v;
    return { key, params: out };
  } catch {
    return null;
  }
}

/**
 * SQL: days of the month within a holding [hFrom, hTo) AND a special period [sFrom, sTo) — by
 * days, or the whole month when both cover the billing day.
 */
export function overlapDaysSql(
  h: { from: string; to: string },
  p: { from: string; to: string },
  b: MonthBounds,
  proration: Proration,
  billingDate: string,
): string {
  const hEnd = `coalesce(${h.to}, '${OPEN_END}')`;
  const pEnd = `coalesce(${p.to}, '${OPEN_END}')`;
  if (proration === "billing_day") {
    return `(case when ${h.from} <= '${billingDate}' and ${hEnd} > '${billingDate}' and ${p.from} <= '${billingDate}' and ${pEnd} > '${billingDate}' then ${b.days} else 0 end)`;
  }
  return `max(0, cast(julianday(min(${hEnd}, ${pEnd}, '${b.next}')) - julianday(max(${h.from}, ${p.from}, '${b.first}')) as integer))`;
}
