/**
 * `/api/health` while the server does heavy work: (a) an admin loading the CRM dashboard over
 * and over, (b) the daily cron run (GET /api/cron?force=1, in the server's process), (c) a
 * 50,000-row units CSV import through the import route (a new community of the big company).
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { buildings, communities } from "../../db/schema";
import { openDb } from "../../lib/db/client";
import { writeUnitsCsv } from "./csv";
import { probeWhile, timedGet, type Timing } from "./http";

const PROBE_EVERY_MS = 50;
const IMPORT_BUILDINGS = 50;

export interface HealthContext {
  base: string;
  adminCookie: string;
  cronSecret: string;
  /** The work copy of the database (the import writes to it). */
  url: string;
  companyId: number;
  dir: string;
}

/**
 * Loads the cron and import routes once (401 / 400, nothing done) before anything is measured:
 * a route's first request in a process evaluates its module graph (~150 ms of blocked loop for
 * the cron's) — a cold start the page phase's warm-up requests pay the same way, not the job.
 */
export async function warmJobRoutes(ctx: Pick<HealthContext, "base">): Promise<void> {
  await fetch(`${ctx.base}/api/cron`).then((r) => r.arrayBuffer());
  await fetch(`${ctx.base}/api/cron/tick`).then((r) => r.arrayBuffer());
  await fetch(`${ctx.base}/api/registry/import/apply?kind=units`, { method: "POST", body: "" }).then((r) =>
    r.arrayBuffer(),
  );
}

/** (a) `connections` admins loading /staff/crm back to back for `seconds`. */
export function healthWhileCrm(ctx: HealthContext, seconds: number, connections = 2): Promise<Timing> {
  return probeWhile(`${ctx.base}/api/health`, PROBE_EVERY_MS, async () => {
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) await timedGet(`${ctx.base}/staff/crm`, ctx.adminCookie);
      }),
    );
  });
}

/**
 * (b) The daily run for today again (force: every job runs). Once it holds the lease (a second
 * after it started), a second call must answer 409 at once: its status and time are returned.
 */
export function healthWhileCron(
  ctx: HealthContext,
): Promise<Timing & { seconds: number; second: { status: number; ms: number } }> {
  const t = Date.now();
  const second = { status: 0, ms: NaN };
  return probeWhile(`${ctx.base}/api/health`, PROBE_EVERY_MS, async () => {
    // node:http, not fetch: fetch gives up on a response that takes more than 300 s to start.
    const first = longGet(`${ctx.base}/api/cron?force=1`, `Bearer ${ctx.cronSecret}`);
    await new Promise((r) => setTimeout(r, 1000));
    const s0 = performance.now();
    const again = await longGet(`${ctx.base}/api/cron?force=1`, `Bearer ${ctx.cronSecret}`);
    Object.assign(second, { status: again.status, ms: performance.now() - s0 });
    const { status, body } = await first;
    if (status !== 200) throw new Error(`daily run answered HTTP ${status}: ${body.slice(0, 300)}`);
  }).then((timing) => ({ ...timing, seconds: (Date.now() - t) / 1000, second }));
}

/** A GET without any timeout (the daily run at 50,000 households can take minutes). */
function longGet(url: string, authorization: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

/** A new community with buildings "1"…"50" in the company, for the import. */
async function importCommunity(ctx: HealthContext): Promise<number> {
  const handle = openDb(ctx.url);
  try {
    const [c] = await handle.db
      .insert(communities)
      .values({ companyId: ctx.companyId, name: `基准导入小区 ${new Date().toISOString()}` })
      .returning({ id: communities.id });
    await handle.db.insert(buildings).values(
      Array.from({ length: IMPORT_BUILDINGS }, (_, b) => ({
        companyId: ctx.companyId,
        communityId: c.id,
        code: String(b + 1),
        name: `${b + 1}栋`,
      })),
    );
    return c.id;
  } finally {
    handle.client.close();
  }
}

/** (c) `rows` households imported through POST /api/registry/import/apply (valid rows only). */
export async function healthWhileImport(ctx: HealthContext, rows: number) {
  const communityId = await importCommunity(ctx);
  const file = path.join(ctx.dir, "import.csv");
  writeUnitsCsv(file, rows, IMPORT_BUILDINGS);
  const bytes = fs.readFileSync(file);
  const t = Date.now();
  let last = "";
  const timing = await probeWhile(`${ctx.base}/api/health`, PROBE_EVERY_MS, async () => {
    const res = await fetch(
      `${ctx.base}/api/registry/import/apply?kind=units&communityId=${communityId}&name=bench.csv&validOnly=1`,
      { method: "POST", body: bytes, headers: { cookie: ctx.adminCookie, "content-type": "text/csv" } },
    );
    const text = await res.text();
    last = text.trim().split("\n").at(-1) ?? "";
    if (!res.ok || !last.includes('"done"')) throw new Error(`import: HTTP ${res.status} ${last.slice(0, 300)}`);
  });
  const done = JSON.parse(last) as { created?: number };
  return { ...timing, seconds: (Date.now() - t) / 1000, created: done.created ?? 0 };
}
