import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cronLeases } from "@/db/schema";
import { acquireLease, releaseLease } from "@/lib/jobs/lease";
import { TICK_LEASE } from "@/lib/cron/tick";
import type { Db } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";
import { createEmptyDb } from "../support/test-db";

// The route's database is a private, empty, migrated one: its tick runs over every company, so it must own them all.
const holder = vi.hoisted(() => ({ db: undefined as unknown as Db }));
vi.mock("@/lib/db", () => ({ getDb: () => holder.db }));
const { GET } = await import("@/app/api/cron/tick/route");

const SECRET = "tick-route-secret-0123456789";
const call = (auth?: string) =>
  GET(new Request("http://localhost/api/cron/tick", { headers: auth ? { authorization: auth } : {} }));

describe("GET /api/cron/tick", () => {
  beforeAll(async () => {
    holder.db = (await createEmptyDb()).db;
    await migrateDb(holder.db);
  });
  afterEach(() => vi.unstubAllEnvs());

  it("fails closed: 503 while CRON_SECRET is unset, whatever the header", async () => {
    vi.stubEnv("CRON_SECRET", "");
    expect((await call(`Bearer ${SECRET}`)).status).toBe(503);
    expect((await call()).status).toBe(503);
  });

  it("401 without the secret or with a wrong one", async () => {
    vi.stubEnv("CRON_SECRET", SECRET);
    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${SECRET}x`)).status).toBe(401);
    expect((await call(SECRET)).status).toBe(401);
  });

  it("200 with a JSON summary of every tick job; 409 while another process holds the tick lease", async () => {
    vi.stubEnv("CRON_SECRET", SECRET);
    const ok = await call(`Bearer ${SECRET}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const body = await ok.json();
    expect(body).toMatchObject({ ok: true, status: "ok" });
    expect(Object.keys(body.jobs)).toEqual([
      "leases.recover",
      "tickets.escalate",
      "portal.notices",
      "billing.staleCheckouts",
      "billing.checkoutExpiry",
      "auth.purgeCodes",
      "field.misses",
      "outbox.deliver",
    ]);
    expect(await holder.db.select().from(cronLeases).where(eq(cronLeases.name, TICK_LEASE))).toHaveLength(0);

    expect(await acquireLease(holder.db, TICK_LEASE, "other-process")).toBe(true);
    try {
      const busy = await call(`Bearer ${SECRET}`);
      expect(busy.status).toBe(409);
      expect(await busy.json()).toMatchObject({ ok: false, status: "busy", heldBy: "other-process" });
    } finally {
      await releaseLease(holder.db, TICK_LEASE, "other-process");
    }
    expect((await call(`Bearer ${SECRET}`)).status).toBe(200);
  });
});
