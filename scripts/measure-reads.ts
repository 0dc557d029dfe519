/**
 * Times the dashboard and report read paths on an existing database (the big company by
 * default): npx tsx --conditions react-server scripts/measure-reads.ts [companyName]
 * DATABASE_URL picks the database. Prints each read's median of 3 runs, in ms, and the CPU time it took.
 * `--statements`: also each read's slowest statements (last run) with their query plan; run with
 * DATABASE_THREADS=off to time the engine's work on this thread (no thread hops).
 * `--only crm,aging`: the reads whose label contains one of the texts.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { InStatement } from "@libsql/client";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../db/schema";
import { companies } from "../db/schema";
import { openDb, type Db } from "../lib/db/client";
import { agingReport, collectionReport, dailyCash } from "../lib/billing/queries/reports";
import { dayBounds } from "../lib/time/zone";
import { addMonths } from "../lib/time/calendar";
import { bandDistribution, movedThisWeek, weeklyTrend } from "../lib/crm/dashboard";
import { butlerRiskLists, butlerRiskListsScan } from "../lib/crm/risk-lists";
import { publishedRules } from "../lib/crm/ledger/read";
import { budgetVsActual } from "../lib/finance/reports";
import { listBills } from "../lib/billing/queries/bills";
import { householdAccount } from "../lib/billing/queries/household-account";
import { listOrders } from "../lib/tickets/queries";
import { loadOrderScope } from "../lib/tickets/access";

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { statements: { type: "boolean", default: false }, only: { type: "string" } },
});
const name = positionals[0] ?? "大型示范物业";
const { client } = openDb(process.env.DATABASE_URL);

/** Every statement the client runs, with its time (drizzle calls client.execute for each query). */
const seen: { sql: string; args: unknown; ms: number }[] = [];
const execute = client.execute.bind(client);
const timed = async (stmt: InStatement) => {
  const t0 = performance.now();
  try {
    return await execute(stmt);
  } finally {
    const text = typeof stmt === "string" ? stmt : stmt.sql;
    seen.push({ sql: text, args: typeof stmt === "string" ? [] : stmt.args, ms: performance.now() - t0 });
  }
};
const db = drizzle(new Proxy(client, { get: (t, k) => (k === "execute" ? timed : Reflect.get(t, k)) }), {
  schema,
}) as unknown as Db;

async function printStatements() {
  const runs = seen.splice(0).sort((a, b) => b.ms - a.ms);
  for (const s of runs.slice(0, 3)) {
    console.log(`    ${s.ms.toFixed(1).padStart(7)} ms  ${s.sql.replace(/\s+/g, " ").slice(0, 220)}`);
    const plan = await execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args as never });
    for (const r of plan.rows) console.log(`               ${String(r.detail)}`);
  }
}

async function time(label: string, f: () => Promise<unknown>) {
  if (opt.only && !opt.only.split(",").some((w) => label.includes(w))) return;
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    seen.length = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await f();
    const c = process.cpuUsage(c0);
    ms.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // CPU time is this process's (all of it with DATABASE_THREADS=off): less disturbed by a loaded machine.
  console.log(`${label.padEnd(28)} ${ms[1].toFixed(1).padStart(9)} ms  cpu ${cpu[1].toFixed(1).padStart(7)} ms`);
  if (opt.statements) await printStatements();
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
  await time("crm butlerRiskListsScan", () => butlerRiskListsScan(db, c.id, all, rules, today));
  await time("billing aging(community)", () => agingReport(db, c.id, today, "community"));
  await time("billing aging(butler)", () => agingReport(db, c.id, today, "butler"));
  await time("billing collection(month)", () => collectionReport(db, c.id, from, to, "month"));
  await time("billing collection(butler)", () => collectionReport(db, c.id, from, to, "butler"));
  await time("billing dailyCash", () => dailyCash(db, c.id, start, end));
  await time("billing listBills(month)", () => listBills(db, c.id, { period: to }));
  await time("billing listBills(unpaid)", () => listBills(db, c.id, { period: to, status: "unpaid" }));
  const [h] = await db
    .select({ id: schema.households.id })
    .from(schema.households)
    .where(eq(schema.households.companyId, c.id))
    .limit(1);
  if (h) await time("billing householdAccount", () => householdAccount(db, c.id, h.id, today));
  // The orders queue each staff role lands on (the "scope" tab: every open order they see; "mine" for the technician).
  for (const [role, prefix, mine] of [
    ["butler", "butler", false],
    ["project_manager", "pm", false],
    ["supervisor", "supervisor", false],
    ["technician", "tech", true],
  ] as const) {
    const [u] = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, `${prefix}1@bench.guanjia.cn`));
    if (!u) continue;
    const scope = await loadOrderScope(db, c.id, { id: u.id, roles: [role] });
    await time(`tickets listOrders(${role})`, () =>
      listOrders(db, c.id, scope, { status: "open", assignedTo: mine ? u.id : undefined }),
    );
  }
  await time("finance budgetVsActual", () => budgetVsActual(db, c.id, "all", Number(today.slice(0, 4)), today));
}
main().then(() => process.exit(0));
