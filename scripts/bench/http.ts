/** HTTP helpers of the bench scripts: sign in through the credentials endpoint, wait for a server, time requests. */
import { performance } from "node:perf_hooks";

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** A session cookie ("name=value") for the credentials sign-in (csrf → callback). */
export async function signIn(base: string, identifier: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, identifier, password, json: "true" }),
  });
  const session = cookiesOf(res).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in of ${identifier} failed (HTTP ${res.status})`);
  return session;
}

export async function waitForHealth(base: string, ms: number, path = "/api/health") {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}${path}`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`server at ${base} did not come up`);
}

/** A request slower than this counts as failed (an overloaded server queues requests for minutes). */
export const REQUEST_TIMEOUT_MS = 60_000;

/** One request, body read in full; throws unless 200 (a redirect means the session was refused). */
export async function timedGet(url: string, cookie?: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url} → HTTP ${res.status}`);
  return performance.now() - t;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Timing {
  n: number;
  /** Requests that failed or took longer than REQUEST_TIMEOUT_MS (under load only). */
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

function summarize(ms: number[], seconds: number, errors = 0): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return {
    n: s.length,
    errors,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    rps: s.length / seconds,
  };
}

/** `n` requests one after another (one user). */
export async function sequential(url: string, cookie: string | undefined, n: number): Promise<Timing> {
  const ms: number[] = [];
  const t = performance.now();
  for (let i = 0; i < n; i++) ms.push(await timedGet(url, cookie));
  return summarize(ms, (performance.now() - t) / 1000);
}

/** `connections` users requesting back to back for `seconds`: throughput and latency. */
export async function underLoad(url: string, cookie: string | undefined, connections: number, seconds: number) {
  const ms: number[] = [];
  let errors = 0;
  const t = performance.now();
  const until = t + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until)
        await timedGet(url, cookie).then(
          (v) => ms.push(v),
          () => errors++,
        );
    }),
  );
  return summarize(ms, (performance.now() - t) / 1000, errors);
}

/** GETs `url` every `everyMs` while `during` runs; the latencies (a probe such as /api/health). */
export async function probeWhile(url: string, everyMs: number, during: () => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  let done = false;
  const t = performance.now();
  const probe = (async () => {
    while (!done) {
      ms.push(await timedGet(url).catch(() => REQUEST_TIMEOUT_MS)); // a timed-out probe counts at the cap
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  try {
    await during();
  } finally {
    done = true;
    await probe;
  }
  return summarize(ms, (performance.now() - t) / 1000);
}
