/**
 * npm run bench:cron — the daily cron (SPEC §10) on the benchmark company.
 *
 * For each size (default 10,000 / 25,000 / 50,000 households) it builds a fresh embedded
 * database in a temp folder, seeds 大型示范物业 with 24 months of bills and payments, then —
 * in a separate process, so the memory figure is the cron's own — times one daily run for
 * today (every job, every company) and a second run for the same day.
 * Targets on this 2-core machine: first run ≤ 10 s, second ≤ 2 s, peak memory ≤ 1 GB, linear growth.
 *
 *   npm run bench:cron                          10k, 25k, 50k
 *   npm run bench:cron -- --sizes 50000         one size
 *   npm run bench:cron -- --as-of 2026-12-01    a first-of-month day (visit sampling, bills)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { seedDemo } from "../db/seed";
import { seedBilling } from "../db/seed/billing";
import { localDate } from "../lib/billing/rules";
import { openDb } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";
import { runDaily, type RunSummary } from "../lib/cron/run";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,25000,50000" },
    "as-of": { type: "string" },
    worker: { type: "string" },
    company: { type: "string" },
  },
});
const asOf = values["as-of"] ?? localDate(new Date(), "Asia/Shanghai");

interface WorkerResult {
  first: number;
  second: number;
  maxRssMb: number;
  totals: Record<string, Record<string, number>>;
  slowest: [string, number][];
}

function jobTimes(s: RunSummary): [string, number][] {
  if (s.status === "busy") return [];
  const t: Record<string, number> = {};
  for (const c of s.companies) for (const [k, o] of Object.entries(c.jobs)) if (o.status !== "skipped") t[k] = (t[k] ?? 0) + o.ms;
  return Object.entries(t).sort((a, b) => b[1] - a[1]);
}

if (values.worker) {
  // Child: two daily runs on an already-seeded database; prints one JSON line.
  const handle = openDb(values.worker);
  const companyIds = [Number(values.company)];
  const t1 = performance.now();
  const s1 = await runDaily(handle.db, { asOf, companyIds });
  const first = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const s2 = await runDaily(handle.db, { asOf, companyIds });
  const second = (performance.now() - t2) / 1000;
  handle.client.close();
  if (s1.status !== "ok" || s2.status !== "ok") {
    console.error(JSON.stringify({ s1, s2 }, null, 1).slice(0, 4000));
    process.exit(1);
  }
  const out: WorkerResult = { first, second, maxRssMb: process.resourceUsage().maxRSS / 1024, totals: s1.totals, slowest: jobTimes(s1).slice(0, 6) };
  console.log(JSON.stringify(out));
  process.exit(0);
}

const sizes = values.sizes.split(",").map((s) => Number(s.replace(/[_\s]/g, "")));
const rows: { size: number; r: WorkerResult }[] = [];
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
    console.log(`${size.toLocaleString("en-US")} households: seeded ${history.bills.toLocaleString("en-US")} bills, ${history.payments.toLocaleString("en-US")} payments in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const out = execFileSync(process.execPath, ["--import", "tsx", process.argv[1], "--worker", url, "--company", String(seeded.companyId), "--as-of", asOf], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 << 20,
    });
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as WorkerResult;
    rows.push({ size, r });
    const ok = (v: number, target: number) => (v <= target ? "ok" : "MISSED");
    console.log(`  first run  ${r.first.toFixed(2).padStart(7)} s  (target ≤ 10 s: ${ok(r.first, 10)})`);
    console.log(`  second run ${r.second.toFixed(2).padStart(7)} s  (target ≤ 2 s: ${ok(r.second, 2)})`);
    console.log(`  peak RSS   ${r.maxRssMb.toFixed(0).padStart(7)} MB (target ≤ 1024 MB: ${ok(r.maxRssMb, 1024)})`);
    console.log(`  slowest jobs: ${r.slowest.map(([k, ms]) => `${k} ${ms} ms`).join(", ")}`);
    const did = Object.entries(r.totals)
      .map(([job, c]) => [job, Object.entries(c).filter(([k, v]) => !["done", "skipped", "failed"].includes(k) && v)] as const)
      .filter(([, c]) => c.length)
      .map(([job, c]) => `${job}: ${c.map(([k, v]) => `${k}=${v.toLocaleString("en-US")}`).join(" ")}`);
    console.log(`  first run did: ${did.join(" · ") || "nothing"}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
if (rows.length > 1) {
  console.log("\nscaling (first run, seconds per 10,000 households):");
  for (const { size, r } of rows) console.log(`  ${size.toLocaleString("en-US").padStart(7)}: ${r.first.toFixed(2)} s  → ${((r.first / size) * 10000).toFixed(2)} s / 10k`);
}
