import { benchAuthorized, readBenchProbe } from "@/lib/bench-probe";
import { getDb } from "@/lib/db";
import { writeQueueStats } from "@/lib/db/write-queue";

export const dynamic = "force-dynamic";

/**
 * GET /api/bench[?reset=1] with `x-bench-secret: $BENCH_SECRET` → the event loop's max and p99
 * delay since the last reset, RSS and peak RSS (lib/bench-probe.ts), and the longest time the
 * process held its write lock since the last reset (a write transaction, batch or statement). 404 unless the server was
 * started with BENCH_SECRET and the header matches: the route does not exist for anyone else.
 * Also the main V8 heap and each database thread's heap (MB), to tell where the RSS goes.
 */
export async function GET(request: Request) {
  if (!benchAuthorized(request.headers.get("x-bench-secret")))
    return new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const reset = new URL(request.url).searchParams.get("reset") === "1";
  const client = getDb().$client;
  const writes = writeQueueStats(client);
  const threaded = client as { threadHeaps?: () => Promise<{ used: number; total: number }[]> };
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const heap = process.memoryUsage();
  const threads = threaded.threadHeaps ? await threaded.threadHeaps() : [];
  const body = {
    ...readBenchProbe(reset),
    longestWriteMs: writes ? writes.longestHoldMs : null,
    // Where the memory is: the main V8 heap and each database thread's (writer first), in MB.
    heapMb: { used: mb(heap.heapUsed), total: mb(heap.heapTotal), external: mb(heap.external) },
    threadHeapsMb: threads.map((t) => ({ used: mb(t.used), total: mb(t.total) })),
  };
  if (reset && writes) writes.longestHoldMs = 0;
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}
