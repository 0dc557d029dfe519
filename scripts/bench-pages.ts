/**
 * npm run bench:pages — issue 14's page targets, measured on the production build.
 *
 * Database (built once, reused: `--db <path>`, default $TMPDIR/guanjia-bench-pages/bench.db):
 * the demo company and a `--households` (50,000) company, both with 24 months of bills and
 * payments and their CRM history derived through the cron's jobs (scripts/bench/prepare.ts).
 * Each run works on a copy of it (the import phase writes). The app is built (reuse `.next`
 * with BENCH_SKIP_BUILD=1) and started on port BENCH_PORT (3317) with BENCH_SECRET, which
 * exposes the event-loop delay at /api/bench; a bare Next.js app verifying the same JWT cookie
 * is built in .cache/bench-bare and started on BENCH_BARE_PORT (3327).
 *
 * A request slower than 60 s counts as an error (under load) or fails the page (one user).
 * Phases (`--phases`, comma-separated, default all):
 *   pages   every role of the big company + a resident: p50/p95 for one user, req/s and p95 at
 *           `--connections` (20) for `--duration` s (10), the bare page's the same, the ratio,
 *           the event loop's max delay during each page
 *   health  /api/health p99 while (a) an admin loads /staff/crm, (b) the daily cron runs,
 *           (c) a `--import-rows` (50,000) row CSV import runs
 *   demo    the demo company's pages with the big company beside them, then on a demo-only
 *           database (`--demo-db`), one user each
 *   jobs    (b) and (c) of health only, each with the longest write transaction the server ran
 *           (≤ 250 ms) and how fast a second /api/cron call answers 409 while the first runs:
 *           `npm run bench:pages -- --only jobs` (the same as `--phases jobs`; no bare app)
 * `--pages <text,…>` keeps the pages whose role or path contains one of the texts.
 * Targets (this machine): p95 ≤ 300 ms for one user; throughput ≥ 60 % of the bare page's;
 * health p99 ≤ 100 ms; loop delay ≤ 50 ms; demo pages as fast beside the big company as
 * without (p95 within 20 % + 10 ms); server peak RSS ≤ 1 GB. Exit 1 when a target is missed.
 */
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { copyDb, prepareBenchDb } from "./bench/prepare";
import { bigPages, DEMO_PAGES, loadLogins, pageCookie, type Logins, type PageTarget } from "./bench/pages";
import { healthWhileCron, healthWhileCrm, healthWhileImport, warmJobRoutes, type HealthContext } from "./bench/health";
import { sequential, signIn, underLoad, type Timing } from "./bench/http";
import { BARE_DIR, buildAll, startServer, type Server } from "./bench/servers";

const { values: opt } = parseArgs({
  options: {
    db: { type: "string", default: path.join(os.tmpdir(), "guanjia-bench-pages", "bench.db") },
    "demo-db": { type: "string", default: path.join(os.tmpdir(), "guanjia-bench-pages", "demo.db") },
    households: { type: "string", default: "50000" },
    phases: { type: "string", default: "pages,health,demo" },
    only: { type: "string" },
    pages: { type: "string" },
    duration: { type: "string", default: "10" },
    requests: { type: "string", default: "20" },
    connections: { type: "string", default: "20" },
    "import-rows": { type: "string", default: "50000" },
  },
});
const PORT = Number(process.env.BENCH_PORT || 3317);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT || 3327);
const phases = new Set((opt.only ?? opt.phases).split(","));
const num = (v: string) => Number(v.replace(/[_,]/g, ""));
const DURATION = num(opt.duration);
const REQUESTS = num(opt.requests);
const CONNECTIONS = num(opt.connections);
const T = { p95: 300, share: 0.6, health: 100, loop: 50, rssMb: 1024, demoSlack: 1.2, demoMs: 10, writeMs: 250 };

const secret = () => crypto.randomBytes(32).toString("base64url");
const env = { NEXTAUTH_SECRET: secret(), CRON_SECRET: secret(), BENCH_SECRET: secret() };
const misses: string[] = [];
const verdict = (ok: boolean, what: string) => {
  if (!ok) misses.push(what);
  return ok ? "ok" : "FAIL";
};
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "—");
const log = (line: string) => console.log(line);

/** The largest heaps /api/bench reported (MB): the main V8 heap, and the database threads' together. */
const heapPeak = { main: 0, threads: 0, readers: 0 };

/** The event loop's max delay and the peak RSS since the last call (resets the window). */
async function probe(server: Server) {
  const res = await fetch(`${server.base}/api/bench?reset=1`, { headers: { "x-bench-secret": env.BENCH_SECRET } });
  if (!res.ok) throw new Error(`/api/bench answered ${res.status}: is instrumentation.ts in the build?`);
  const body = (await res.json()) as {
    loopMaxMs: number;
    peakRssMb: number;
    longestWriteMs: number | null;
    heapMb?: { total: number };
    threadHeapsMb?: { total: number }[];
  };
  heapPeak.main = Math.max(heapPeak.main, body.heapMb?.total ?? 0);
  heapPeak.threads = Math.max(
    heapPeak.threads,
    (body.threadHeapsMb ?? []).reduce((s, t) => s + t.total, 0),
  );
  heapPeak.readers = Math.max(heapPeak.readers, (body.threadHeapsMb?.length ?? 1) - 1);
  return body;
}

const cookies = new Map<string, string>();
async function cookieOf(base: string, logins: Logins, company: PageTarget["company"], role: PageTarget["role"]) {
  const key = `${base} ${company} ${role}`;
  if (!cookies.has(key)) cookies.set(key, await signIn(base, logins.identifier(company, role), logins.password));
  return cookies.get(key)!;
}

/** The bare app's event-loop max delay since the last call (resets it). */
async function bareLoop(bare: Server): Promise<number> {
  const res = await fetch(`${bare.base}/api/loop?reset=1`);
  return ((await res.json()) as { loopMaxMs: number | null }).loopMaxMs ?? NaN;
}

async function bareTiming(bare: Server, cookie: string) {
  await sequential(`${bare.base}/`, cookie, 5);
  const one = await sequential(`${bare.base}/`, cookie, REQUESTS);
  await bareLoop(bare);
  const load = await underLoad(`${bare.base}/`, cookie, CONNECTIONS, DURATION);
  const loopMs = await bareLoop(bare);
  log(
    `  bare Next.js page (JWT cookie): one user p50 ${f0(one.p50)} ms p95 ${f0(one.p95)} ms · ${CONNECTIONS} connections ${f0(load.rps)} req/s p95 ${f0(load.p95)} ms, loop max ${f0(loopMs)} ms`,
  );
  return load.rps;
}

function pageRow(page: PageTarget, one: Timing, load: Timing, bareRps: number, loopMs: number) {
  const name = `${page.role} ${page.path}`;
  const share = load.rps / bareRps;
  log(
    `  ${page.role.padEnd(16)}${page.path.padEnd(34)}${f0(one.p50).padStart(5)} ${f0(one.p95).padStart(5)} ${verdict(one.p95 <= T.p95, `${name} p95`).padEnd(5)}  ${load.rps.toFixed(1).padStart(5)} ${f0(load.p95).padStart(7)} ${String(load.errors).padStart(4)}  ${(share * 100).toFixed(0).padStart(4)} % ${verdict(share >= T.share, `${name} throughput`).padEnd(5)} ${f0(loopMs).padStart(6)} ms ${verdict(loopMs <= T.loop, `${name} loop delay`)}`,
  );
}

/** Each page: warm, one user, then the load; a row printed as soon as it is measured (vs the bare page before). */
async function pagesPhase(app: Server, logins: Logins, pages: PageTarget[]) {
  const admin = await cookieOf(app.base, logins, "big", "admin");
  const bare = await startServer(BARE_DIR, BARE_PORT, { NEXTAUTH_SECRET: env.NEXTAUTH_SECRET });
  try {
    const bareRps = await bareTiming(bare, admin);
    log(
      `\n  ${"role".padEnd(16)}${"page".padEnd(34)}  p50   p95 (≤${T.p95})  req/s  p95@${CONNECTIONS} errs  of bare (≥${T.share * 100} %)  loop max (≤${T.loop})`,
    );
    for (const page of pages) {
      try {
        const cookie = pageCookie(await cookieOf(app.base, logins, page.company, page.role), page);
        const url = `${app.base}${page.path}`;
        await sequential(url, cookie, 2); // warm: compiled route, caches
        await probe(app);
        const one = await sequential(url, cookie, REQUESTS);
        const load = await underLoad(url, cookie, CONNECTIONS, DURATION);
        pageRow(page, one, load, bareRps, (await probe(app)).loopMaxMs);
      } catch (e) {
        log(`  ${page.role.padEnd(16)}${page.path.padEnd(34)} ${verdict(false, `${page.role} ${page.path}`)}: ${e}`);
      }
    }
    await bareTiming(bare, admin);
  } finally {
    bare.stop();
  }
}

async function healthPhase(
  app: Server,
  logins: Logins,
  ctx: Omit<HealthContext, "adminCookie" | "base">,
  withCrm: boolean,
) {
  const full = { ...ctx, base: app.base, adminCookie: await cookieOf(app.base, logins, "big", "admin") };
  const line = (what: string, t: Timing, p: Awaited<ReturnType<typeof probe>>, extra = "") => {
    const write = p.longestWriteMs ?? NaN;
    log(
      `  /api/health while ${what}: p99 ${f0(t.p99)} ms (≤${T.health}: ${verdict(t.p99 <= T.health, `health p99 ${what}`)}) over ${t.n} probes · loop max ${f0(p.loopMaxMs)} ms (≤${T.loop}: ${verdict(p.loopMaxMs <= T.loop, `loop delay ${what}`)}) · longest write transaction ${f0(write)} ms (≤${T.writeMs}: ${verdict(write <= T.writeMs, `longest write ${what}`)})${extra}`,
    );
  };
  await warmJobRoutes(full);
  await probe(app);
  if (withCrm) line("an admin loads /staff/crm (2 at a time)", await healthWhileCrm(full, DURATION), await probe(app));
  const cron = await healthWhileCron(full);
  line(
    "the daily cron runs",
    cron,
    await probe(app),
    ` · run took ${cron.seconds.toFixed(1)} s · a second call answered ${cron.second.status} in ${f0(cron.second.ms)} ms (409 at once: ${verdict(cron.second.status === 409 && cron.second.ms <= T.health, "second cron call 409")})`,
  );
  const imp = await healthWhileImport(full, num(opt["import-rows"]));
  line(
    `a ${num(opt["import-rows"]).toLocaleString("en-US")}-row import runs`,
    imp,
    await probe(app),
    ` · ${imp.created.toLocaleString("en-US")} households in ${imp.seconds.toFixed(1)} s`,
  );
}

async function demoTimings(app: Server, logins: Logins): Promise<Map<string, Timing>> {
  const out = new Map<string, Timing>();
  for (const page of DEMO_PAGES) {
    const cookie = pageCookie(await cookieOf(app.base, logins, page.company, page.role), page);
    await sequential(`${app.base}${page.path}`, cookie, 3);
    out.set(`${page.role} ${page.path}`, await sequential(`${app.base}${page.path}`, cookie, REQUESTS));
  }
  return out;
}

function demoVerdicts(beside: Map<string, Timing>, alone: Map<string, Timing>) {
  log(`\n  demo company, one user: p95 beside the big company vs alone (≤ ${T.demoSlack}× + ${T.demoMs} ms)`);
  for (const [name, b] of beside) {
    const a = alone.get(name)!;
    const ok = b.p95 <= a.p95 * T.demoSlack + T.demoMs;
    log(
      `  ${name.padEnd(40)} ${f0(b.p95).padStart(5)} ms vs ${f0(a.p95).padStart(5)} ms ${verdict(ok, `demo ${name}`)}`,
    );
  }
}

async function main() {
  const t0 = Date.now();
  const households = num(opt.households);
  log(`bench:pages — demo company + ${households.toLocaleString("en-US")} households, database ${opt.db}`);
  const db = await prepareBenchDb(`file:${opt.db}`, households, log);
  const work = path.join(path.dirname(opt.db), "work.db");
  copyDb(opt.db, work);
  buildAll(log, { bare: phases.has("pages") });
  const logins = await loadLogins(`file:${work}`, db.bigId);
  let peakRss = 0;
  const serve = async (file: string) =>
    startServer(process.cwd(), PORT, {
      ...env,
      DATABASE_URL: `file:${file}`,
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    });
  let app = await serve(work);
  const wanted = opt.pages?.split(",");
  const pages = bigPages(logins.bigHouseholdId).filter(
    (p) => !wanted || wanted.some((w) => p.path.includes(w) || p.role.includes(w)),
  );
  let beside: Map<string, Timing> | undefined;
  try {
    if (phases.has("demo")) beside = await demoTimings(app, logins);
    if (phases.has("pages")) await pagesPhase(app, logins, pages);
    if ((phases.has("health") || phases.has("jobs")) && db.bigId) {
      log("");
      const ctx = { cronSecret: env.CRON_SECRET, url: `file:${work}`, companyId: db.bigId, dir: path.dirname(work) };
      await healthPhase(app, logins, ctx, phases.has("health"));
    }
    peakRss = (await probe(app)).peakRssMb;
  } finally {
    app.stop();
  }
  if (beside) {
    await prepareBenchDb(`file:${opt["demo-db"]}`, 0, log);
    cookies.clear(); // another database: other user ids
    app = await serve(opt["demo-db"]);
    try {
      demoVerdicts(beside, await demoTimings(app, logins));
    } finally {
      app.stop();
    }
  }
  log(`\n  server peak RSS ${f0(peakRss)} MB (≤ ${T.rssMb}: ${verdict(peakRss <= T.rssMb, "peak RSS")})`);
  log(
    `  largest heaps seen after a page: main ${heapPeak.main} MB, database threads ${heapPeak.threads} MB (writer + ${heapPeak.readers} readers)`,
  );
  log(
    `\n${misses.length ? `${misses.length} target(s) missed` : "every target ok"} · ${((Date.now() - t0) / 60000).toFixed(1)} min`,
  );
  process.exitCode = misses.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
