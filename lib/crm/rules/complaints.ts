import type { ComplaintClass } from "@/lib/tickets/rules";
import type { ComplaintRange, CrmRules } from "../config";

/**
 * §8.2 complaint points under a company's rules. Pure. Ranges are [max, min] with
 * max the smallest deduction (e.g. −2) and min the largest (e.g. −5).
 */
export const complaintRange = (rules: CrmRules, c: ComplaintClass): ComplaintRange => rules.complaints[c];

/** The triage form's default: the lower bound of the range, i.e. the smallest deduction. */
export const defaultComplaintPoints = (ranges: CrmRules["complaints"], c: ComplaintClass) => ranges[c].max;

export function complaintPointsInRange(rules: CrmRules, c: ComplaintClass, points: number): boolean {
  const r = rules.complaints[c];
  return Number.isInteger(points) && points <= r.max && points >= r.min;
}

/** The triager's points brought into a (possibly changed) range — used by the what-if preview. */
export function clampIntoRange(points: number, r: { max: number; min: number }): number {
  return Math.max(r.min, Math.min(r.max, points));
}

export const complaintDedupeKey = (workOrderId: number) => `complaint:${workOrderId}`;
