/**
 * npm run bench:billing — billing on the 50,000-household benchmark company.
 *
 * Builds a fresh embedded database in a temp folder (or BENCH_DATABASE_URL), seeds 大型示范物业
 * with `--households` households (default 50,000) and 24 months of bills and payments, then times
 *   1. generating next month's bills for every household (target ≤ 10 s), and running it again (creates nothing);
 *   2. months in arrears for every household, and the aging report by butler (target ≤ 1 s).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { seedDemo } from "./seed/index";
import { seedBilling } from "./seed/billing";
import { generateBills } from "../lib/billing/generate";
import { agingReport } from "../lib/billing/queries/reports";
import { monthsInArrearsByHousehold } from "../lib/billing/queries/arrears";

import { openDb } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";
import { writeQueueStats } from "../lib/db/write-queue";
import { addMonths } from "../lib/time/calendar";
import { localDate } from "../lib/time/zone";

const { values } = parseArgs({ options: { households: { type: "string", default: "50000" } } });
const households = Number(values.households.replace(/[_,]/g, ""));
let dir: string | null = null;
let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-bench-"));
  url = `file:${path.join(dir, "bench.db")}`;
}
const handle = openDb(url);
const { db } = handle;
const time = async <T>(label: string, fn: () => Promise<T>, target?: number) => {
  const t = performance.now();
  const result = await fn();
  const s = (performance.now() - t) / 1000;
  console.log(
    `${label.padEnd(48)} ${s.toFixed(3).padStart(8)} s${target ? `   (target ≤ ${target} s: ${s <= target ? "ok" : "MISSED"})` : ""}`,
  );
  return result;
};
try {
  await migrateDb(db);
  const seeded = await time(`seed registry (${households.toLocaleString("en-US")} households)`, () =>
    seedDemo(db, { profile: "bench", households }),
  );
  const history = await time("seed 24 months of bills and payments", () =>
    seedBilling(db, seeded.companyId, { log: (l) => console.log(l) }),
  );
  console.log(`  ${history.bills.toLocaleString("en-US")} bills, ${history.payments.toLocaleString("en-US")} payments`);
  const today = localDate(new Date(), "Asia/Shanghai");
  const next = addMonths(today.slice(0, 7), 1);
  const writes = writeQueueStats(handle.client);
  if (writes) writes.longestHoldMs = 0;
  const gen = await time(`generate bills for ${next}`, () => generateBills(db, seeded.companyId, next), 10);
  console.log(
    `  ${gen.created.toLocaleString("en-US")} bills created, ${gen.creditApplied.toLocaleString("en-US")} paid from credit`,
  );
  // SPEC §10: write transactions ≤ 250 ms at 50,000 households (reported, embedded databases only).
  const longest = writes?.longestHoldMs ?? 0;
  if (writes)
    console.log(
      `  longest write transaction ${Math.round(longest)} ms ${longest <= 250 ? "(≤ 250 ms ok)" : "(MISSES ≤ 250 ms)"}`,
    );
  const again = await time(`generate bills for ${next} again`, () => generateBills(db, seeded.companyId, next));
  console.log(`  ${again.created} bills created`);
  const arrears = await time(
    "months in arrears, every household",
    () => monthsInArrearsByHousehold(db, seeded.companyId, today),
    1,
  );
  console.log(`  ${arrears.size.toLocaleString("en-US")} households in arrears`);
  const aging = await time("aging report by butler", () => agingReport(db, seeded.companyId, today, "butler"), 1);
  await time("aging report by community", () => agingReport(db, seeded.companyId, today, "community"), 1);
  const buckets = { "1-2": 0, "3-5": 0, "6-11": 0, "12+": 0 };
  for (const row of aging)
    for (const k of Object.keys(buckets) as (keyof typeof buckets)[]) buckets[k] += row.buckets[k].households;
  console.log(
    `  households by months in arrears: ${Object.entries(buckets)
      .map(([k, v]) => `${k}: ${v.toLocaleString("en-US")}`)
      .join(", ")}`,
  );
} finally {
  handle.client.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
