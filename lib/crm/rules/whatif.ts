import { COMPLAINT_CLASSES } from "@/db/schema/tickets";
import { bandOf, clampScore } from "../bands";
import { BANDS, type Band, type CrmRules } from "../config";
import { clampIntoRange } from "./complaints";

/**
 * The what-if preview of a draft rule set (§8.1 rules as data), pure: replays every
 * household's existing ledger entries under the draft's parameters. Entries whose points
 * come from a rule are re-pointed by rule + step under the draft — an arrears step by its
 * key, the gold badge by the draft's gold points, recovery by the draft's points per month —
 * and complaints keep the triager's points clamped into the draft's range. Corrections and
 * anything else keep their points.
 */
export interface LedgerFact {
  rule: string;
  step: string | null;
  points: number;
}

export type BandCounts = Record<Band, number>;

export const emptyCounts = (): BandCounts => Object.fromEntries(BANDS.map((b) => [b, 0])) as BandCounts;

/** The points an existing entry would carry under `rules`. */
export function repoint(e: LedgerFact, rules: CrmRules): number {
  switch (e.rule) {
    case "arrears": {
      const step = rules.arrears.steps.find((s) => s.key === e.step);
      return step ? step.points : e.points;
    }
    case "gold_badge":
      return rules.gold.points;
    case "recovery":
      return rules.recovery.enabled ? rules.recovery.pointsPerMonth : 0;
    case "complaint": {
      const c = COMPLAINT_CLASSES.find((k) => k === e.step);
      return c ? clampIntoRange(e.points, rules.complaints[c]) : e.points;
    }
    default:
      return e.points;
  }
}

/** Folds points from the initial score, clamping after each entry (the ledger's own rule). */
export function replay(initialScore: number, points: Iterable<number>): number {
  let s = clampScore(initialScore);
  for (const p of points) s = clampScore(s + p);
  return s;
}

/**
 * Accumulates households one at a time (so callers can stream them): the current score
 * (entries as written, current initial score) and the draft score, counted per band.
 */
export class WhatIf {
  readonly current = emptyCounts();
  readonly draft = emptyCounts();
  total = 0;
  moved = 0;

  constructor(
    private readonly currentRules: CrmRules,
    private readonly draftRules: CrmRules,
  ) {}

  add(entries: readonly LedgerFact[]) {
    const cur = bandOf(
      replay(
        this.currentRules.initialScore,
        entries.map((e) => e.points),
      ),
      this.currentRules.bandFloors,
    );
    const dr = bandOf(
      replay(
        this.draftRules.initialScore,
        entries.map((e) => repoint(e, this.draftRules)),
      ),
      this.draftRules.bandFloors,
    );
    this.current[cur]++;
    this.draft[dr]++;
    this.total++;
    if (cur !== dr) this.moved++;
  }

  result() {
    return { current: { ...this.current }, draft: { ...this.draft }, total: this.total, moved: this.moved };
  }
}

/** Convenience for tests and small sets. */
export function whatIfCounts(
  households: Iterable<readonly LedgerFact[]>,
  currentRules: CrmRules,
  draftRules: CrmRules,
) {
  const w = new WhatIf(currentRules, draftRules);
  for (const h of households) w.add(h);
  return w.result();
}
