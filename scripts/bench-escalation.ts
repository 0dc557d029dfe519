/**
 * npm run bench:escalation — one daily SLA escalation (lib/tickets/cron.ts escalateOverdue)
 * on a day when ~10,000 orders are overdue at once. On a fresh embedded database in a temp
 * folder it builds the overdue world of tests/support/escalation.ts (every level and
 * recipient rule; three quarters of its orders must move) plus closed history orders, then
 * times one escalateOverdue call and a second one for the same time (which must do nothing).
 * Target (SPEC §10, whole daily run ≤ 10 s on 2 cores): the escalation within a second or two.
 *
 *   npm run bench:escalation                              ~10,000 escalations, 50,000 closed orders
 *   npm run bench:escalation -- --orders 20000 --history 0
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { workOrders } from "../db/schema";
import { openDb } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";
import { escalateOverdue } from "../lib/tickets/cron";
import { overdueWorld } from "../tests/support/escalation";

const { values } = parseArgs({
  options: { orders: { type: "string", default: "13334" }, history: { type: "string", default: "50000" } },
});
const orders = Number(values.orders);
const history = Number(values.history);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-bench-escalation-"));
const handle = openDb(`file:${path.join(dir, "bench.db")}`);
try {
  await migrateDb(handle.db);
  let t = performance.now();
  const w = await overdueWorld(handle.db, { orders });
  const closedAt = new Date(w.asOf.getTime() - 30 * 86_400_000);
  for (let i = 0; i < history; i += 500)
    await handle.db.insert(workOrders).values(
      Array.from({ length: Math.min(500, history - i) }, (_, k) => ({
        companyId: w.companyId,
        type: "repair" as const,
        source: "resident" as const,
        communityId: w.orders[k % w.orders.length].communityId,
        description: `历史工单 ${i + k}`,
        status: "closed" as const,
        acceptDueAt: closedAt,
        resolveDueAt: closedAt,
        closedAt,
      })),
    );
  const moving = w.orders.filter((o) => o.expectedLevel > o.currentLevel).length;
  const [{ n }] = await handle.db
    .select({ n: handle.db.$count(workOrders, eq(workOrders.companyId, w.companyId)) })
    .from(workOrders)
    .limit(1);
  console.log(
    `built ${n.toLocaleString("en-US")} orders (${moving.toLocaleString("en-US")} to escalate) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  t = performance.now();
  const first = await escalateOverdue(handle.db, w.companyId, w.asOf);
  const firstS = (performance.now() - t) / 1000;
  t = performance.now();
  const second = await escalateOverdue(handle.db, w.companyId, w.asOf);
  const secondS = (performance.now() - t) / 1000;
  console.log(
    `first run  ${firstS.toFixed(2).padStart(6)} s  escalated ${first.escalated.toLocaleString("en-US")} (expected ${moving.toLocaleString("en-US")})`,
  );
  console.log(`second run ${secondS.toFixed(2).padStart(6)} s  escalated ${second.escalated}`);
  console.log(`peak RSS   ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (first.escalated !== moving || second.escalated !== 0) process.exitCode = 1;
} finally {
  handle.client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
