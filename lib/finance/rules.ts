/*
 * Finance rules (SPEC §7), pure: default categories, splitting an allocation over bill lines,
 * budget-vs-actual arithmetic.
 */

export interface DefaultCategory {
  kind: "income" | "expense";
  code: string;
  name: string;
}

/** Created for every company on first use (fee items add one income category each: code fee:<id>). */
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  { kind: "income", code: "contract_income", name: "合同收入" },
  { kind: "income", code: "value_added", name: "增值服务收入" },
  { kind: "income", code: "billing_other", name: "其他物业收入" },
  { kind: "expense", code: "exp_procurement", name: "物资采购" },
  { kind: "expense", code: "exp_repairs", name: "维修保养" },
  { kind: "expense", code: "exp_utilities", name: "公共能耗" },
  { kind: "expense", code: "exp_cleaning", name: "保洁绿化" },
  { kind: "expense", code: "exp_security", name: "秩序维护" },
  { kind: "expense", code: "exp_outsourcing", name: "外包合同" },
  { kind: "expense", code: "exp_office", name: "办公费用" },
  { kind: "expense", code: "exp_travel", name: "差旅交通" },
  { kind: "expense", code: "exp_other", name: "其他支出" },
];

export const feeCategoryCode = (feeItemId: number) => `fee:${feeItemId}`;

/**
 * Splits `amount` (signed fen) over parts in proportion to their weights, so the parts sum
 * exactly to `amount` (largest remainder; ties to the earlier part). Zero weights get nothing
 * unless every weight is zero, then the first part takes it all.
 */
export function splitProportionally(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  const exact = weights.map((w) => (abs * Math.max(0, w)) / total);
  const floors = exact.map(Math.floor);
  let left = abs - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors.map((f) => f * sign);
}

export const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"] as const;

export interface Variance {
  budget: number;
  actual: number;
  variance: number;
  /** variance / budget in percent, one decimal; null when there is no budget. */
  variancePct: number | null;
}

export function varianceOf(budget: number, actual: number): Variance {
  const variance = actual - budget;
  return { budget, actual, variance, variancePct: budget === 0 ? null : Math.round((variance / budget) * 1000) / 10 };
}

/** The last month counted in year-to-date figures: the current month in the current year, all 12 before it, none after. */
export function ytdMonths(year: number, today: string): number {
  const [y, m] = today.split("-").map(Number);
  if (year < y) return 12;
  if (year > y) return 0;
  return m;
}

export function isYear(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 2000 && value <= 2100;
}
