import type { Db } from "./client";

/**
 * Rows sampled per index by ANALYZE on an embedded database. Enough for the planner to tell a
 * household index (a few dozen rows per key) from a company index (every row of the company);
 * bounded so an ANALYZE at 50,000 households stays short.
 */
export const ANALYSIS_LIMIT = 2000;

/** An import that created or changed at least this many rows refreshes the statistics after it. */
export const ANALYZE_AFTER_ROWS = 1000;

/**
 * Refreshes the query planner's statistics (sqlite_stat1) of an embedded database. Runs after
 * migrations, after seeding and after large jobs (bill run, import, the daily run).
 * A libSQL server (sqld) refuses ANALYZE and every PRAGMA but a few, so there it does nothing:
 * the indexes are shaped so the plans are right without statistics too (the plan test runs
 * in both modes). Returns whether statistics were refreshed.
 */
export async function analyzeDb(db: Db): Promise<boolean> {
  if (db.$client.protocol !== "file") return false;
  await db.$client.executeMultiple(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}; ANALYZE;`);
  return true;
}
