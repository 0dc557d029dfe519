import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, id } from "./_helpers";
import { companies } from "./tenancy";

/**
 * The cron's lease (SPEC §10): one row per lease name. A run takes the lease when it is free
 * or expired, renews it between jobs and releases it at the end; a second run that finds it
 * held answers "busy" instead of running the jobs twice at once. The holder heartbeats every
 * few seconds (lib/jobs/lease.ts); a run that crashed stops heartbeating, and its lease is
 * taken over within a minute. Names: "daily" (GET /api/cron), "tick" (GET /api/cron/tick).
 */
export const cronLeases = sqliteTable("cron_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  acquiredAt: integer("acquired_at", { mode: "timestamp_ms" }).notNull(),
  /** The holder's last sign of life: it renews every few seconds; a lease without a heartbeat for 30 s is taken over. */
  heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }),
});

/**
 * One row per company, date and job that finished: its JSON summary. A re-run for the same
 * date skips date-bound jobs already done (and a run resumed after a crash continues with the
 * jobs not yet done). Every job is idempotent on its own as well; this is the fast path.
 */
export const cronJobRuns = sqliteTable(
  "cron_job_runs",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    asOf: text("as_of").notNull(),
    job: text("job").notNull(),
    summary: text("summary", { mode: "json" }).$type<Record<string, number>>().notNull(),
    durationMs: integer("duration_ms").notNull(),
    runs: integer("runs").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("cron_job_runs_uq").on(t.companyId, t.asOf, t.job), index("cron_job_runs_date_idx").on(t.asOf)],
);
