import type { CrmRules } from "../config";
import { addMonthsToDate } from "@/lib/time/calendar";

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

export const goldExpiresOn = (rules: CrmRules, awardedOn: string) => addMonthsToDate(awardedOn, rules.gold.badgeMonths);

export const goldDedupeKey = (householdId: number, awardedOn: string) => `gold:${householdId}:${awardedOn}`;
