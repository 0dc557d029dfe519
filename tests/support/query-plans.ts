import type { Client, InValue } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "@/db/schema";
import type { Db } from "@/lib/db/client";

/** One statement a query function sent, with its bound values. */
export interface CapturedQuery {
  label: string;
  sql: string;
  params: unknown[];
}

/**
 * A drizzle handle on the same client that records every statement the real query functions
 * send (drizzle's logger), so a plan test checks the SQL the app runs, not a hand-copied one.
 */
export function capturingDb(client: Client) {
  const captured: CapturedQuery[] = [];
  let label = "";
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => captured.push({ label, sql, params }) },
  }) as Db;
  return {
    db,
    captured,
    /** Runs `fn` and tags the statements it sent with `name`. */
    async run<T>(name: string, fn: (db: Db) => Promise<T>): Promise<T> {
      label = name;
      try {
        return await fn(db);
      } finally {
        label = "";
      }
    },
  };
}

/** The tables no hot query may read in full: they grow with households × months. */
export const GUARDED_TABLES = ["bills", "payments", "allocations", "sentiment_entries", "work_orders"] as const;

const toArg = (v: unknown): InValue =>
  v instanceof Date ? v.getTime() : typeof v === "boolean" ? (v ? 1 : 0) : (v as InValue);

/** `EXPLAIN QUERY PLAN` lines of one captured statement. */
export async function queryPlan(client: Client, q: CapturedQuery): Promise<string[]> {
  const res = await client.execute({ sql: `EXPLAIN QUERY PLAN ${q.sql}`, args: q.params.map(toArg) });
  return res.rows.map((r) => String(r.detail));
}

/**
 * The plan lines that read a guarded table by the company alone (`SEARCH bills USING INDEX
 * bills_company_period_idx (company_id=?)`): for one household's page that is every bill of
 * the company, a full scan in all but name.
 */
export function companyWideSearches(plan: readonly string[]): string[] {
  const search = new RegExp(`^SEARCH (${GUARDED_TABLES.join("|")})\\b.*INDEX \\S+ \\(company_id=\\?`);
  return plan.filter((line) => search.test(line) && !line.includes("household_id"));
}

/**
 * The correlated subqueries of a list's statement that run for every candidate row, not only for
 * the page's (SQLite computes a row's columns before it sorts): every `CORRELATED … SUBQUERY` line
 * before the statement scans its picked page (`SCAN <page>`), or all of them without one.
 */
export function perCandidateSubqueries(plan: readonly string[], page: string): string[] {
  const at = plan.findIndex((line) => line.startsWith(`SCAN ${page}`));
  return plan.slice(0, at < 0 ? plan.length : at).filter((line) => line.startsWith("CORRELATED"));
}

/** Drops the planner's statistics of an embedded database (as on a libSQL server, which refuses ANALYZE). */
export async function dropStatistics(client: Client): Promise<void> {
  const has = await client.execute("select 1 from sqlite_schema where name = 'sqlite_stat1'");
  if (has.rows.length) await client.executeMultiple("DELETE FROM sqlite_stat1; ANALYZE sqlite_schema;");
}

/**
 * The plan lines that read a guarded table in full: `SCAN <table>` (optionally `AS alias`),
 * with no index or with a whole-index walk. Searches (`SEARCH … USING INDEX`) pass.
 */
export function fullScans(plan: readonly string[]): string[] {
  const guarded = new RegExp(`^SCAN (${GUARDED_TABLES.join("|")})\\b`);
  return plan.filter((line) => guarded.test(line));
}
