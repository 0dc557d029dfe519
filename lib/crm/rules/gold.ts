import type { CrmRules } from "../config";

/**
 * §8.4 the gold badge, pure. A payment that brings the household's fully-paid-ahead
 * property-fee months to `prepaidMonths` or more awards the badge unless one is active.
 */
export function shouldAwardGold(rules: CrmRules, paidAheadMonths: number, hasActiveBadge: boolean): boolean {
  return !hasActiveBadge && paidAheadMonths >= rules.gold.prepaidMonths;
}

/** A badge is active on `asOf` from its award date until (excluding) its expiry date. */
export const isBadgeActive = (b: { awardedOn: string; expiresOn: string }, asOf: string) =>
  b.awardedOn <= asOf && asOf < b.expiresOn;

/** YYYY-MM-DD plus whole months; the day clamps to the target month's last day. */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const idx = y * 12 + (m - 1) + months;
  const ty = Math.floor(idx / 12);
  const tm = idx % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, "0")}-${String(tm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export const goldExpiresOn = (rules: CrmRules, awardedOn: string) => addMonthsToDate(awardedOn, rules.gold.badgeMonths);

export const goldDedupeKey = (householdId: number, awardedOn: string) => `gold:${householdId}:${awardedOn}`;
