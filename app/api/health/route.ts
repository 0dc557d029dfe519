import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** GET /api/health → { status, database: { status, latencyMs } }; 503 when the database does not answer. */
export async function GET() {
  const started = performance.now();
  try {
    await getDb().run(sql`select 1`);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return Response.json({ status: "ok", database: { status: "ok", latencyMs } });
  } catch (e) {
    console.error("[health] database check failed", e);
    return Response.json({ status: "error", database: { status: "error" } }, { status: 503 });
  }
}
