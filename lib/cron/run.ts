import { randomUUID } from "node:crypto";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { companies, cronJobRuns, cronLeases } from "@/db/schema";
import { localDate } from "@/lib/billing/rules";
import type { Db } from "@/lib/db/client";
import { instantOf } from "@/lib/hr/rules";
import { purgeDueCompanies } from "@/lib/privacy/closure";
import { CRON_JOBS, type RegisteredJob } from "./jobs";

export const LEASE_NAME = "daily";
const LEASE_MS = 15 * 60_000;

export type JobOutcome = { status: "done"; ms: number; counts: Record<string, number> } | { status: "skipped" } | { status: "failed"; ms: number; error: string };

export interface CompanyRun {
  companyId: number;
  asOf: string;
  jobs: Record<string, JobOutcome>;
}

export type RunSummary =
  | { status: "busy"; heldBy: string; until: string }
  | {
      status: "ok" | "failed" | "lease_lost";
      startedAt: string;
      durationMs: number;
      companies: CompanyRun[];
      totals: Record<string, Record<string, number>>;
      /** Companies whose tenant-exit grace period ended and whose data this run deleted. */
      purged: number[];
    };

export interface RunOptions {
  /** Company-local date to run for (YYYY-MM-DD); default: each company's own today. */
  asOf?: string;
  /** The clock; default: now. For a past/future asOf the jobs' clock is 06:00 that day, company time. */
  now?: Date;
  companyIds?: readonly number[];
  /** Re-run date-bound jobs already recorded as done (they are idempotent, so this only costs time). */
  force?: boolean;
  jobs?: readonly RegisteredJob[];
  /** Called after each job (CLI progress). */
  onJob?: (companyId: number, job: string, outcome: JobOutcome) => void;
}

/** Takes the lease if it is free or expired. */
export async function acquireLease(db: Db, holder: string, now: Date, ms = LEASE_MS): Promise<boolean> {
  const res = await db
    .insert(cronLeases)
    .values({ name: LEASE_NAME, holder, expiresAt: new Date(now.getTime() + ms), acquiredAt: now })
    .onConflictDoUpdate({
      target: cronLeases.name,
      set: { holder, expiresAt: new Date(now.getTime() + ms), acquiredAt: now },
      setWhere: lt(cronLeases.expiresAt, now),
    });
  return res.rowsAffected === 1;
}

async function renewLease(db: Db, holder: string, ms = LEASE_MS): Promise<boolean> {
  const res = await db
    .update(cronLeases)
    .set({ expiresAt: new Date(Date.now() + ms) })
    .where(and(eq(cronLeases.name, LEASE_NAME), eq(cronLeases.holder, holder)));
  return res.rowsAffected === 1;
}

async function releaseLease(db: Db, holder: string) {
  await db.delete(cronLeases).where(and(eq(cronLeases.name, LEASE_NAME), eq(cronLeases.holder, holder)));
}

/** The jobs' clock for a company and date: the real clock on the company's today, else 06:00 local. */
export function clockFor(asOf: string, timeZone: string, now: Date): Date {
  return localDate(now, timeZone) === asOf ? now : instantOf(asOf, 6 * 60, timeZone);
}

/**
 * Runs every daily job (SPEC §10) for every active company, under the lease. Jobs of one
 * company run in order; a failing job is reported and the rest still run. Safe to call
 * again for the same date (nothing changes) and while another run holds the lease (answers busy).
 */
export async function runDaily(db: Db, opts: RunOptions = {}): Promise<RunSummary> {
  const started = opts.now ?? new Date();
  const t0 = performance.now();
  const holder = randomUUID();
  if (!(await acquireLease(db, holder, new Date()))) {
    const [l] = await db.select().from(cronLeases).where(eq(cronLeases.name, LEASE_NAME));
    return { status: "busy", heldBy: l?.holder ?? "?", until: l?.expiresAt.toISOString() ?? "" };
  }
  const jobs = opts.jobs ?? CRON_JOBS;
  const runs: CompanyRun[] = [];
  let failed = false;
  let lost = false;
  let purged: number[] = [];
  try {
    // Tenant exit first (on the real clock, never a replayed date), so a purged company runs no jobs.
    purged = await purgeDueCompanies(db, new Date()).catch((e) => {
      failed = true;
      console.error("[cron] tenant purge failed:", e);
      return [];
    });
    const list = await db
      .select({ id: companies.id, timeZone: companies.timeZone })
      .from(companies)
      .where(and(eq(companies.active, true), opts.companyIds ? inArray(companies.id, [...opts.companyIds]) : undefined))
      .orderBy(companies.id);
    outer: for (const c of list) {
      const asOf = opts.asOf ?? localDate(started, c.timeZone);
      const clock = clockFor(asOf, c.timeZone, started);
      const done = new Set(
        (await db.select({ job: cronJobRuns.job }).from(cronJobRuns).where(and(eq(cronJobRuns.companyId, c.id), eq(cronJobRuns.asOf, asOf)))).map((r) => r.job),
      );
      const run: CompanyRun = { companyId: c.id, asOf, jobs: {} };
      runs.push(run);
      for (const job of jobs) {
        let outcome: JobOutcome;
        if (job.dateBound && done.has(job.name) && !opts.force) outcome = { status: "skipped" };
        else {
          const j0 = performance.now();
          try {
            const counts = await job.run(db, c, asOf, clock);
            const ms = Math.round(performance.now() - j0);
            outcome = { status: "done", ms, counts };
            await db
              .insert(cronJobRuns)
              .values({ companyId: c.id, asOf, job: job.name, summary: counts, durationMs: ms })
              .onConflictDoUpdate({
                target: [cronJobRuns.companyId, cronJobRuns.asOf, cronJobRuns.job],
                set: { summary: counts, durationMs: ms, runs: sql`${cronJobRuns.runs} + 1` },
              });
          } catch (e) {
            failed = true;
            outcome = { status: "failed", ms: Math.round(performance.now() - j0), error: e instanceof Error ? e.message : String(e) };
            console.error(`[cron] ${job.name} failed for company ${c.id} on ${asOf}:`, e);
          }
        }
        run.jobs[job.name] = outcome;
        opts.onJob?.(c.id, job.name, outcome);
        if (!(await renewLease(db, holder))) {
          lost = true;
          break outer;
        }
      }
    }
  } finally {
    await releaseLease(db, holder);
  }
  return { status: lost ? "lease_lost" : failed ? "failed" : "ok", startedAt: started.toISOString(), durationMs: Math.round(performance.now() - t0), companies: runs, totals: totalsOf(runs), purged };
}

/** Sums each job's counts over all companies. */
export function totalsOf(runs: readonly CompanyRun[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of runs)
    for (const [name, o] of Object.entries(r.jobs)) {
      const t = (out[name] ??= { done: 0, skipped: 0, failed: 0 });
      t[o.status]++;
      if (o.status === "done") for (const [k, v] of Object.entries(o.counts)) t[k] = (t[k] ?? 0) + v;
    }
  return out;
}
