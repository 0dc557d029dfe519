import type { RiskRow } from "./risk-lists";

/** Each butler's list on the dashboard: the first ten households. */
export const RISK_PER_BUTLER = 10;
/**
 * Beyond this many butlers in view, each list shows its first RISK_PER_BUTLER_MANY, and only the
 * MANY_BUTLERS butlers whose lists are worst are shown unless every butler is asked for: 105 lists
 * of 10 are unreadable, and even 105 lists of 3 made an 830 KB page for an admin to scroll.
 */
export const MANY_BUTLERS = 12;
export const RISK_PER_BUTLER_MANY = 3;

/** Butlers whose worst household is worse come first: lowest score, then most months in arrears. */
const worseFirst = (a: RiskRow, b: RiskRow) =>
  a.score - b.score || b.monthsInArrears - a.monthsInArrears || a.butlerName.localeCompare(b.butlerName);

export interface RiskPick {
  /** The rows to show, grouped by butler (ranked within each). */
  rows: RiskRow[];
  perButler: number;
  /** More butlers than MANY_BUTLERS (and not one butler's page). */
  many: boolean;
  /** How many butlers the lists cover, and how many are shown (fewer when only the worst are). */
  butlers: number;
  shownButlers: number;
}

/**
 * Which of `ranked` (butlerRiskLists: each butler's households ranked, the butlers by name) the
 * dashboard shows. One butler's page: their whole list. Few butlers: each one's first ten, by name.
 * Many: each one's first three — of every butler when `allButlers`, else of the MANY_BUTLERS whose
 * worst household is worst, those butlers worst first.
 */
export function pickRiskLists(
  ranked: readonly RiskRow[],
  { onlyButler, allButlers = false }: { onlyButler?: number; allButlers?: boolean },
): RiskPick {
  const butlers = new Set(ranked.map((r) => r.butlerUserId)).size;
  const many = !onlyButler && butlers > MANY_BUTLERS;
  if (!many) {
    const perButler = onlyButler ? ranked.length : RISK_PER_BUTLER;
    return { rows: [...ranked], perButler, many, butlers, shownButlers: butlers };
  }
  // Each butler's first row is their worst household.
  const firsts = ranked.filter((r, i) => i === 0 || ranked[i - 1].butlerUserId !== r.butlerUserId);
  const order = new Map(
    (allButlers ? firsts : [...firsts].sort(worseFirst).slice(0, MANY_BUTLERS)).map((r, i) => [r.butlerUserId, i]),
  );
  const taken = new Map<number, number>();
  const rows = ranked.filter((r) => {
    if (!order.has(r.butlerUserId)) return false;
    const n = (taken.get(r.butlerUserId) ?? 0) + 1;
    taken.set(r.butlerUserId, n);
    return n <= RISK_PER_BUTLER_MANY;
  });
  rows.sort((a, b) => order.get(a.butlerUserId)! - order.get(b.butlerUserId)!); // stable: each list keeps its ranks
  return { rows, perButler: RISK_PER_BUTLER_MANY, many, butlers, shownButlers: order.size };
}
