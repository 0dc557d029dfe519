import { expect, test } from "../support/test";
import { E2E_CRON_SECRET } from "../../../playwright.config";

test.describe("GET /api/cron", () => {
  test("refuses without the bearer secret", async ({ request }) => {
    expect((await request.get("/api/cron")).status()).toBe(401);
    expect(
      (await request.get("/api/cron", { headers: { Authorization: "Bearer wrong-secret-wrong-secret" } })).status(),
    ).toBe(401);
  });

  test("rejects a malformed date", async ({ request }) => {
    const res = await request.get("/api/cron?asOf=2026-02-30", {
      headers: { Authorization: `Bearer ${E2E_CRON_SECRET}` },
    });
    expect(res.status()).toBe(400);
  });

  test("runs every job for every company and answers a JSON summary; a second run skips the date-bound jobs", async ({
    request,
  }) => {
    const headers = { Authorization: `Bearer ${E2E_CRON_SECRET}` };
    // Today (each company's own date): what the deployed cron does every night.
    const first = await request.get("/api/cron", { headers });
    expect(first.status()).toBe(200);
    const body = await first.json();
    expect(body.ok).toBe(true);
    expect(body.companies.length).toBeGreaterThan(0);
    for (const c of body.companies) {
      expect(c.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.keys(c.jobs)).toEqual(
        expect.arrayContaining(["billing.generate", "tickets.escalate", "tickets.maintenance", "hr.changes"]),
      );
    }
    const second = await (await request.get("/api/cron", { headers })).json();
    expect(second.ok).toBe(true);
    expect(second.totals["billing.generate"].skipped).toBe(second.companies.length);
    expect(second.totals["tickets.escalate"].done).toBe(second.companies.length);
  });
});

test.describe("GET /api/cron/tick", () => {
  test("refuses without the bearer secret; with it runs every tick job and answers a JSON summary", async ({
    request,
  }) => {
    expect((await request.get("/api/cron/tick")).status()).toBe(401);
    expect(
      (
        await request.get("/api/cron/tick", { headers: { Authorization: "Bearer wrong-secret-wrong-secret" } })
      ).status(),
    ).toBe(401);
    // No other spec calls the tick, so its lease is free.
    const ok = await request.get("/api/cron/tick", { headers: { Authorization: `Bearer ${E2E_CRON_SECRET}` } });
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body.ok).toBe(true);
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
  });
});
