/** Runs once when the server starts (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressStamp } = await import("./lib/auth/peer-address");
    installPeerAddressStamp();
    // npm run bench:pages only: the event-loop delay monitor behind /api/bench (off without BENCH_SECRET).
    if (process.env.BENCH_SECRET) (await import("./lib/bench-probe")).installBenchProbe();
  }
}
