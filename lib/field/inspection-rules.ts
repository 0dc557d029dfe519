import type { INSPECTION_TEAMS, InspectionTemplateItem } from "@/db/schema/inspections";

/**
 * Quality-inspection rules (issue 19 point 3), pure. An inspection scores each template item
 * 0…max; a defect needs a note and becomes a work order to the item's team. The quality score
 * of a month (per community or per team) is Σ score ÷ Σ max of the items inspected in it.
 */

export type InspectionTeam = (typeof INSPECTION_TEAMS)[number];

/** The work-order type a team's defects become (cleaning and security have their own types; engineering repairs public areas). */
export const TEAM_ORDER_TYPE = {
  cleaning: "cleaning",
  security: "security",
  engineering: "repair",
  customer_service: "inquiry",
} as const satisfies Record<InspectionTeam, string>;

/** The message key of a defect's work order (`.title` / `.body`); the orders list filters by it (origin=inspection). */
export const DEFECT_TEXT_KEY = "field.inspect.order";

/** A defect must be fixed within this many hours of the inspection. */
export const DEFECT_DUE_HOURS = 48;

export const defectDueAt = (inspectedAt: Date) => new Date(inspectedAt.getTime() + DEFECT_DUE_HOURS * 3600_000);

export interface ItemScore {
  score: number;
  defect: boolean;
  note?: string | null;
}

/**
 * Checks the scores against the template (one per item, whole numbers 0…max, a note on every
 * defect) and returns the field errors (`items.<i>` → message key) or the totals.
 */
export function scoreInspection(
  template: readonly InspectionTemplateItem[],
  scores: readonly ItemScore[],
): { ok: false; errors: Record<string, string> } | { ok: true; score: number; maxScore: number; defects: number } {
  if (scores.length !== template.length) return { ok: false, errors: { items: "field.inspect.itemsMismatch" } };
  const errors: Record<string, string> = {};
  let score = 0;
  let maxScore = 0;
  let defects = 0;
  template.forEach((item, i) => {
    const s = scores[i];
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > item.maxScore)
      errors[`items.${i}`] = "field.inspect.badScore";
    else if (s.defect && !s.note?.trim()) errors[`items.${i}`] = "field.inspect.defectNote";
    score += s.score;
    maxScore += item.maxScore;
    if (s.defect) defects += 1;
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, score, maxScore, defects };
}

/** Score ÷ max as a percentage with one decimal; null when nothing was inspected. */
export function qualityPct(score: number, maxScore: number): number | null {
  return maxScore > 0 ? Math.round((score * 1000) / maxScore) / 10 : null;
}

/** The `n` months ending with `month` ("YYYY-MM"), oldest first. */
export function monthsEnding(month: string, n: number): string[] {
  const [y, m] = month.split("-").map(Number);
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
  });
}
