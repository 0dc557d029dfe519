/**
 * Times the dashboard and report read paths on an existing database (the big company by
 * default): npx tsx --conditions react-server scripts/measure-reads.ts [companyName]
 * DATABASE_URL picks the database. Prints each read's median of 3 runs, in ms.
 */
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { companies } from "../db/schema";
import { openDb } from "../lib/db/client";
import { agingReport, collectionReport, dailyCash } from "../lib/billing/queries/reports";
import { dayBounds } from "../lib/time/zone";
import { addMonths } from "../lib/time/calendar";
import { bandDistribution, movedThisWeek, weeklyTrend } from "../lib/crm/dashboard";
import { butlerRiskLists } from "../lib/crm/risk-lists";
import { publishedRules } from "../lib/crm/ledger/read";
import { budgetVsActual } from "../lib/finance/reports";

const name = process.argv[2] ?? "大型示范物业";
const { db } = openDb(process.env.DATABASE_URL);

async function time(label: string, f: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(28)} ${ms[1].toFixed(1).padStart(9)} ms`);
}

async function main() {
  const [c] = await db.select().from(companies).where(eq(companies.name, name));
  if (!c) throw new Error(`no company ${name}`);
  const today = new Date().toISOString().slice(0, 10);
  const rules = await publishedRules(db, c.id);
  const all = { kind: "all" } as const;
  const to = today.slice(0, 7);
  const from = addMonths(to, -11);
  const { start, end } = dayBounds(today, c.timeZone);
  await time("crm bandDistribution", () => bandDistribution(db, c.id, all, rules));
  await time("crm weeklyTrend", () => weeklyTrend(db, c.id, all, rules, today));
  await time("crm movedThisWeek", () => movedThisWeek(db, c.id, all, rules, today));
  await time("crm butlerRiskLists", () => butlerRiskLists(db, c.id, all, rules, today));
  await time("billing aging(community)", () => agingReport(db, c.id, today, "community"));
  await time("billing aging(butler)", () => agingReport(db, c.id, today, "butler"));
  await time("billing collection(month)", () => collectionReport(db, c.id, from, to, "month"));
  await time("billing collection(butler)", () => collectionReport(db, c.id, from, to, "butler"));
  await time("billing dailyCash", () => dailyCash(db, c.id, start, end));
  await time("finance budgetVsActual", () => budgetVsActual(db, c.id, "all", Number(today.slice(0, 4)), today));
}
main().then(() => process.exit(0));
