import { purgeExpiredCodes } from "@/lib/auth/phone-code";
import { purgeExpiredTickets } from "@/lib/auth/wechat";
import { expireCheckouts } from "@/lib/billing/checkout";
import { queryStaleCheckouts } from "@/lib/flows/stale-checkouts";
import type { Db } from "@/lib/db/client";
import { announceDueNotices } from "@/lib/portal/notices-publish";
import { deliverOutboxDue } from "@/lib/outbox/job";
import { escalateDue } from "@/lib/tickets/cron";
import { markFieldMisses } from "@/lib/field/tick";
import { recoverStaleLeases, withLease, type Busy } from "@/lib/jobs/lease";
import type { JobOutcome } from "./run";

export const TICK_LEASE = "tick";

/**
 * A clock-bound job of the minute tick (SPEC §10). It runs across every company: its first
 * step is ONE indexed "anything due?" query, so a tick with nothing due costs a few
 * milliseconds whatever the number of households (`npm run bench:tick`). `companyIds` limits
 * it to some companies (tests on a shared database). Idempotent and overlap-safe like the
 * daily jobs; writes in short transactions.
 */
export interface TickJob {
  name: string;
  run: (db: Db, now: Date, companyIds?: readonly number[]) => Promise<Record<string, number>>;
}

export const TICK_JOBS: readonly TickJob[] = [
  // The leases of runs that died (no heartbeat for 30 s): the next daily run starts at once.
  { name: "leases.recover", run: (db, now) => recoverStaleLeases(db, now) },
  // SLA escalation — also in the daily run (idempotent: levels only rise), see lib/cron/jobs.ts.
  { name: "tickets.escalate", run: escalateDue },
  { name: "portal.notices", run: announceDueNotices },
  // WeChat Pay / Alipay checkouts open a few minutes: asked at the provider (paid → recorded, closed → expired).
  { name: "billing.staleCheckouts", run: (db, now, companyIds) => queryStaleCheckouts(db, now, companyIds) },
  { name: "billing.checkoutExpiry", run: expireCheckouts },
  // Sign-in codes and WeChat sign-in tickets past their validity are deleted (PIPL minimisation).
  {
    name: "auth.purgeCodes",
    run: async (db, now) => ({
      purged: (await purgeExpiredCodes(db, now)).purged,
      tickets: (await purgeExpiredTickets(db, now)).purged,
    }),
  },
  // Cleaning tasks past their window and patrol rounds past their grace become missed.
  { name: "field.misses", run: markFieldMisses },
  // Last: sends what the jobs above queued, retries what is due again, recovers dead claims.
  { name: "outbox.deliver", run: deliverOutboxDue },
];

export type TickSummary =
  Busy | { status: "ok" | "failed"; startedAt: string; durationMs: number; jobs: Record<string, JobOutcome> };

export interface TickOptions {
  now?: Date;
  companyIds?: readonly number[];
  jobs?: readonly TickJob[];
  /** The lease to run under (default "tick"); tests use their own. */
  lease?: string;
}

/** Runs every tick job once, under the "tick" lease; a failing job is reported and the others still run. */
export async function runTick(db: Db, opts: TickOptions = {}): Promise<TickSummary> {
  const now = opts.now ?? new Date();
  const t0 = performance.now();
  const res = await withLease(db, opts.lease ?? TICK_LEASE, async (lease) => {
    const jobs: Record<string, JobOutcome> = {};
    for (const job of opts.jobs ?? TICK_JOBS) {
      if (lease.lost) break;
      const j0 = performance.now();
      try {
        const counts = await job.run(db, now, opts.companyIds);
        jobs[job.name] = { status: "done", ms: Math.round(performance.now() - j0), counts };
      } catch (e) {
        console.error(`[tick] ${job.name} failed:`, e);
        jobs[job.name] = {
          status: "failed",
          ms: Math.round(performance.now() - j0),
          error: e instanceof Error ? e.message : String(e),
        };
      }
    }
    return jobs;
  });
  if (res.status === "busy") return res;
  const failed = Object.values(res.value).some((o) => o.status === "failed");
  return {
    status: failed ? "failed" : "ok",
    startedAt: now.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    jobs: res.value,
  };
}
