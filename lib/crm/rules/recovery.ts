import type { CrmRules } from "../config";

/**
 * §8.1 optional recovery rule, pure: on the 1st of a month, +N for the previous calendar
 * month when that month had no negative entry. Off unless the rules enable it.
 */

/** The calendar month before the month of `asOf` (YYYY-MM), and its first/last day. */
export function previousMonth(asOf: string): { month: string; from: string; to: string } {
  const [y, m] = asOf.split("-").map(Number);
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const month = `${py}-${String(pm).padStart(2, "0")}`;
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return { month, from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export const recoveryDue = (rules: CrmRules, asOf: string) =>
  rules.recovery.enabled && rules.recovery.pointsPerMonth > 0 && asOf.endsWith("-01");

/** True when the household earns the recovery points for the month: none of its entries that month was negative. */
export const earnsRecovery = (monthEntryPoints: readonly number[]) => monthEntryPoints.every((p) => p >= 0);

export const recoveryDedupeKey = (householdId: number, month: string) => `recovery:${householdId}:${month}`;
