/**
 * npm run bench:tick — the minute tick (SPEC §10) on the benchmark company.
 *
 * Builds a fresh embedded database in a temp folder, seeds 大型示范物业 (default 50,000
 * households, with 24 months of bills and payments, as bench:cron does), runs one catch-up
 * tick (what the seed left due), then times:
 *   - the idle tick: nothing due; every job is one indexed "anything due?" query. Target ≤ 50 ms.
 *   - a tick with work: overdue orders to escalate, an announcement going live for a whole
 *     community, stale checkouts to expire and queued e-mails to send.
 * It also prints each "anything due?" query's plan (SQLite EXPLAIN QUERY PLAN): an index, never a scan.
 *
 *   npm run bench:tick                         50,000 households
 *   npm run bench:tick -- --households 10000   another size
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { asc, eq, sql } from "drizzle-orm";
import { checkoutSessions, communities, outboxMessages, portalNotices, residentLinks, workOrders } from "../db/schema";
import { seedDemo } from "./seed/index";
import { seedBilling } from "./seed/billing";
import { runTick, type TickSummary } from "../lib/cron/tick";
import { openDb, type Db } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";

const { values } = parseArgs({
  options: { households: { type: "string", default: "50000" }, idle: { type: "string", default: "20" } },
});
const size = Number(values.households.replace(/[_\s]/g, ""));
const MIN = 60_000;

function summary(s: TickSummary) {
  if (s.status === "busy") return "busy";
  return Object.entries(s.jobs)
    .map(
      ([job, o]) =>
        `${job} ${
          o.status === "done"
            ? `${o.ms} ms${
                Object.entries(o.counts).some(([, v]) => v)
                  ? ` (${Object.entries(o.counts)
                      .filter(([, v]) => v)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(" ")})`
                  : ""
              }`
            : o.status
        }`,
    )
    .join(" · ");
}

async function timedTick(db: Db, now = new Date()) {
  const t = performance.now();
  const s = await runTick(db, { now });
  if (s.status !== "ok") throw new Error(`tick ended ${s.status}: ${JSON.stringify(s).slice(0, 1000)}`);
  return { ms: performance.now() - t, s };
}

async function plans(db: Db, now: number) {
  const queries: [string, string][] = [
    [
      "escalation (accept)",
      `select company_id from work_orders where status = 'assigned' and escalation_level < 1 and accept_due_at < ${now}`,
    ],
    [
      "escalation (resolve)",
      `select company_id from work_orders where status in ('submitted', 'triaged', 'assigned', 'accepted', 'in_progress') and escalation_level < 3 and resolve_due_at < ${now}`,
    ],
    [
      "announcements",
      `select id from portal_notices where notified_at is null and publish_at <= ${now} order by publish_at limit 20`,
    ],
    ["checkout expiry", `select id from checkout_sessions where status = 'open' and created_at < ${now} limit 500`],
    ["outbox", `select 1 from outbox_messages where status = 'queued' and next_attempt_at <= ${now}`],
  ];
  for (const [label, q] of queries) {
    const rows = await db.all<{ detail: string }>(sql.raw(`explain query plan ${q}`));
    log(`  plan ${label}: ${rows.map((r) => r.detail).join("; ")}`);
  }
}

/** Work for one tick: overdue orders, a live announcement for the biggest community, stale checkouts, queued e-mails. */
async function makeWork(db: Db, companyId: number, now: Date) {
  const past = new Date(now.getTime() - 10 * MIN);
  // 200 repair requests submitted an hour ago and never dispatched: resolution overdue (level 2).
  const [big] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.companyId, companyId))
    .orderBy(asc(communities.id))
    .limit(1);
  const orders = await db
    .insert(workOrders)
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        companyId,
        communityId: big.id,
        type: "repair" as const,
        source: "staff" as const,
        description: `bench order ${i}`,
        resolveDueAt: past,
        createdAt: new Date(now.getTime() - 60 * MIN),
      })),
    )
    .returning({ id: workOrders.id });
  await db.insert(portalNotices).values({
    companyId,
    communityId: big.id,
    title: "电梯年检通知",
    body: "本周六电梯年检，请错峰出行。",
    publishAt: past,
  });
  const [link] = await db
    .select({ userId: residentLinks.userId, householdId: residentLinks.householdId })
    .from(residentLinks)
    .where(eq(residentLinks.companyId, companyId))
    .limit(1);
  if (link)
    await db.insert(checkoutSessions).values(
      Array.from({ length: 200 }, () => ({
        id: randomUUID(),
        companyId,
        householdId: link.householdId,
        userId: link.userId,
        amountFen: 100,
        billIds: [],
        createdAt: new Date(now.getTime() - 3 * 60 * MIN),
      })),
    );
  await db.insert(outboxMessages).values(
    Array.from({ length: 500 }, (_, i) => ({
      companyId,
      channel: "email" as const,
      to: `bench-${i}@example.invalid`,
      templateKey: "notice",
      locale: "zh-CN",
      params: { title: "t", body: "b" },
      idempotencyKey: `bench-tick:${randomUUID()}`,
      nextAttemptAt: past,
      createdAt: past,
    })),
  );
  return { orders: orders.length };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-bench-tick-"));
const url = `file:${path.join(dir, "bench.db")}`;
// The logging transport would print 500 lines; the bench measures the tick, not the console.
const log = console.log;
const info = console.info;
try {
  const handle = openDb(url);
  const db = handle.db;
  await migrateDb(db);
  const t0 = performance.now();
  const seeded = await seedDemo(db, { profile: "bench", households: size });
  await seedBilling(db, seeded.companyId, {});
  log(`${size.toLocaleString("en-US")} households seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  console.log = console.info = () => {};
  const first = await timedTick(db);
  log(`  catch-up tick (what the seed left due): ${first.ms.toFixed(0)} ms · ${summary(first.s)}`);
  await plans(db, Date.now());

  const idle: number[] = [];
  let last: TickSummary | undefined;
  for (let i = 0; i < Number(values.idle); i++) {
    const r = await timedTick(db);
    idle.push(r.ms);
    last = r.s;
  }
  idle.sort((a, b) => a - b);
  const median = idle[Math.floor(idle.length / 2)];
  log(
    `  idle tick ×${idle.length}: median ${median.toFixed(1)} ms, max ${idle.at(-1)!.toFixed(1)} ms (target ≤ 50 ms: ${median <= 50 ? "ok" : "MISSED"}) · ${summary(last!)}`,
  );

  const now = new Date();
  const work = await makeWork(db, seeded.companyId, now);
  const busy = await timedTick(db, now);
  log(
    `  tick with work (${work.orders} overdue orders, 1 announcement, 200 stale checkouts, 500 e-mails): ${busy.ms.toFixed(0)} ms · ${summary(busy.s)}`,
  );
  const after = await timedTick(db);
  log(`  next tick (idle again): ${after.ms.toFixed(1)} ms`);
  handle.client.close();
} finally {
  console.log = log;
  console.info = info;
  fs.rmSync(dir, { recursive: true, force: true });
}
