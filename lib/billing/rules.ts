/**
 * Billing rules (SPEC §4), pure: integer fen in, integer fen out, no I/O.
 */

export type Rounding = "fen" | "jiao" | "yuan";

const STEP: Record<Rounding, number> = { fen: 1, jiao: 10, yuan: 100 };

/**
 * A per-area line: price in fen per m² and month × area in 0.01 m². The exact amount is
 * price × area / 100 fen; "fen" rounds half up to the fen, "jiao"/"yuan" 抹零 (drop the
 * fen / the jiao and fen). Integer arithmetic only.
 */
export function areaLineFen(priceFen: number, areaCentiM2: number, rounding: Rounding = "fen"): number {
  assertNonNegativeInt(priceFen, "priceFen");
  assertNonNegativeInt(areaCentiM2, "areaCentiM2");
  const hundredths = priceFen * areaCentiM2; // fen × 100
  if (!Number.isSafeInteger(hundredths)) throw new RangeError("amount too large");
  if (rounding === "fen") return Math.floor((hundredths + 50) / 100);
  return roundFen(Math.floor(hundredths / 100), rounding);
}

/**
 * A metered line: price in fen per unit of consumption × consumption in hundredths of a unit
 * (reading − previous). The same arithmetic and rounding as a per-area line.
 */
export function meteredLineFen(priceFen: number, consumptionCenti: number, rounding: Rounding = "fen"): number {
  return areaLineFen(priceFen, consumptionCenti, rounding);
}

/** Consumption in hundredths of a unit; null when the reading is below the previous one. */
export function consumptionCenti(readingCenti: number, previousCenti: number): number | null {
  assertNonNegativeInt(readingCenti, "readingCenti");
  assertNonNegativeInt(previousCenti, "previousCenti");
  return readingCenti < previousCenti ? null : readingCenti - previousCenti;
}

/** 抹零 of a whole fen amount: keeps whole jiao or yuan. */
export function roundFen(fen: number, rounding: Rounding): number {
  const step = STEP[rounding];
  return Math.floor(fen / step) * step;
}

/**
 * The same computation as SQL over integer columns (used by the set-based bill run), so the
 * database and `areaLineFen` agree; tests compare the two.
 */
export function areaLineSql(price: string, area: string, rounding: Rounding): string {
  if (rounding === "fen") return `((${price} * ${area} + 50) / 100)`;
  const step = STEP[rounding];
  return `((${price} * ${area} / 100) / ${step} * ${step})`;
}

function assertNonNegativeInt(n: number, name: string) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

/** Parses a yuan amount typed by a person ("12", "12.5", "12.50") into fen; null when invalid. */
export function parseYuan(text: string): number | null {
  return parseCenti(text);
}

/** Parses a decimal with up to 2 places ("1234", "1234.5") into hundredths; null when invalid. */
export function parseCenti(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export interface OpenBill {
  id: number;
  period: string;
  outstandingFen: number;
}

export interface Allocation {
  billId: number;
  amountFen: number;
}

/**
 * Applies `amountFen` to open bills: first the bills the payer chose (`preferred`, oldest
 * first), then every other open bill oldest first; what is left becomes credit.
 */
export function allocate(
  amountFen: number,
  open: readonly OpenBill[],
  preferred: readonly number[] = [],
): { allocations: Allocation[]; creditFen: number } {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError("amount must be a non-negative integer");
  const byAge = [...open].sort((a, b) => (a.period === b.period ? a.id - b.id : a.period < b.period ? -1 : 1));
  const chosen = new Set(preferred);
  const order = [...byAge.filter((b) => chosen.has(b.id)), ...byAge.filter((b) => !chosen.has(b.id))];
  let left = amountFen;
  const allocations: Allocation[] = [];
  for (const bill of order) {
    if (left === 0) break;
    if (bill.outstandingFen <= 0) continue;
    const take = Math.min(left, bill.outstandingFen);
    allocations.push({ billId: bill.id, amountFen: take });
    left -= take;
  }
  return { allocations, creditFen: left };
}

/** Credit applied to a new bill: as much as both allow. */
export function consumeCredit(creditFen: number, billOutstandingFen: number): number {
  return Math.max(0, Math.min(creditFen, billOutstandingFen));
}

export interface BillState {
  dueDate: string; // YYYY-MM-DD
  amountFen: number; // lines + adjustments
  voided: boolean;
  /** Allocations with the day they were made (YYYY-MM-DD). */
  allocations: { amountFen: number; on: string }[];
}

/**
 * Months in arrears (SPEC §4) on day `asOf`: bills past their due date (due < asOf) and not
 * fully paid by then. Voided bills never count; a bill paid on its due date is not overdue.
 */
export function monthsInArrears(bills: readonly BillState[], asOf: string): number {
  let n = 0;
  for (const b of bills) {
    if (b.voided || !(b.dueDate < asOf)) continue;
    const paid = b.allocations.filter((a) => a.on <= asOf).reduce((s, a) => s + a.amountFen, 0);
    if (paid < b.amountFen) n++;
  }
  return n;
}

export const AGING_BUCKETS = ["1-2", "3-5", "6-11", "12+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucket(months: number): AgingBucket | null {
  if (months <= 0) return null;
  if (months <= 2) return "1-2";
  if (months <= 5) return "3-5";
  if (months <= 11) return "6-11";
  return "12+";
}

/** The same bucketing as SQL, for the set-based aging query. */
export function agingBucketSql(months: string): string {
  return `case when ${months} <= 0 then null when ${months} <= 2 then '1-2' when ${months} <= 5 then '3-5' when ${months} <= 11 then '6-11' else '12+' end`;
}

/**
 * Fully paid-ahead months: with nothing outstanding, how many whole months of the
 * household's monthly fees its credit covers. Owing anything means 0.
 */
export function paidAheadMonths(creditFen: number, monthlyFen: number, outstandingFen: number): number {
  if (outstandingFen > 0 || monthlyFen <= 0 || creditFen <= 0) return 0;
  return Math.floor(creditFen / monthlyFen);
}

/** Bill status from its totals. */
export function billStatus(b: {
  amountFen: number;
  allocatedFen: number;
  voided: boolean;
}): "voided" | "paid" | "partial" | "unpaid" {
  if (b.voided) return "voided";
  if (b.allocatedFen >= b.amountFen) return "paid";
  return b.allocatedFen > 0 ? "partial" : "unpaid";
}

/** Collection rate (收缴率) in basis points (1/100 of a percent): collected / billed. */
export function collectionRateBp(collectedFen: number, billedFen: number): number | null {
  if (billedFen <= 0) return null;
  return Math.floor((collectedFen * 10000) / billedFen);
}

/** "YYYY-MM" → due date "YYYY-MM-DD" on `dueDay`, clamped to the month's last day. */
export function dueDateOf(period: string, dueDay: number): string {
  const [y, m] = period.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(Math.min(Math.max(1, dueDay), last)).padStart(2, "0")}`;
}

/** Receipt number: "2026-000123". */
export function receiptNumber(year: number, n: number): string {
  return `${year}-${String(n).padStart(6, "0")}`;
}

/** Hundredths as a plain decimal string ("1234.50"). */
export function centiToText(centi: number): string {
  return fenToYuanText(centi);
}

/** Integer fen as a plain yuan string for form fields ("1234.05"). */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** The most one payment may be: ¥1,000,000 (a typo of extra digits at the cashier is refused). */
export const MAX_PAYMENT_FEN = 100_000_000;

/**
 * The last month up to which a household has paid every monthly bill (voided ones do not
 * count): the transfer statement's "paid up to". Null when its oldest bill is still owing.
 */
export function paidThrough(bills: readonly { period: string; kind: string; status: string }[]): string | null {
  const monthly = bills
    .filter((b) => b.kind === "monthly" && b.status !== "voided")
    .sort((a, b) => (a.period < b.period ? -1 : 1));
  let through: string | null = null;
  for (const b of monthly) {
    if (b.status !== "paid") break;
    through = b.period;
  }
  return through;
}
