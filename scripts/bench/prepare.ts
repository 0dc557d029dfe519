/**
 * The bench database: the demo company (with its derived CRM history) and the 50,000-household
 * benchmark company with 24 months of bills and payments — seeded by `npm run db:seed`, then
 * the big company's CRM history derived the way the seed derives the demo's (seedDemoCrm:
 * the 24 months replayed through the daily cron's jobs). Every step is idempotent, so a
 * half-built database is completed, a finished one reused (`--db <path>`).
 */
import { execFileSync } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { companies } from "../../db/schema";
import { seedDemoCrm } from "../../db/seed/crm";
import { BENCH_COMPANY_NAME, DEMO_COMPANY_NAME } from "../../db/seed/demo-logins";
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

/** Seeds (or completes) the bench database at `url`; `households` 0 leaves the big company out. */
export async function prepareBenchDb(url: string, households: number, log: (line: string) => void): Promise<BenchDb> {
  seed(url, [], log);
  if (households > 0) seed(url, ["--households", String(households)], log);
  const demoId = await companyId(url, DEMO_COMPANY_NAME);
  if (!demoId) throw new Error("the demo company was not seeded");
  const bigId = households > 0 ? await companyId(url, BENCH_COMPANY_NAME) : undefined;
  if (bigId) {
    const handle = openDb(url);
    try {
      const t = Date.now();
      const res = await seedDemoCrm(handle.db, bigId, { log: (line) => log(`    ${line}`) });
      if (res.status !== "exists") log(`  CRM history of the big company: ${((Date.now() - t) / 1000).toFixed(0)} s`);
      await analyzeDb(handle.db);
    } finally {
      handle.client.close();
    }
  }
  return { url, demoId, bigId };
}
