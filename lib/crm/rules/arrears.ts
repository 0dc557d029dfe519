import type { ArrearsStep, ArrearsTask, NoticeKind } from "@/lib/crm/config";
import type { AssigneeRole } from "@/lib/tickets/rules";

/**
 * The arrears ladder (SPEC §8.3) as a pure rule: a household's facts on one day in, the
 * episode change and the ladder firings out. No I/O; lib/crm/arrears.ts runs it for every
 * household of a company.
 *
 * - An episode runs from the first overdue bill until the household is back to 0 months in
 *   arrears; a later arrear starts a new episode.
 * - Each step fires at most once per episode; a step with `repeatEveryMonths` fires again
 *   every that many further months while below the next step (6 → 8, 10).
 * - Jumps: only the highest level that applies fires (first seen 7 months behind → m6 only;
 *   first seen at 13 → m13 only), and never a level at or below one already fired in the
 *   episode — a partial payment that lowers the months neither ends the episode nor re-fires.
 * - Pause: while the household disputes a notice or a bill, nothing fires (due process).
 */

export interface ArrearsFacts {
  /** Months in arrears today (§4). */
  months: number;
  /** The household's open episode, if any. */
  openEpisode: { id: number } | null;
  /** The firings already made in the open episode. */
  fired: readonly { stepKey: string; occurrence: number }[];
  /**
   * The household has an open dispute (SPEC §12 due process): no further step fires until staff
   * resolve it. The episode still starts and ends with the months; once the dispute is resolved
   * the next run fires the step then due, once (the jump rule: the highest level only).
   */
  paused?: boolean;
}

export interface ArrearsFiring {
  stepKey: string;
  /** The months in arrears this occurrence stands for (6, 8, 10 for the repeating step). */
  occurrence: number;
  points: number;
  notice: NoticeKind;
  recipients: AssigneeRole[];
  task: ArrearsTask | null;
  legal: boolean;
}

export interface ArrearsDecision {
  /** Open a new episode today (before the firings, which belong to it). */
  startEpisode: boolean;
  /** End the open episode today (the household is back to 0 months). */
  endEpisode: boolean;
  firings: ArrearsFiring[];
}

interface Level {
  step: ArrearsStep;
  occurrence: number;
}

/** Every (step, occurrence) level up to `upTo` months, in ladder order. */
export function ladderLevels(steps: readonly ArrearsStep[], upTo: number): Level[] {
  const sorted = [...steps].sort((a, b) => a.months - b.months);
  const out: Level[] = [];
  sorted.forEach((step, i) => {
    if (step.months > upTo) return;
    out.push({ step, occurrence: step.months });
    const every = step.repeatEveryMonths ?? 0;
    if (every <= 0) return;
    const nextStep = sorted[i + 1]?.months ?? Number.POSITIVE_INFINITY;
    for (let m = step.months + every; m < nextStep && m <= upTo; m += every) out.push({ step, occurrence: m });
  });
  return out.sort((a, b) => a.occurrence - b.occurrence);
}

const toFiring = (l: Level): ArrearsFiring => ({
  stepKey: l.step.key,
  occurrence: l.occurrence,
  points: l.step.points,
  notice: l.step.notice,
  recipients: [...l.step.recipients],
  task: l.step.task,
  legal: l.step.legal === true,
});

/** What the ladder does for one household on one day. */
export function evaluateArrears(steps: readonly ArrearsStep[], facts: ArrearsFacts): ArrearsDecision {
  const months = Math.max(0, Math.floor(facts.months));
  if (months === 0) return { startEpisode: false, endEpisode: facts.openEpisode != null, firings: [] };
  const startEpisode = facts.openEpisode == null;
  const fired = startEpisode ? [] : facts.fired;
  const levels = ladderLevels(steps, months);
  const highest = levels.at(-1);
  if (!highest || facts.paused) return { startEpisode, endEpisode: false, firings: [] };
  const firedKeys = new Set(fired.map((f) => `${f.stepKey}:${f.occurrence}`));
  // The highest level already reached in this episode (by its months).
  const reached = fired.reduce((m, f) => Math.max(m, f.occurrence), 0);
  const already = firedKeys.has(`${highest.step.key}:${highest.occurrence}`) || highest.occurrence <= reached;
  return { startEpisode, endEpisode: false, firings: already ? [] : [toFiring(highest)] };
}

/** The ledger's idempotency key of a firing (also the firing row's natural key). */
export const arrearsDedupeKey = (householdId: number, episodeId: number, stepKey: string, occurrence: number) =>
  `arrears:${householdId}:${episodeId}:${stepKey}:${occurrence}`;

/** Legal case statuses and the transitions staff may make (§8.3, legal dashboard). */
export const LEGAL_CASE_STATUSES = [
  "letter_sent",
  "negotiating",
  "lawsuit_material_ready",
  "filed",
  "settled",
  "closed",
] as const;
export type LegalCaseStatus = (typeof LEGAL_CASE_STATUSES)[number];

export const LEGAL_TRANSITIONS: Record<LegalCaseStatus, readonly LegalCaseStatus[]> = {
  letter_sent: ["negotiating", "lawsuit_material_ready", "settled", "closed"],
  negotiating: ["lawsuit_material_ready", "settled", "closed"],
  lawsuit_material_ready: ["negotiating", "filed", "settled", "closed"],
  filed: ["settled", "closed"],
  settled: [],
  closed: [],
};

export const canMoveLegalCase = (from: LegalCaseStatus, to: LegalCaseStatus) => LEGAL_TRANSITIONS[from].includes(to);
export const isLegalCaseOpen = (s: LegalCaseStatus) => LEGAL_TRANSITIONS[s].length > 0;

/** Notice number: 催-YYYY-NNNNNN, per company and year, gapless. */
export const noticeNumber = (year: number, seq: number) => `催-${year}-${String(seq).padStart(6, "0")}`;

const STORED_NUMBER = /^催-(\d{4}-\d{6})$/;

/** Whether a value is a notice number as stored (催-YYYY-NNNNNN). */
export const isNoticeNumber = (value: unknown): value is string =>
  typeof value === "string" && STORED_NUMBER.test(value);

/**
 * A stored notice number as shown in a language whose prefix is `prefix` (message
 * arrears.numberPrefix: 催 in Chinese, AN in English). Issued notices keep their stored number
 * (legal documents are not edited); only the display changes. Other values pass unchanged.
 */
export const localNoticeNumber = (value: string, prefix: string) => value.replace(STORED_NUMBER, `${prefix}-$1`);

/** Every stored notice number inside a text (e.g. "催-2026-000123 · name") with the language's prefix. */
export const localNoticeNumbers = (text: string, prefix: string) =>
  text.replace(/催-(\d{4}-\d{6})(?!\d)/g, `${prefix}-$1`);
