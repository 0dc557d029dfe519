import {
  constants,
  monitorEventLoopDelay,
  performance,
  PerformanceObserver,
  type IntervalHistogram,
} from "node:perf_hooks";
import { timingSafeEqual } from "node:crypto";
import { liveEnv } from "@/lib/env";

/**
 * The server's event-loop delay and memory, for `npm run bench:pages` only: installed by
 * instrumentation.ts when BENCH_SECRET is set (at least 16 characters), read through
 * GET /api/bench with the header `x-bench-secret`. Without the variable nothing is measured
 * and the route answers 404.
 */
const state = globalThis as unknown as { __guanjiaLoopDelay?: IntervalHistogram };

export function installBenchProbe(): void {
  if (!benchSecret() || state.__guanjiaLoopDelay) return;
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  state.__guanjiaLoopDelay = h;
  if (liveEnv("BENCH_STALLS") === "1") logStalls();
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "scavenge",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "mark-compact",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental marking",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};

/**
 * BENCH_STALLS=1: each stall of the loop over 50 ms on stdout, with the time, and each garbage
 * collection pause over 20 ms with its kind (set BENCH_SERVER_LOG to keep them).
 */
function logStalls(): void {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration < 20) continue;
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      const at = new Date(performance.timeOrigin + e.startTime).toISOString();
      console.log(`[gc] ${at} ${GC_KINDS[kind] ?? kind} ${e.duration.toFixed(0)} ms`);
    }
  }).observe({ entryTypes: ["gc"] });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 60) console.log(`[stall] ${new Date().toISOString()} ${(now - last - 10).toFixed(0)} ms`);
    last = now;
  }, 10).unref();
}

function benchSecret(): string | null {
  const s = liveEnv("BENCH_SECRET") ?? "";
  return s.length >= 16 ? s : null;
}

export function benchAuthorized(header: string | null): boolean {
  const secret = benchSecret();
  if (!secret || !header || !state.__guanjiaLoopDelay) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface BenchProbe {
  loopMaxMs: number;
  loopP99Ms: number;
  rssMb: number;
  peakRssMb: number;
}

/** The delays since the last reset (`reset` starts a new window), RSS now and the process's peak. */
export function readBenchProbe(reset: boolean): BenchProbe {
  const h = state.__guanjiaLoopDelay!;
  const out = {
    loopMaxMs: h.max / 1e6,
    loopP99Ms: h.percentile(99) / 1e6,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  if (reset) h.reset();
  return out;
}
