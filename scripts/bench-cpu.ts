/**
 * npm run bench:cpu — what each page of the big company costs in CPU per request: the server
 * process's (its event loop and its database threads) and the event loop's alone, read from
 * /proc (Linux). Unlike req/s this holds on a busy machine, so it can compare two versions while
 * other work runs: the server's own CPU time does not count the time it waited for a core.
 *
 * On the bench database of `npm run bench:pages` (built there; `--db`, a copy is served) and the
 * production build (BENCH_SKIP_BUILD=1 reuses `.next`). Each page: signed in as its role, 3
 * warm-up requests, then `--requests` (30) one after another; also the HTML size.
 * `--pages <text,…>` keeps the pages whose role or path contains one of the texts.
 * DATABASE_SLOW_MS=<ms> in the environment makes the server log its slow statements
 * (`--server-log <file>` keeps its output) — where a page's database time goes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { copyDb, prepareBenchDb } from "./bench/prepare";
import { bigPages, loadLogins, pageCookie } from "./bench/pages";
import { sequential, signIn } from "./bench/http";
import { buildAll, startServer } from "./bench/servers";

const { values: opt } = parseArgs({
  options: {
    db: { type: "string", default: path.join(os.tmpdir(), "guanjia-bench-pages", "bench.db") },
    households: { type: "string", default: "50000" },
    pages: { type: "string" },
    requests: { type: "string", default: "30" },
    "server-log": { type: "string" },
  },
});
const PORT = Number(process.env.BENCH_PORT || 3318);
const log = (line: string) => console.log(line);

/** CPU time (ms) of a process or thread from its /proc stat line: utime + stime, in clock ticks of 10 ms. */
function cpuMs(stat: string): number {
  const fields = fs.readFileSync(stat, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The next-server process serving `port` (started by `next start` with PORT in its environment). */
function serverPid(port: number): number {
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const env = fs.readFileSync(`/proc/${pid}/environ`, "utf8");
      if (cmd.startsWith("next-server") && env.includes(`\0PORT=${port}\0`)) return Number(pid);
    } catch {
      /* gone, or not ours */
    }
  }
  throw new Error(`no next-server process on port ${port}`);
}

async function main() {
  if (!fs.existsSync("/proc/self/stat")) throw new Error("bench:cpu reads /proc: Linux only");
  const households = Number(opt.households.replace(/[_,]/g, ""));
  const requests = Number(opt.requests);
  const db = await prepareBenchDb(`file:${opt.db}`, households, log);
  const work = path.join(path.dirname(opt.db), "cpu.db");
  copyDb(opt.db, work);
  buildAll(log, { bare: false });
  const logins = await loadLogins(`file:${work}`, db.bigId);
  if (opt["server-log"]) process.env.BENCH_SERVER_LOG = opt["server-log"];
  const nextauthSecret = crypto.randomBytes(32).toString("base64url");
  const app = await startServer(process.cwd(), PORT, {
    NEXTAUTH_SECRET: nextauthSecret,
    DATABASE_URL: `file:${work}`,
    NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
  });
  try {
    const pid = serverPid(PORT);
    const wanted = opt.pages?.split(",");
    const pages = bigPages(logins.bigHouseholdId).filter(
      (p) => !wanted || wanted.some((w) => p.path.includes(w) || p.role.includes(w)),
    );
    log(`\n  CPU per request over ${requests} requests (ms): process = event loop + database threads`);
    log(
      `  ${"role".padEnd(16)}${"page".padEnd(34)}${"process".padStart(8)}${"loop".padStart(8)}${"p50".padStart(7)}   HTML`,
    );
    const cookies = new Map<string, string>();
    for (const page of pages) {
      if (!cookies.has(page.role))
        cookies.set(page.role, await signIn(app.base, logins.identifier("big", page.role), logins.password));
      const url = `${app.base}${page.path}`;
      const cookie = pageCookie(cookies.get(page.role)!, page);
      await sequential(url, cookie, 3);
      const [p0, m0] = [cpuMs(`/proc/${pid}/stat`), cpuMs(`/proc/${pid}/task/${pid}/stat`)];
      const one = await sequential(url, cookie, requests);
      const [p1, m1] = [cpuMs(`/proc/${pid}/stat`), cpuMs(`/proc/${pid}/task/${pid}/stat`)];
      const html = (await (await fetch(url, { headers: { cookie } })).text()).length;
      log(
        `  ${page.role.padEnd(16)}${page.path.padEnd(34)}${((p1 - p0) / requests).toFixed(0).padStart(8)}${((m1 - m0) / requests).toFixed(0).padStart(8)}${one.p50.toFixed(0).padStart(7)}   ${(html / 1024).toFixed(0)} KiB`,
      );
    }
  } finally {
    app.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
