import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bills, cronJobRuns, cronLeases } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { CRON_JOBS, type RegisteredJob } from "@/lib/cron/jobs";
import { acquireLease, LEASE_NAME, runDaily } from "@/lib/cron/run";
import { createTestDb } from "../support/test-db";
import { createBillingEstate as billingWorld } from "../support/billing";

async function billCount(db: Db, companyId: number) {
  const [r] = await db.select({ n: count() }).from(bills).where(eq(bills.companyId, companyId));
  return r.n;
}

describe("the daily cron", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("runs every job for the date, and a second run for the same date changes nothing", async () => {
    const w = await billingWorld(db);
    const first = await runDaily(db, { asOf: "2026-03-02", companyIds: [w.companyId] });
    expect(first.status).toBe("ok");
    if (first.status === "busy") throw new Error("busy");
    const jobs = first.companies[0].jobs;
    expect(Object.keys(jobs)).toEqual(CRON_JOBS.map((j) => j.name));
    expect(Object.values(jobs).every((o) => o.status === "done")).toBe(true);
    const bills1 = await billCount(db, w.companyId);
    expect(bills1).toBeGreaterThan(0);

    const second = await runDaily(db, { asOf: "2026-03-02", companyIds: [w.companyId] });
    if (second.status === "busy") throw new Error("busy");
    for (const j of CRON_JOBS) expect(second.companies[0].jobs[j.name].status).toBe(j.dateBound ? "skipped" : "done");
    // forced: every job runs again, and still nothing new is written
    const forced = await runDaily(db, { asOf: "2026-03-02", companyIds: [w.companyId], force: true });
    if (forced.status === "busy") throw new Error("busy");
    expect(forced.totals["billing.generate"].bills).toBe(0);
    expect(await billCount(db, w.companyId)).toBe(bills1);
    const [rec] = await db.select().from(cronJobRuns).where(and(eq(cronJobRuns.companyId, w.companyId), eq(cronJobRuns.job, "billing.generate")));
    expect(rec.runs).toBe(2);
    // the lease is released after each run
    expect(await db.select().from(cronLeases).where(eq(cronLeases.name, LEASE_NAME))).toHaveLength(0);
  });

  it("two overlapping runs do what one run does: the second answers busy", async () => {
    const w = await billingWorld(db);
    const [a, b] = await Promise.all([
      runDaily(db, { asOf: "2026-04-02", companyIds: [w.companyId] }),
      runDaily(db, { asOf: "2026-04-02", companyIds: [w.companyId] }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["busy", "ok"]);
    const solo = await billingWorld(db);
    await runDaily(db, { asOf: "2026-04-02", companyIds: [solo.companyId] });
    expect(await billCount(db, w.companyId)).toBe(await billCount(db, solo.companyId));
  });

  it("takes over a lease left behind by a crashed run once it has expired", async () => {
    const w = await billingWorld(db);
    const past = new Date(Date.now() - 3_600_000);
    expect(await acquireLease(db, "crashed-run", past, 60_000)).toBe(true);
    const s = await runDaily(db, { asOf: "2026-05-02", companyIds: [w.companyId] });
    expect(s.status).toBe("ok");
  });

  it("reports a failing job, still runs the others, and resumes it on the next run", async () => {
    const w = await billingWorld(db);
    let fail = true;
    const flaky: RegisteredJob = {
      name: "test.flaky",
      dateBound: true,
      run: async () => {
        if (fail) throw new Error("boom");
        return { fixed: 1 };
      },
    };
    const byName = (n: string) => CRON_JOBS.find((j) => j.name === n)!;
    const jobs = [byName("billing.generate"), flaky, byName("tickets.maintenance")];
    const s1 = await runDaily(db, { asOf: "2026-06-02", companyIds: [w.companyId], jobs });
    if (s1.status === "busy") throw new Error("busy");
    expect(s1.status).toBe("failed");
    expect(s1.companies[0].jobs["test.flaky"].status).toBe("failed");
    expect(s1.companies[0].jobs["tickets.maintenance"].status).toBe("done");
    fail = false;
    const s2 = await runDaily(db, { asOf: "2026-06-02", companyIds: [w.companyId], jobs });
    if (s2.status === "busy") throw new Error("busy");
    expect(s2.status).toBe("ok");
    expect(s2.companies[0].jobs["billing.generate"].status).toBe("skipped");
    expect(s2.companies[0].jobs["test.flaky"]).toMatchObject({ status: "done", counts: { fixed: 1 } });
  });
});
