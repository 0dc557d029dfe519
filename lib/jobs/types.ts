import type { Db } from "@/lib/db/client";

/** One company as a cron job sees it. */
export interface CronCompany {
  id: number;
  timeZone: string;
}

/**
 * A daily job (SPEC §10). `asOf` is the company-local calendar date YYYY-MM-DD the run is for;
 * `now` is the instant used for created/updated timestamps. A job must be idempotent (a second
 * run for the same asOf writes nothing) and safe when two runs overlap (unique keys +
 * onConflictDoNothing, or conditional updates), and do its writes in transactions so a crash
 * leaves nothing half-written. It returns counts for the JSON summary.
 */
export type CronJob = (db: Db, company: CronCompany, asOf: string, now: Date) => Promise<Record<string, number>>;
