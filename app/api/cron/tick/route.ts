import { getDb } from "@/lib/db";
import { checkCronAuth } from "@/lib/cron/auth";
import { runTick } from "@/lib/cron/tick";
import { liveEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
/** A tick is short; the budget only bounds a backlog (e.g. a day of outbox messages). */
export const maxDuration = 60;

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/cron/tick with `Authorization: Bearer $CRON_SECRET` — the minute tick (SPEC §10),
 * schedule `* * * * *` (vercel.json; README crontab): SLA escalation, outbox delivery and
 * retries, scheduled announcements going live, checkout expiry, stale leases. 401 without
 * the secret, 503 when no secret is configured (fails closed), 409 while another tick holds
 * the "tick" lease, 500 when a job failed (the others still ran).
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
  const summary = await runTick(getDb());
  const status = summary.status === "ok" ? 200 : summary.status === "busy" ? 409 : 500;
  return Response.json({ ok: summary.status === "ok", ...summary }, { status, headers: NO_STORE });
}
