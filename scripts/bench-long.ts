/**
 * npm run bench:long — long work a person starts from a page (issue 16 point 7), before and after.
 *
 * On the benchmark company (a database seeded with `npm run db:seed -- --households N`; pass it
 * with --db, or the script seeds a temp one), for each piece of long work it prints the time to
 * the first byte the person sees, the total time, and the event loop's longest delay meanwhile:
 *   - the CRM what-if: before, computed inside the page render with no yields (first byte = the
 *     whole run); after, a background job that yields every slice (first byte = starting it);
 *   - a building's batch statements (the largest building): before, six queries per household;
 *     after, four set-based queries per chunk of 25, streamed chunk by chunk;
 *   - CSV exports (aging by butler, the day with most payments): before, one string of the whole
 *     file; after, a stream whose BOM goes out at once and rows follow in keyset pages.
 * Target (after): event-loop max delay ≤ 50 ms.
 *
 *   npm run bench:long -- --db /tmp/bench.db        reuse a seeded database
 *   npm run bench:long -- --households 20000        seed a temp database of that size first
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { and, desc, eq, sql } from "drizzle-orm";
import { companies, payments } from "../db/schema";
import { buildingStatementHouseholds } from "../lib/billing/queries/bills";
import { householdAccount } from "../lib/billing/queries/household-account";
import { statementAccounts } from "../lib/billing/queries/statements";
import { reportCsvChunks, reportRows, type ReportName } from "../lib/billing/reports";
import { DEFAULT_CRM_RULES } from "../lib/crm/config";
import { whatIfPreview, startWhatIf, whatIfKey } from "../lib/crm/rulesets/whatif-run";
import { csvStream, toCsv } from "../lib/csv";
import { openDb, type Db } from "../lib/db/client";
import { settled } from "../lib/jobs/progress";
import { localDate } from "../lib/time/zone";
import { BENCH_COMPANY_NAME } from "./seed/demo-logins";

const { values } = parseArgs({ options: { db: { type: "string" }, households: { type: "string", default: "20000" } } });
const TARGET_MS = 50;

interface Figure {
  name: string;
  firstByteMs: number;
  totalMs: number;
  maxDelayMs: number;
}

/** Runs `fn` (which calls `first()` when the person would see the first byte) under a loop-delay monitor. */
async function measure(name: string, fn: (first: () => void) => Promise<unknown>): Promise<Figure> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  let firstAt: number | null = null;
  await fn(() => (firstAt ??= performance.now()));
  const end = performance.now();
  h.disable();
  return { name, firstByteMs: (firstAt ?? end) - t0, totalMs: end - t0, maxDelayMs: h.max / 1e6 };
}

function seededUrl(): string {
  if (values.db) return `file:${path.resolve(values.db)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-bench-long-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  console.log(`seeding ${values.households} households into ${url} …`);
  execFileSync("npx", ["tsx", "scripts/seed.ts", "--households", values.households], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "inherit",
  });
  return url;
}

async function whatIf(db: Db, companyId: number): Promise<Figure[]> {
  const draft = { ...structuredClone(DEFAULT_CRM_RULES), initialScore: 92 };
  return [
    await measure("what-if        before", async (first) => {
      await whatIfPreview(db, companyId, draft, undefined, async () => {});
      first();
    }),
    await measure("what-if        after ", async (first) => {
      startWhatIf(db, companyId, draft);
      first();
      await settled(whatIfKey(companyId));
    }),
  ];
}

async function statements(db: Db, companyId: number, today: string): Promise<Figure[]> {
  const [top] = await db.all<{ id: number; n: number }>(sql`
    select u.building_id as id, count(*) as n from household_units hu join units u on u.id = hu.unit_id
     where hu.company_id = ${companyId} and hu.to_date is null group by 1 order by 2 desc limit 1`);
  const list = await buildingStatementHouseholds(db, companyId, top.id);
  console.log(`  (building ${top.id}: ${list.length} households)`);
  return [
    await measure("statements     before", async (first) => {
      for (const h of list) await householdAccount(db, companyId, h.id, today);
      first();
    }),
    await measure("statements     after ", async (first) => {
      for (let i = 0; i < list.length; i += 25) {
        await statementAccounts(
          db,
          companyId,
          list.slice(i, i + 25).map((h) => h.id),
          today,
        );
        first();
      }
    }),
  ];
}

async function csv(db: Db, companyId: number, name: ReportName, date: string, today: string): Promise<Figure[]> {
  const p = { today, grouping: "butler" as const, from: today.slice(0, 7), to: today.slice(0, 7), date };
  const params = { ...p, timeZone: "Asia/Shanghai" };
  const label = (k: string) => k;
  return [
    await measure(`csv ${name.padEnd(10)} before`, async (first) => {
      toCsv(await reportRows(db, companyId, name, params, label));
      first();
    }),
    await measure(`csv ${name.padEnd(10)} after `, async (first) => {
      const reader = csvStream(reportCsvChunks(db, companyId, name, params, label)).getReader();
      for (;;) {
        const { done } = await reader.read();
        first();
        if (done) break;
      }
    }),
  ];
}

const url = seededUrl();
const { db, client } = openDb(url);
try {
  const [co] = await db.select({ id: companies.id }).from(companies).where(eq(companies.name, BENCH_COMPANY_NAME));
  if (!co) throw new Error(`no ${BENCH_COMPANY_NAME} in ${url}: seed it with npm run db:seed -- --households N`);
  await db.run(sql`select 1`);
  const today = localDate(new Date(), "Asia/Shanghai");
  const [busiest] = await db
    .select({
      day: sql<string>`date(${payments.receivedAt} / 1000, 'unixepoch', '+8 hours')`,
      n: sql<number>`count(*)`,
    })
    .from(payments)
    .where(and(eq(payments.companyId, co.id)))
    .groupBy(sql`1`)
    .orderBy(desc(sql`2`))
    .limit(1);
  console.log(`bench:long — ${url}; busiest cash day ${busiest?.day} (${busiest?.n} payments)`);
  // The loop's delay while it does nothing: what the machine's load alone adds to every figure.
  const idle = await measure("idle (machine noise)", () => new Promise((r) => setTimeout(r, 1000)));
  const rows = [
    idle,
    ...(await whatIf(db, co.id)),
    ...(await statements(db, co.id, today)),
    ...(await csv(db, co.id, "aging", today, today)),
    ...(await csv(db, co.id, "daily-cash", busiest?.day ?? today, today)),
  ];
  console.log(`\n  ${"work".padEnd(22)} ${"first byte".padStart(11)} ${"total".padStart(9)} ${"loop max".padStart(9)}`);
  for (const r of rows) {
    const flag = r.name.endsWith("after ") && r.maxDelayMs > TARGET_MS ? `  > ${TARGET_MS} ms` : "";
    console.log(
      `  ${r.name.padEnd(22)} ${r.firstByteMs.toFixed(0).padStart(8)} ms ${r.totalMs.toFixed(0).padStart(6)} ms ${r.maxDelayMs.toFixed(0).padStart(6)} ms${flag}`,
    );
  }
} finally {
  client.close();
}
