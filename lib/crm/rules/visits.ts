/**
 * Visit sampling and survey calendar rules (SPEC §8.5). Pure functions, no I/O.
 *
 * Each quarter at least 90 % of each butler's households get a visit: on the first day of
 * each month the households not yet sampled this quarter are sampled at random so that the
 * cumulative sampled share reaches coveragePercent[month-1] (30/60/90 by default), rounded up.
 * Random but reproducible: the seed is (company, butler, month YYYY-MM); the candidates are
 * sorted by id and shuffled with Fisher–Yates driven by mulberry32.
 */
import { monthIndexInQuarter, quarterOf } from "@/lib/time/quarters";

/** The households a cumulative coverage target asks for: ⌈percent × households⌉, never more than all. */
export function coverageTarget(households: number, percent: number): number {
  if (households <= 0 || percent <= 0) return 0;
  // Integer arithmetic so 30 % of 10 is exactly 3 (no floating-point ceil surprises).
  return Math.min(households, Math.ceil((households * Math.round(percent * 100)) / 10_000));
}

/** A 32-bit string hash (cyrb53's low half mixing; stable across platforms). */
export function hashString(s: string): number {
  let h1 = 0xdeadbeef ^ 0;
  let h2 = 0x41c6ce57 ^ 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** mulberry32: a tiny, well-known 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed string of a butler's sampling for a month. */
export const samplingSeed = (companyId: number, butlerUserId: number, month: string) =>
  `visits:${companyId}:${butlerUserId}:${month}`;

/** Fisher–Yates shuffle of a copy, driven by `random`. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface SamplingInput {
  companyId: number;
  butlerUserId: number;
  /** The month being sampled, YYYY-MM (its position in the quarter picks the target). */
  month: string;
  /** The butler's current household ids. */
  householdIds: readonly number[];
  /** Households already sampled this quarter (any butler, any month). */
  sampledIds: ReadonlySet<number> | readonly number[];
  /** Cumulative targets after months 1, 2, 3 of the quarter, in percent. */
  coveragePercent: readonly [number, number, number];
}

/**
 * The households to sample now so that the butler's cumulative sampled coverage this quarter
 * reaches the month's target. Households already sampled are never picked again; when the
 * target is already met (or there are no households) nothing is picked. Sorted by id.
 */
export function sampleHouseholds(input: SamplingInput): number[] {
  const sampled = input.sampledIds instanceof Set ? input.sampledIds : new Set(input.sampledIds as readonly number[]);
  const ids = [...new Set(input.householdIds)].sort((a, b) => a - b);
  const target = coverageTarget(ids.length, input.coveragePercent[monthIndexInQuarter(input.month) - 1]);
  const candidates = ids.filter((id) => !sampled.has(id));
  const already = ids.length - candidates.length;
  const need = Math.max(0, target - already);
  if (need === 0) return [];
  const random = mulberry32(hashString(samplingSeed(input.companyId, input.butlerUserId, input.month)));
  return shuffle(candidates, random)
    .slice(0, need)
    .sort((a, b) => a - b);
}

/** Coverage in percent with one decimal (visited / households); 0 when there are no households. */
export function coveragePercentOf(visited: number, households: number): number {
  return households > 0 ? Math.round((visited / households) * 1000) / 10 : 0;
}

// ── surveys ──────────────────────────────────────────────────────────────────

export const SURVEY_AREAS = ["butler", "cleaning", "security", "maintenance"] as const;
export type SurveyArea = (typeof SURVEY_AREAS)[number];
/** A score at or below this is a low score that goes into the butler's digest. */
export const LOW_SCORE = 2;

/** The survey of a quarter is sent during the quarter's first month (the 1st, or a catch-up run later that month). */
export function surveySendWindow(asOf: string): { quarter: string; send: boolean } {
  return { quarter: quarterOf(asOf), send: monthIndexInQuarter(asOf) === 1 };
}

/** Mean with two decimals, or null when there is nothing to average. */
export function mean(sum: number, n: number): number | null {
  return n > 0 ? Math.round((sum / n) * 100) / 100 : null;
}
