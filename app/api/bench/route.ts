import { benchAuthorized, readBenchProbe } from "@/lib/bench-probe";

export const dynamic = "force-dynamic";

/**
 * GET /api/bench[?reset=1] with `x-bench-secret: $BENCH_SECRET` → the event loop's max and p99
 * delay since the last reset, RSS and peak RSS (lib/bench-probe.ts). 404 unless the server was
 * started with BENCH_SECRET and the header matches: the route does not exist for anyone else.
 */
export async function GET(request: Request) {
  if (!benchAuthorized(request.headers.get("x-bench-secret")))
    return new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const reset = new URL(request.url).searchParams.get("reset") === "1";
  return Response.json(readBenchProbe(reset), { headers: { "Cache-Control": "no-store" } });
}
