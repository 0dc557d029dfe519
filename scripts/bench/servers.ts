/**
 * The servers of `npm run bench:pages`: the app's production build, and a bare Next.js 16 app
 * (one dynamic page that verifies the next-auth JWT cookie) built in .cache/bench-bare — the
 * yardstick for "how fast could a page be on this machine".
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { waitForHealth } from "./http";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const BARE_DIR = path.join(ROOT, ".cache/bench-bare");

const BARE_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "guanjia-bench-bare", private: true, type: "module" }),
  "next.config.mjs": "export default { turbopack: { root: process.env.BENCH_REPO_ROOT } };\n",
  "app/layout.jsx": `export default function Layout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  "app/page.jsx": `import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";

export const dynamic = "force-dynamic";

/** The bare page: verifies (decrypts) the next-auth session cookie and greets its user. */
export default async function Page() {
  const token = (await cookies()).getAll().find((c) => c.name.endsWith("session-token"))?.value;
  const session = token ? await decode({ token, secret: process.env.NEXTAUTH_SECRET }) : null;
  return (<main><h1>{session ? "Hello " + (session.name ?? session.sub) : "Signed out"}</h1></main>);
}
`,
  "app/api/health/route.js": `export const dynamic = "force-dynamic";
export function GET() { return Response.json({ status: "ok" }); }
`,
  // The yardstick's own event-loop delay under the same load (GET /api/loop?reset=1: max since the last reset).
  "instrumentation.js": `export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { monitorEventLoopDelay } = await import("node:perf_hooks");
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  globalThis.__benchLoop = h;
}
`,
  "app/api/loop/route.js": `export const dynamic = "force-dynamic";
export function GET(request) {
  const h = globalThis.__benchLoop;
  const max = h ? h.max / 1e6 : null;
  if (h && new URL(request.url).searchParams.get("reset") === "1") h.reset();
  return Response.json({ loopMaxMs: max });
}
`,
};

function build(cwd: string, log: (line: string) => void, what: string) {
  const t = Date.now();
  const logFile = path.join(ROOT, ".cache", `bench-build-${what.replace(/\W+/g, "-")}.log`);
  try {
    execFileSync("npx", ["next", "build"], {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", BENCH_REPO_ROOT: ROOT },
      stdio: ["ignore", fs.openSync(logFile, "w"), fs.openSync(logFile, "a")],
    });
  } catch {
    throw new Error(`next build of ${what} failed: see ${logFile}`);
  }
  log(`  built ${what} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

/** Builds the app and (with `bare`) the bare app unless BENCH_SKIP_BUILD=1 and their builds exist. */
export function buildAll(log: (line: string) => void, { bare = true } = {}) {
  const skip = process.env.BENCH_SKIP_BUILD === "1";
  if (!(skip && fs.existsSync(path.join(ROOT, ".next/BUILD_ID")))) build(ROOT, log, "app");
  else log("  BENCH_SKIP_BUILD=1: using the app's build in .next");
  if (!bare) return;
  for (const [file, text] of Object.entries(BARE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(BARE_DIR, file)), { recursive: true });
    fs.writeFileSync(path.join(BARE_DIR, file), text);
  }
  if (!(skip && fs.existsSync(path.join(BARE_DIR, ".next/BUILD_ID")))) build(BARE_DIR, log, "bare app");
}

export interface Server {
  base: string;
  stop: () => void;
}

/** `next start` in `cwd` on 127.0.0.1:`port`, waited for; stop() ends its process group. */
export async function startServer(cwd: string, port: number, env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd,
    // MALLOC_ARENA_MAX as `npm start` sets it (README, "Process model"), unless the caller sets it.
    env: {
      MALLOC_ARENA_MAX: "2",
      ...process.env,
      ...env,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
    },
    // BENCH_SERVER_LOG=<file>: the server's output there (e.g. with NODE_OPTIONS=--trace-gc), else dropped.
    stdio: [
      "ignore",
      process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, "a") : "ignore",
      "inherit",
    ],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  try {
    await waitForHealth(base, 120_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { base, stop };
}
