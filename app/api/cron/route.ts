import { getDb } from "@/lib/db";
import { checkCronAuth, parseAsOf } from "@/lib/cron/auth";
import { runDaily } from "@/lib/cron/run";
import { liveEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
/** Vercel: allow the daily run up to 5 minutes. */
export const maxDuration = 300;

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/cron[?asOf=YYYY-MM-DD][&force=1] with `Authorization: Bearer $CRON_SECRET`, schedule
 * `5 16 * * *` (vercel.json; the clock-bound work runs every minute at /api/cron/tick):
 * runs every daily job for every company (SPEC §10) and answers a JSON summary per company
 * and job. 401 without the secret, 503 when no secret is configured (fails closed),
 * 409 while another run holds the lease, 500 when a job failed (the others still ran).
 */
export async function GET(request: Request) {
  const auth = checkCronAuth(request.headers.get("authorization"), liveEnv("CRON_SECRET"));
  if (auth === "unconfigured")
    return Response.json({ ok: false, error: "CRON_SECRET is not configured" }, { status: 503, headers: NO_STORE });
  if (auth === "unauthorized")
    return Response.json(
      { ok: false, error: "unauthorized" },
      { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": "Bearer" } },
    );
  const url = new URL(request.url);
  const asOf = parseAsOf(url.searchParams.get("asOf"));
  if (asOf === "invalid")
    return Response.json({ ok: false, error: "asOf must be a date YYYY-MM-DD" }, { status: 400, headers: NO_STORE });
  const summary = await runDaily(getDb(), { asOf: asOf ?? undefined, force: url.searchParams.get("force") === "1" });
  const status = summary.status === "ok" ? 200 : summary.status === "busy" ? 409 : 500;
  return Response.json({ ok: summary.status === "ok", ...summary }, { status, headers: NO_STORE });
}
