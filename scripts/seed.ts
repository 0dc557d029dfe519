/**
 * npm run db:seed — migrates DATABASE_URL, then seeds the demo company 示范物业 with one login
 * per role (scripts/seed/demo-logins.ts). Safe to run again: a complete seed is left as it is.
 *
 *   npm run db:seed                          demo company, ~1,200 households
 *   npm run db:seed -- --households 50000    benchmark company 大型示范物业 of that size
 *   Both also get 24 months of bills and payments (scripts/seed/billing.ts).
 *   options: --seed <text>  (default "guanjia")   --reset  (remove the company and seed it again)
 */
import { parseArgs } from "node:util";
import { openDb, DEFAULT_DATABASE_URL } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";
import { analyzeDb } from "../lib/db/analyze";
import { DEFAULT_SEED, formatCounts, seedDemo } from "./seed/index";
import { seedBilling } from "./seed/billing";
import { seedDemoAssessments } from "./seed/hr";
import { seedDemoFinance } from "./seed/approvals";
import { seedDemoCrm } from "./seed/crm";
import { seedDemoTime } from "./seed/time";
import { seedDemoVisitors } from "./seed/visitors";

const { values } = parseArgs({
  options: {
    households: { type: "string" },
    seed: { type: "string", default: DEFAULT_SEED },
    reset: { type: "boolean", default: false },
  },
});

const households = values.households === undefined ? undefined : Number(values.households.replace(/[_,]/g, ""));
if (households !== undefined && (!Number.isInteger(households) || households < 1)) {
  console.error(`--households must be a positive whole number, got "${values.households}"`);
  process.exit(2);
}

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const handle = openDb(url, process.env.DATABASE_AUTH_TOKEN);
const started = Date.now();
try {
  await migrateDb(handle.db);
  console.log(`seeding ${url.replace(/\/\/.*@/, "//***@")}`);
  const result = await seedDemo(handle.db, {
    profile: households === undefined ? "demo" : "bench",
    households,
    seed: values.seed,
    reset: values.reset,
    log: (line) => console.log(line),
  });
  console.log(`${result.companyName} (company ${result.companyId}): ${result.status}`);
  for (const line of formatCounts(result.counts)) console.log(`  ${line}`);
  // 24 months of bills and payments (idempotent on its own: a finished billing seed is kept).
  const billing = await seedBilling(handle.db, result.companyId, { log: (line) => console.log(line) });
  if (billing.status === "created")
    console.log(
      `  billing: ${billing.bills.toLocaleString("en-US")} bills, ${billing.payments.toLocaleString("en-US")} payments in ${(billing.ms / 1000).toFixed(2)} s`,
    );
  // Demo only: income actuals from those payments and a budget for the current year (idempotent).
  if (households === undefined) {
    const finance = await seedDemoFinance(handle.db, result.companyId);
    if (finance.status === "created")
      console.log(`  finance: ${finance.entries} ledger entries, ${finance.budgets} budget cells`);
  }
  // Demo only: CRM-EW history derived by replaying those 24 months through the cron's jobs (idempotent).
  if (households === undefined) await seedDemoCrm(handle.db, result.companyId, { log: (line) => console.log(line) });
  // Demo only: a community delivered two years ago, a vacant share, five transfers, a price change (idempotent).
  if (households === undefined) {
    const time = await seedDemoTime(handle.db, result.companyId);
    if (time.status === "created")
      console.log(`  billing over time: ${time.vacant} vacant units, ${time.transfers} transfers, one price change`);
  }
  // Demo only: the demo resident's visitor passes, one admitted at the gate (idempotent).
  if (households === undefined)
    console.log(`  visitor passes: ${await seedDemoVisitors(handle.db, result.companyId, new Date())} created`);
  // Last quarter's HR reviews: KPIs computed from the data above (idempotent on its own).
  if (households === undefined)
    console.log(`  hr reviews: ${await seedDemoAssessments(handle.db, result.companyId, new Date())} created`);
  await analyzeDb(handle.db); // the planner's statistics for what was just written
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(2)} s`);
} catch (error) {
  console.error("seed failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  handle.client.close();
}
