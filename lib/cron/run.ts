import { and, eq, inArray, sql } from "drizzle-orm";
import { companies, cronJobRuns } from "@/db/schema";

import { analyzeDb } from "@/lib/db/analyze";
import type { Db } from "@/lib/db/client";
import { purgeDueCompanies } from "@/lib/privacy/closure";
import { CRON_JOBS, type RegisteredJob } from "./jobs";
import { withLease, type Busy, type HeldLease } from "@/lib/jobs/lease";
import { instantOf, localDate } from "@/lib/time/zone";
import { yieldToLoop } from "@/lib/jobs/slice";

export const LEASE_NAME = "daily";

export type JobOutcome =
  | { status: "done"; ms: number; counts: Record<string, number> }
  | { status: "skipped" }
  | { status: "failed"; ms: number; error: string };

export interface CompanyRun {
  companyId: number;
  asOf: string;
  jobs: Record<string, JobOutcome>;
}

export type RunSummary =
  | Busy
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
  /** The lease to run under (default "daily"); tests and the demo seed use their own. */
  lease?: string;
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
  const res = await withLease(db, opts.lease ?? LEASE_NAME, async (lease) => {
    const runs: CompanyRun[] = [];
    // Tenant exit first (on the real clock, never a replayed date), so a purged company runs no jobs.
    let purgeFailed = false;
    const purged = await purgeDueCompanies(db, new Date()).catch((e: unknown) => {
      purgeFailed = true;
      console.error("[cron] tenant purge failed:", e);
      return [] as number[];
    });
    const failed = await runCompanies(db, opts, started, runs, lease);
    return { runs, failed: failed === "lost" ? failed : failed || purgeFailed, purged };
  });
  if (res.status === "busy") return res;
  // The run may have written a month of bills or a catch-up's worth of rows: fresh statistics.
  await analyzeDb(db);
  const { runs, failed, purged } = res.value;
  const status = failed === "lost" ? "lease_lost" : failed ? "failed" : "ok";
  return {
    status,
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    companies: runs,
    totals: totalsOf(runs),
    purged,
  };
}

/** The companies' jobs in order; "lost" when the lease was taken over (the run stops at once). */
async function runCompanies(
  db: Db,
  opts: RunOptions,
  started: Date,
  runs: CompanyRun[],
  lease: HeldLease,
): Promise<boolean | "lost"> {
  const jobs = opts.jobs ?? CRON_JOBS;
  let failed = false;
  const list = await db
    .select({ id: companies.id, timeZone: companies.timeZone })
    .from(companies)
    .where(and(eq(companies.active, true), opts.companyIds ? inArray(companies.id, [...opts.companyIds]) : undefined))
    .orderBy(companies.id);
  for (const c of list) {
    const asOf = opts.asOf ?? localDate(started, c.timeZone);
    const clock = clockFor(asOf, c.timeZone, started);
    const done = new Set(
      (
        await db
          .select({ job: cronJobRuns.job })
          .from(cronJobRuns)
          .where(and(eq(cronJobRuns.companyId, c.id), eq(cronJobRuns.asOf, asOf)))
      ).map((r) => r.job),
    );
    const run: CompanyRun = { companyId: c.id, asOf, jobs: {} };
    runs.push(run);
    for (const job of jobs) {
      const outcome =
        job.dateBound && done.has(job.name) && !opts.force
          ? ({ status: "skipped" } as const)
          : await runJob(db, job, c, asOf, clock);
      if (outcome.status === "failed") failed = true;
      run.jobs[job.name] = outcome;
      opts.onJob?.(c.id, job.name, outcome);
      if (lease.lost) return "lost";
      await yieldToLoop(); // requests waiting since the job's last stretch go first
    }
  }
  return failed;
}

async function runJob(
  db: Db,
  job: RegisteredJob,
  c: { id: number; timeZone: string },
  asOf: string,
  clock: Date,
): Promise<JobOutcome> {
  const j0 = performance.now();
  try {
    const counts = await job.run(db, c, asOf, clock);
    const ms = Math.round(performance.now() - j0);
    await db
      .insert(cronJobRuns)
      .values({ companyId: c.id, asOf, job: job.name, summary: counts, durationMs: ms })
      .onConflictDoUpdate({
        target: [cronJobRuns.companyId, cronJobRuns.asOf, cronJobRuns.job],
        set: { summary: counts, durationMs: ms, runs: sql`${cronJobRuns.runs} + 1` },
      });
    return { status: "done", ms, counts };
  } catch (e) {
    console.error(`[cron] ${job.name} failed for company ${c.id} on ${asOf}:`, e);
    return {
      status: "failed",
      ms: Math.round(performance.now() - j0),
      error: e instanceof Error ? e.message : String(e),
    };
  }
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
