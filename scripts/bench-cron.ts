/**
 * npm run bench:cron — the daily cron (SPEC §10) on the benchmark company.
 *
 * For each size (default 10,000 / 25,000 / 50,000 households) it builds a fresh embedded
 * database in a temp folder and seeds 大型示范物业 with 24 months of bills and payments. The
 * cron has never seen that history, so a catch-up run for today comes first (reported). Then,
 * in a separate process (so the memory figure is the daily runs' own), it times the daily run
 * and a second run for the same day on two heavy days: next month's billing day (bills for
 * every household, visit sampling) and the day after its due day (every unpaid household one
 * month further behind: the ladder fires).
 * Targets on this 2-core machine: first run ≤ 10 s, second ≤ 2 s, peak memory ≤ 1 GB, linear growth;
 * each first run's longest write transaction ≤ 250 ms and the event loop's max delay ≤ 50 ms.
 *
 *   npm run bench:cron                          10k, 25k, 50k
 *   npm run bench:cron -- --sizes 50000         one size
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { seedDemo } from "./seed/index";
import { seedBilling } from "./seed/billing";
import { openDb } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";
import { runDaily, type RunSummary } from "../lib/cron/run";
import { writeQueueStats } from "../lib/db/write-queue";
import { addMonths } from "../lib/time/calendar";
import { localDate } from "../lib/time/zone";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,25000,50000" },
    worker: { type: "string" },
    company: { type: "string" },
    dates: { type: "string" },
  },
});
const today = localDate(new Date(), "Asia/Shanghai");
const firstOfNext = `${addMonths(today.slice(0, 7), 1)}-01`;
const dayAfterDueNext = `${addMonths(today.slice(0, 7), 1)}-16`;

interface DayResult {
  asOf: string;
  first: number;
  second: number;
  totals: Record<string, Record<string, number>>;
  slowest: [string, number][];
  /** The first run's longest write transaction (write lock held) and the event loop's longest delay. */
  longestWriteMs: number;
  loopMaxMs: number;
}
interface WorkerResult {
  days: DayResult[];
  maxRssMb: number;
}

function jobTimes(s: RunSummary): [string, number][] {
  if (s.status === "busy") return [];
  const t: Record<string, number> = {};
  for (const c of s.companies)
    for (const [k, o] of Object.entries(c.jobs)) if (o.status !== "skipped") t[k] = (t[k] ?? 0) + o.ms;
  return Object.entries(t).sort((a, b) => b[1] - a[1]);
}

if (values.worker) {
  // Child: for each date, a daily run and a second run for the same date; prints one JSON line.
  const handle = openDb(values.worker);
  const companyIds = [Number(values.company)];
  const days: DayResult[] = [];
  const writes = writeQueueStats(handle.client)!;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  for (const asOf of values.dates!.split(",")) {
    writes.longestHoldMs = 0;
    loop.reset();
    const t1 = performance.now();
    const s1 = await runDaily(handle.db, { asOf, companyIds });
    const first = (performance.now() - t1) / 1000;
    const longestWriteMs = writes.longestHoldMs;
    const loopMaxMs = loop.max / 1e6;
    const t2 = performance.now();
    const s2 = await runDaily(handle.db, { asOf, companyIds });
    const second = (performance.now() - t2) / 1000;
    if (s1.status !== "ok" || s2.status !== "ok") {
      console.error(JSON.stringify({ s1, s2 }, null, 1).slice(0, 4000));
      process.exit(1);
    }
    days.push({ asOf, first, second, totals: s1.totals, slowest: jobTimes(s1).slice(0, 5), longestWriteMs, loopMaxMs });
  }
  handle.client.close();
  const out: WorkerResult = { days, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(out));
  process.exit(0);
}

const ok = (v: number, target: number) => (v <= target ? "ok" : "MISSED");
function did(totals: DayResult["totals"]) {
  return (
    Object.entries(totals)
      .map(
        ([job, c]) =>
          [job, Object.entries(c).filter(([k, v]) => !["done", "skipped", "failed"].includes(k) && v)] as const,
      )
      .filter(([, c]) => c.length)
      .map(([job, c]) => `${job}: ${c.map(([k, v]) => `${k}=${v.toLocaleString("en-US")}`).join(" ")}`)
      .join(" · ") || "nothing"
  );
}
/** Issue 15: no write transaction over 250 ms, no event-loop stall over 50 ms while the run runs. */
function writeAndLoop(d: DayResult) {
  return `longest write transaction ${d.longestWriteMs.toFixed(0)} ms (target ≤ 250 ms: ${ok(d.longestWriteMs, 250)}), event loop max delay ${d.loopMaxMs.toFixed(0)} ms (target ≤ 50 ms: ${ok(d.loopMaxMs, 50)})`;
}
function worker(url: string, companyId: number, dates: string[]): WorkerResult {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", process.argv[1], "--worker", url, "--company", String(companyId), "--dates", dates.join(",")],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 << 20,
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as WorkerResult;
}

const sizes = values.sizes.split(",").map((s) => Number(s.replace(/[_\s]/g, "")));
const rows: { size: number; daily: DayResult[]; rss: number }[] = [];
for (const size of sizes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-bench-cron-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    const handle = openDb(url);
    await migrateDb(handle.db);
    const t = performance.now();
    const seeded = await seedDemo(handle.db, { profile: "bench", households: size });
    const history = await seedBilling(handle.db, seeded.companyId, {});
    handle.client.close();
    console.log(
      `\n${size.toLocaleString("en-US")} households: seeded ${history.bills.toLocaleString("en-US")} bills, ${history.payments.toLocaleString("en-US")} payments in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    // The data set arrives with 24 months of history the cron has never seen: one catch-up run
    // (today) posts the history's income, fires the ladder at each household's current step,
    // awards the gold badges and samples this month's visits. Reported, not the daily target.
    const catchUp = worker(url, seeded.companyId, [today]);
    const c = catchUp.days[0];
    console.log(
      `  catch-up run ${today}: ${c.first.toFixed(2)} s, again ${c.second.toFixed(2)} s, peak RSS ${catchUp.maxRssMb.toFixed(0)} MB`,
    );
    console.log(`    slowest: ${c.slowest.map(([k, ms]) => `${k} ${ms} ms`).join(", ")}`);
    console.log(`    ${writeAndLoop(c)}`);
    console.log(`    did: ${did(c.totals)}`);
    // Daily runs, in a fresh process: the billing day (bills for every household, visit
    // sampling) and the day after the due day (every unpaid household one month further behind).
    const daily = worker(url, seeded.companyId, [firstOfNext, dayAfterDueNext]);
    for (const d of daily.days) {
      console.log(
        `  daily run ${d.asOf}: first ${d.first.toFixed(2)} s (target ≤ 10 s: ${ok(d.first, 10)}), second ${d.second.toFixed(2)} s (target ≤ 2 s: ${ok(d.second, 2)})`,
      );
      console.log(`    slowest: ${d.slowest.map(([k, ms]) => `${k} ${ms} ms`).join(", ")}`);
      console.log(`    ${writeAndLoop(d)}`);
      console.log(`    did: ${did(d.totals)}`);
    }
    console.log(
      `  daily runs' peak RSS ${daily.maxRssMb.toFixed(0)} MB (target ≤ 1024 MB: ${ok(daily.maxRssMb, 1024)})`,
    );
    rows.push({ size, daily: daily.days, rss: daily.maxRssMb });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
if (rows.length > 1) {
  console.log("\nscaling (daily runs, seconds per 10,000 households):");
  for (const { size, daily } of rows)
    console.log(
      `  ${size.toLocaleString("en-US").padStart(7)}: ${daily.map((d) => `${d.asOf} ${d.first.toFixed(2)} s → ${((d.first / size) * 10000).toFixed(2)} s/10k`).join(" · ")}`,
    );
}
