import { BANDS, DEFAULT_CRM_RULES, type Band, type CrmRules } from "./config";

/** The band of a score (§8.1) under the given rules' floors. */
export function bandOf(score: number, floors: CrmRules["bandFloors"] = DEFAULT_CRM_RULES.bandFloors): Band {
  if (score >= floors.excellent) return "excellent";
  if (score >= floors.good) return "good";
  if (score >= floors.fair) return "fair";
  if (score >= floors.poor) return "poor";
  return "critical";
}

export { BANDS };

export const clampScore = (n: number) => Math.max(0, Math.min(100, n));
