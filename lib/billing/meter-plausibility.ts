/**
 * 抄表 plausibility (issue 19 point 5): is a new reading far from the unit's usual consumption?
 * Pure. The reading round asks the reader to confirm an implausible reading and flags it.
 */

/** A month's consumption above HIGH × or below LOW × the median of the recent months is implausible. */
export const PLAUSIBLE_HIGH = 3;
export const PLAUSIBLE_LOW = 0.3;
/** How many recent months the median is taken over. */
export const PLAUSIBLE_MONTHS = 6;

export type Plausibility = "ok" | "below_previous" | "high" | "low";

/** The median of whole numbers (the mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Checks a reading against the previous one and the unit's recent monthly consumptions (newest
 * first; only the first PLAUSIBLE_MONTHS count). Lower than the previous reading is always
 * implausible; without a previous reading or any history there is nothing else to compare; a
 * unit whose median is zero is "high" as soon as it uses anything.
 */
export function readingPlausibility(
  readingCenti: number,
  previousCenti: number | null,
  recentConsumptionsCenti: readonly number[],
): Plausibility {
  if (previousCenti === null) return "ok";
  if (readingCenti < previousCenti) return "below_previous";
  const usual = median(recentConsumptionsCenti.slice(0, PLAUSIBLE_MONTHS));
  if (usual === null) return "ok";
  const used = readingCenti - previousCenti;
  if (usual === 0) return used > 0 ? "high" : "ok";
  if (used > usual * PLAUSIBLE_HIGH) return "high";
  if (used < usual * PLAUSIBLE_LOW) return "low";
  return "ok";
}
