/**
 * Assessment KPIs (SPEC §9), as pure functions on counts the queries (kpi-queries.ts) fetch.
 * A KPI with nothing to measure in the period is null ("no data"), never 0.
 *
 * The grade (documented in the README): each KPI that has data is turned into a 0–100
 * sub-score — for butlers the households' mean sentiment score, visit coverage %, collection
 * rate % and complaint SLA met %; for technicians SLA met % and the mean rating mapped
 * 1→0 … 5→100 (orders completed is shown but has no target, so it is not scored); for both the
 * quality-inspection score % of their team where they work (kpi-inspections.ts). The KPI
 * score is the mean of the sub-scores that have data. The overall score is
 * round(50% manager's score + 50% KPI score), or the manager's score alone when no KPI has
 * data. Grade: A ≥ 90, B ≥ 75, C ≥ 60, else D. The manager may instead choose the grade.
 */

export const ASSESSED_ROLES = ["butler", "technician"] as const;
export type AssessedRole = (typeof ASSESSED_ROLES)[number];
export type Grade = "A" | "B" | "C" | "D";

export interface ButlerKpis {
  households: number | null;
  sentimentMean: number | null;
  visitCoveragePct: number | null;
  collectionPct: number | null;
  complaintSlaPct: number | null;
  /** Quality-inspection score % of the person's team where they work (kpi-inspections.ts); optional for older snapshots. */
  inspectionPct?: number | null;
}

export interface TechnicianKpis {
  ordersCompleted: number | null;
  slaPct: number | null;
  ratingMean: number | null;
  inspectionPct?: number | null;
}

export type Kpis = ButlerKpis | TechnicianKpis;

export const BUTLER_KPIS = [
  "sentimentMean",
  "visitCoveragePct",
  "collectionPct",
  "complaintSlaPct",
  "inspectionPct",
] as const;
export const TECHNICIAN_KPIS = ["ordersCompleted", "slaPct", "ratingMean", "inspectionPct"] as const;

const round1 = (v: number) => Math.round(v * 10) / 10;

/** part / whole as a percentage with one decimal; null when there is nothing to divide by. */
export function pct(part: number, whole: number): number | null {
  return whole > 0 ? round1((part * 100) / whole) : null;
}

/** Mean sentiment of `households`, of which `scored` have a score summing to `scoreSum`; the rest count at `initial`. */
export function meanSentiment(households: number, scored: number, scoreSum: number, initial: number): number | null {
  if (households <= 0) return null;
  return round1((scoreSum + Math.max(0, households - scored) * initial) / households);
}

/** Collected ÷ billed (fen) as a percentage, truncated to 0.01 % like the billing report, shown with one decimal. */
export function collectionPct(collectedFen: number, billedFen: number): number | null {
  if (billedFen <= 0) return null;
  return round1(Math.floor((collectedFen * 10000) / billedFen) / 100);
}

export function mean(sum: number, n: number): number | null {
  return n > 0 ? round1(sum / n) : null;
}

export interface ButlerCounts {
  households: number;
  scored: number;
  scoreSum: number;
  visited: number;
  billedFen: number;
  collectedFen: number;
  complaintsWithSla: number;
  complaintsMet: number;
}

export function butlerKpis(c: ButlerCounts, initialScore: number): ButlerKpis {
  return {
    households: c.households > 0 ? c.households : null,
    sentimentMean: meanSentiment(c.households, c.scored, c.scoreSum, initialScore),
    visitCoveragePct: pct(c.visited, c.households),
    collectionPct: collectionPct(c.collectedFen, c.billedFen),
    complaintSlaPct: pct(c.complaintsMet, c.complaintsWithSla),
  };
}

export interface TechnicianCounts {
  assigned: number;
  completed: number;
  withSla: number;
  met: number;
  rated: number;
  ratingSum: number;
}

export function technicianKpis(c: TechnicianCounts): TechnicianKpis {
  return {
    ordersCompleted: c.completed > 0 || c.assigned > 0 ? c.completed : null,
    slaPct: pct(c.met, c.withSla),
    ratingMean: mean(c.ratingSum, c.rated),
  };
}

/** The 0–100 sub-scores of the KPIs that have data. */
export function subScores(role: AssessedRole, k: Record<string, number | null>): number[] {
  const out: number[] = [];
  const push = (v: number | null | undefined) => {
    if (v != null) out.push(Math.min(100, Math.max(0, v)));
  };
  if (role === "butler") for (const key of BUTLER_KPIS) push(k[key]);
  else {
    push(k.slaPct);
    push(k.ratingMean == null ? null : ((k.ratingMean - 1) / 4) * 100);
    push(k.inspectionPct);
  }
  return out;
}

/** The overall score 0–100 (see the module comment). */
export function overallScore(role: AssessedRole, kpis: Record<string, number | null>, managerScore: number): number {
  const subs = subScores(role, kpis);
  if (subs.length === 0) return Math.round(managerScore);
  const kpiScore = subs.reduce((a, b) => a + b, 0) / subs.length;
  return Math.round(0.5 * managerScore + 0.5 * kpiScore);
}

export function gradeOf(overall: number): Grade {
  if (overall >= 90) return "A";
  if (overall >= 75) return "B";
  if (overall >= 60) return "C";
  return "D";
}

/** The formula's grade unless the manager chose one. */
export function finalGrade(overall: number, override: Grade | null | undefined): Grade {
  return override ?? gradeOf(overall);
}

/** "2026-10" (a month) or "2026Q4" (a quarter) → its months and local date range [from, to). */
export function parsePeriod(
  period: string,
): { kind: "month" | "quarter"; months: string[]; from: string; to: string } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m && !q) return null;
  const year = Number((m ?? q)![1]);
  const first = m ? Number(m[2]) : (Number(q![2]) - 1) * 3 + 1;
  const count = m ? 1 : 3;
  const ym = (y: number, mo: number) =>
    `${y + Math.floor((mo - 1) / 12)}-${String(((mo - 1) % 12) + 1).padStart(2, "0")}`;
  const months = Array.from({ length: count }, (_, i) => ym(year, first + i));
  return { kind: m ? "month" : "quarter", months, from: `${months[0]}-01`, to: `${ym(year, first + count)}-01` };
}

export function isAssessmentPeriod(v: string): boolean {
  return parsePeriod(v) !== null;
}

/** Training hours in tenths, per person, of the completed enrolments of courses dated in `year`. */
export function trainingHoursByPerson(
  rows: readonly { userId: number; date: string; hoursTenths: number; completed: boolean }[],
  year: number,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows)
    if (r.completed && r.date.startsWith(`${year}-`)) out.set(r.userId, (out.get(r.userId) ?? 0) + r.hoursTenths);
  return out;
}

/** Competition ranking (1, 2, 2, 4) by overall score, highest first, within each group. */
export function rankWithin<T extends { overall: number }>(
  rows: readonly T[],
  groupOf: (r: T) => string,
): (T & { rank: number })[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
  const out: (T & { rank: number })[] = [];
  for (const g of groups.values()) {
    const sorted = [...g].sort((a, b) => b.overall - a.overall);
    sorted.forEach((r, i) =>
      out.push({ ...r, rank: i > 0 && sorted[i - 1].overall === r.overall ? out[out.length - 1].rank : i + 1 }),
    );
  }
  return out;
}
