/**
 * npm run bench:loop — does database work freeze the event loop? (issue 14 points 1–2, issue 15 point 3)
 *
 * Seeds a temp database with the benchmark company (`npm run db:seed -- --households N`,
 * default 50,000, 24 months of bills and payments), then, for each client — `off` (the engine
 * on the event loop, as before) and `on` (the engine in worker threads, lib/db/threads) — on a
 * fresh copy of it and in a process of its own, runs a stream of `/api/health`'s query
 * (`select 1`, one every 10 ms) while
 *   (a) the CRM dashboard's four queries run again and again (as an admin loads /staff/crm),
 *   (b) the daily cron runs (its first run on this data: the catch-up),
 *   (c) a CSV import of N new households runs,
 * and prints the event loop's longest delay and the probe's p99, measured from when each probe
 * was due (a probe that could not start while the loop was blocked counts the wait).
 * Targets (threads on): max delay ≤ 50 ms, p99 ≤ 100 ms.
 *
 *   npm run bench:loop                              50,000 households
 *   npm run bench:loop -- --households 5000 --seconds 5
 *   npm run bench:loop -- --db /path/seeded.db      reuse a database seeded with --households
 *   npm run bench:loop -- --modes on                 only the threaded client
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { buildings, communities, companies } from "../db/schema";
import { BENCH_COMPANY_NAME } from "./seed/demo-logins";
import { localDate } from "../lib/time/zone";
import { backupDatabase } from "../lib/db/backup";
import { openDb, type Db } from "../lib/db/client";
import { runDaily } from "../lib/cron/run";
import { bandDistribution, movedThisWeek, weeklyTrend } from "../lib/crm/dashboard";
import { butlerRiskLists } from "../lib/crm/risk-lists";
import { publishedRules } from "../lib/crm/ledger/read";
import { runImport } from "../lib/registry/import/run";
import { BUILDINGS, writeUnitsCsv } from "./bench/csv";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "50000" },
    seconds: { type: "string", default: "15" },
    db: { type: "string" },
    child: { type: "string" },
    csv: { type: "string" },
    modes: { type: "string", default: "off,on" },
  },
});
const HOUSEHOLDS = Number(values.households.replace(/[_,]/g, ""));
const MAX_DELAY_MS = 50;
const P99_MS = 100;
const PROBE_EVERY_MS = 10;

interface Scenario {
  name: string;
  seconds: number;
  maxDelayMs: number;
  p99Ms: number;
  probes: number;
  failed: number;
}

/**
 * `select 1` every PROBE_EVERY_MS, each timed from when it was due; stop() returns the figures.
 * A loop that never yields (the in-thread client runs a whole job as microtasks) fires no
 * timer at all: the probes due meanwhile are issued at stop(), and the loop's longest stall
 * is also measured as the longest gap between two turns of a 5 ms timer, the last one up to stop().
 */
function startProbe(db: Db) {
  const latencies: number[] = [];
  const inflight = new Set<Promise<void>>();
  let failed = 0;
  let issued = 0;
  let stopped = false;
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t0 = performance.now();
  let lastTurn = t0;
  let longestGap = 0;
  const turn = setInterval(() => {
    longestGap = Math.max(longestGap, performance.now() - lastTurn - 5);
    lastTurn = performance.now();
  }, 5);
  const issueDue = () => {
    for (let due = t0 + issued * PROBE_EVERY_MS; due <= performance.now(); due = t0 + issued * PROBE_EVERY_MS) {
      issued++;
      const p: Promise<void> = db.run(sql`select 1`).then(
        () => void latencies.push(performance.now() - due),
        () => void failed++,
      );
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  };
  const tick = () => {
    if (stopped) return;
    issueDue();
    timer = setTimeout(tick, Math.max(0, t0 + issued * PROBE_EVERY_MS - performance.now()));
  };
  let timer = setTimeout(tick, 0);
  return async () => {
    longestGap = Math.max(longestGap, performance.now() - lastTurn - 5);
    issueDue();
    stopped = true;
    clearTimeout(timer);
    clearInterval(turn);
    histogram.disable();
    await Promise.all(inflight);
    latencies.sort((a, b) => a - b);
    const p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
    const maxDelayMs = Math.max(longestGap, histogram.count ? histogram.max / 1e6 : 0);
    return { maxDelayMs, p99Ms, probes: latencies.length, failed };
  };
}

async function measure(db: Db, name: string, work: () => Promise<unknown>): Promise<Scenario> {
  const stop = startProbe(db);
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const result = { name, seconds, ...(await stop()) };
  console.error(`  … ${process.env.DATABASE_THREADS}: ${JSON.stringify(result)}`); // progress of a long run
  return result;
}

/** The four queries of /staff/crm for an admin (every household visible), repeated for `seconds`. */
async function crmDashboard(db: Db, companyId: number, seconds: number) {
  const asOf = localDate(new Date(), "Asia/Shanghai");
  const view = { kind: "all" } as const;
  const until = performance.now() + seconds * 1000;
  let loads = 0;
  do {
    const rules = await publishedRules(db, companyId);
    await Promise.all([
      bandDistribution(db, companyId, view, rules),
      weeklyTrend(db, companyId, view, rules, asOf),
      movedThisWeek(db, companyId, view, rules, asOf),
      butlerRiskLists(db, companyId, view, rules, asOf, 10),
    ]);
    loads++;
  } while (performance.now() < until);
  return loads;
}

async function csvImport(db: Db, companyId: number, csvPath: string) {
  const [community] = await db.insert(communities).values({ companyId, name: "导入基准小区" }).returning();
  await db.insert(buildings).values(
    Array.from({ length: BUILDINGS }, (_, b) => ({
      companyId,
      communityId: community.id,
      code: String(b + 1),
      name: `${b + 1}栋`,
    })),
  );
  const result = await runImport(
    db,
    { companyId, actorUserId: null, validOnly: false },
    {
      kind: "units",
      communityId: community.id,
      bytes: new Uint8Array(fs.readFileSync(csvPath)),
      name: "h.csv",
      type: "text/csv",
    },
  );
  if (result.status !== "done")
    throw new Error(`the import was rejected: ${JSON.stringify(result.report).slice(0, 500)}`);
}

/** Child process: the three scenarios on one database with the client DATABASE_THREADS selects. */
async function child(url: string, csvPath: string) {
  const { db, client } = openDb(url);
  const [company] = await db.select().from(companies).where(eq(companies.name, BENCH_COMPANY_NAME));
  if (!company) throw new Error(`no ${BENCH_COMPANY_NAME} in ${url}: seed it with --households`);
  await db.run(sql`select 1`); // threads started, connection open: not part of any figure
  const out: Scenario[] = [];
  // The noise floor: nothing but the probe (a busy machine delays timers by itself).
  out.push(await measure(db, "(0) idle", () => new Promise((resolve) => setTimeout(resolve, 3000))));
  out.push(await measure(db, "(a) CRM dashboard", () => crmDashboard(db, company.id, Number(values.seconds))));
  out.push(
    await measure(db, "(b) daily cron", async () => {
      const s = await runDaily(db, { companyIds: [company.id], lease: "bench-loop" });
      if (s.status !== "ok") throw new Error(`the cron did not run: ${s.status}`);
    }),
  );
  out.push(await measure(db, "(c) CSV import", () => csvImport(db, company.id, csvPath)));
  client.close();
  console.log(JSON.stringify(out));
}

function runChild(mode: "off" | "on", url: string, csvPath: string): Scenario[] {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", process.argv[1], "--child", url, "--csv", csvPath, "--seconds", values.seconds],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_THREADS: mode },
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 << 20,
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as Scenario[];
}

function seed(url: string) {
  const started = performance.now();
  execFileSync("npx", ["tsx", "scripts/seed.ts", "--households", String(HOUSEHOLDS)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  console.log(
    `seeded ${HOUSEHOLDS.toLocaleString("en-US")} households in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

function report(mode: string, rows: Scenario[]) {
  for (const r of rows) {
    const verdict =
      mode === "on" && !r.name.startsWith("(0)")
        ? r.maxDelayMs <= MAX_DELAY_MS && r.p99Ms <= P99_MS && !r.failed
          ? "ok"
          : "FAIL"
        : "(before)";
    console.log(
      `  ${`threads ${mode}`.padEnd(12)} ${r.name.padEnd(20)} ${r.seconds.toFixed(1).padStart(6)} s  ` +
        `max loop delay ${r.maxDelayMs.toFixed(0).padStart(5)} ms  probe p99 ${r.p99Ms.toFixed(0).padStart(5)} ms  ` +
        `(${r.probes} probes, ${r.failed} failed)  ${verdict}`,
    );
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-bench-loop-"));
  try {
    const base = values.db ? path.resolve(values.db) : path.join(dir, "base.db");
    if (!values.db) seed(`file:${base}`);
    const csvPath = path.join(dir, "households.csv");
    writeUnitsCsv(csvPath, HOUSEHOLDS, BUILDINGS);
    console.log(
      `bench:loop — ${HOUSEHOLDS.toLocaleString("en-US")} households; probe every ${PROBE_EVERY_MS} ms; targets (threads on): max delay ≤ ${MAX_DELAY_MS} ms, p99 ≤ ${P99_MS} ms`,
    );
    let ok = true;
    for (const mode of values.modes.split(",") as ("off" | "on")[]) {
      const copy = path.join(dir, `${mode}.db`);
      await backupDatabase(`file:${base}`, undefined, copy);
      const rows = runChild(mode, `file:${copy}`, csvPath);
      report(mode, rows);
      if (mode === "on")
        ok = rows.slice(1).every((r) => r.maxDelayMs <= MAX_DELAY_MS && r.p99Ms <= P99_MS && !r.failed);
    }
    if (!ok) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) await child(values.child, values.csv!);
else await main();
