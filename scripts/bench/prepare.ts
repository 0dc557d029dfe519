/**
 * The bench database: the demo company (with its derived CRM history) and the 50,000-household
 * benchmark company with 24 months of bills and payments — seeded by `npm run db:seed`, then
 * the big company's CRM history derived the way the seed derives the demo's (seedDemoCrm:
 * the 24 months replayed through the daily cron's jobs). Every step is idempotent, so a
 * half-built database is completed, a finished one reused (`--db <path>`).
 *
 * At 50,000 households the replay itself takes about 20 minutes on a loaded 2-core machine, and
 * the seed's last steps (a butler records each of the quarter's ~25,000 sampled visits, one
 * command at a time) about as long again: a database whose replay has run every day is reused
 * as it is, with whatever part of those visits was recorded when it was interrupted.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { and, countDistinct, eq } from "drizzle-orm";
import { companies, cronJobRuns } from "../../db/schema";
import { seedDemoCrm, replayDates } from "../seed/crm";
import { BENCH_COMPANY_NAME, DEMO_COMPANY_NAME } from "../seed/demo-logins";
import { analyzeDb } from "../../lib/db/analyze";
import { openDb } from "../../lib/db/client";

export interface BenchDb {
  url: string;
  demoId: number;
  bigId?: number;
}

async function companyId(url: string, name: string): Promise<number | undefined> {
  const handle = openDb(url);
  try {
    const [row] = await handle.db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.name, name)))
      .limit(1);
    return row?.id;
  } finally {
    handle.client.close();
  }
}

function seed(url: string, args: string[], log: (line: string) => void) {
  const t = Date.now();
  execFileSync("npm", ["run", "--silent", "db:seed", "--", ...args], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  log(`  db:seed ${args.join(" ")}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

/** Whether the company's history was replayed through the cron (one run per replayed day at least). */
async function replayed(url: string, companyId: number): Promise<boolean> {
  const handle = openDb(url);
  try {
    const [row] = await handle.db
      .select({ days: countDistinct(cronJobRuns.asOf) })
      .from(cronJobRuns)
      .where(and(eq(cronJobRuns.companyId, companyId), eq(cronJobRuns.job, "crm.arrears")));
    const today = new Date().toISOString().slice(0, 10);
    return (row?.days ?? 0) >= replayDates(today, 15).length - 2;
  } finally {
    handle.client.close();
  }
}

/** Seeds (or completes) the bench database at `url`; `households` 0 leaves the big company out. */
export async function prepareBenchDb(url: string, households: number, log: (line: string) => void): Promise<BenchDb> {
  seed(url, [], log);
  if (households > 0) seed(url, ["--households", String(households)], log);
  const demoId = await companyId(url, DEMO_COMPANY_NAME);
  if (!demoId) throw new Error("the demo company was not seeded");
  const bigId = households > 0 ? await companyId(url, BENCH_COMPANY_NAME) : undefined;
  const handle = openDb(url);
  try {
    if (bigId && !(await replayed(url, bigId))) {
      const t = Date.now();
      const res = await seedDemoCrm(handle.db, bigId, { log: (line) => log(`    ${line}`) });
      if (res.status !== "exists") log(`  CRM history of the big company: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    await analyzeDb(handle.db);
  } finally {
    handle.client.close();
  }
  return { url, demoId, bigId };
}

/** A copy of a bench database (with its WAL) for a run to write to. */
export function copyDb(from: string, to: string) {
  for (const ext of ["", "-wal"]) {
    fs.rmSync(to + ext, { force: true });
    if (fs.existsSync(from + ext)) fs.copyFileSync(from + ext, to + ext);
  }
  fs.rmSync(`${to}-shm`, { force: true });
}
