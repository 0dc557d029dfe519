import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bills, cronJobRuns, cronLeases } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { CRON_JOBS, type RegisteredJob } from "@/lib/cron/jobs";
import { acquireLease, LEASE_STALE_MS, releaseLease, withLease } from "@/lib/jobs/lease";
import { runDaily } from "@/lib/cron/run";
import { createTestDb } from "../support/test-db";
import { createBillingEstate as billingWorld } from "../support/billing";

/** Each test runs under a lease of its own: a test that fails or times out never blocks another. */
const leaseOf = () => `test-daily-${randomUUID()}`;

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
    const lease = leaseOf();
    const first = await runDaily(db, { asOf: "2026-03-02", companyIds: [w.companyId], lease });
    expect(first.status).toBe("ok");
    if (first.status === "busy") throw new Error("busy");
    const jobs = first.companies[0].jobs;
    expect(Object.keys(jobs)).toEqual(CRON_JOBS.map((j) => j.name));
    expect(Object.values(jobs).every((o) => o.status === "done")).toBe(true);
    const bills1 = await billCount(db, w.companyId);
    expect(bills1).toBeGreaterThan(0);

    const second = await runDaily(db, { asOf: "2026-03-02", companyIds: [w.companyId], lease });
    if (second.status === "busy") throw new Error("busy");
    for (const j of CRON_JOBS) expect(second.companies[0].jobs[j.name].status).toBe(j.dateBound ? "skipped" : "done");
    // forced: every job runs again, and still nothing new is written
    const forced = await runDaily(db, { asOf: "2026-03-02", companyIds: [w.companyId], force: true, lease });
    if (forced.status === "busy") throw new Error("busy");
    expect(forced.totals["billing.generate"].bills).toBe(0);
    expect(await billCount(db, w.companyId)).toBe(bills1);
    const [rec] = await db
      .select()
      .from(cronJobRuns)
      .where(and(eq(cronJobRuns.companyId, w.companyId), eq(cronJobRuns.job, "billing.generate")));
    expect(rec.runs).toBe(2);
    // the lease is released after each run
    expect(await db.select().from(cronLeases).where(eq(cronLeases.name, lease))).toHaveLength(0);
  });

  it("two overlapping runs in one process do what one run does: the second answers busy at once", async () => {
    const w = await billingWorld(db);
    const lease = leaseOf();
    const first = runDaily(db, { asOf: "2026-04-02", companyIds: [w.companyId], lease });
    // The in-process guard answers before the first run has even taken the database lease.
    const second = await runDaily(db, { asOf: "2026-04-02", companyIds: [w.companyId], lease });
    expect(second).toMatchObject({ status: "busy", heldBy: "this process" });
    expect((await first).status).toBe("ok");
    const solo = await billingWorld(db);
    await runDaily(db, { asOf: "2026-04-02", companyIds: [solo.companyId], lease });
    expect(await billCount(db, w.companyId)).toBe(await billCount(db, solo.companyId));
  });

  it("another process's live lease answers busy; a crashed holder's lease (no heartbeat for 30 s) is taken over", async () => {
    const w = await billingWorld(db);
    const lease = leaseOf();
    // A live holder in another process: it heartbeat a second ago.
    expect(await acquireLease(db, lease, "other-process", new Date(Date.now() - 1_000))).toBe(true);
    expect(await runDaily(db, { asOf: "2026-05-02", companyIds: [w.companyId], lease })).toMatchObject({
      status: "busy",
      heldBy: "other-process",
    });
    // It crashed: its last heartbeat is older than LEASE_STALE_MS, though its row was written to last for hours.
    const old = Date.now() - LEASE_STALE_MS - 1_000;
    await db
      .update(cronLeases)
      .set({ heartbeatAt: new Date(old), expiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(cronLeases.name, lease));
    const s = await runDaily(db, { asOf: "2026-05-02", companyIds: [w.companyId], lease });
    expect(s.status).toBe("ok");
    expect(await db.select().from(cronLeases).where(eq(cronLeases.name, lease))).toHaveLength(0);
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
    const lease = leaseOf();
    const s1 = await runDaily(db, { asOf: "2026-06-02", companyIds: [w.companyId], jobs, lease });
    if (s1.status === "busy") throw new Error("busy");
    expect(s1.status).toBe("failed");
    expect(s1.companies[0].jobs["test.flaky"].status).toBe("failed");
    expect(s1.companies[0].jobs["tickets.maintenance"].status).toBe("done");
    fail = false;
    const s2 = await runDaily(db, { asOf: "2026-06-02", companyIds: [w.companyId], jobs, lease });
    if (s2.status === "busy") throw new Error("busy");
    expect(s2.status).toBe("ok");
    expect(s2.companies[0].jobs["billing.generate"].status).toBe("skipped");
    expect(s2.companies[0].jobs["test.flaky"]).toMatchObject({ status: "done", counts: { fixed: 1 } });
  });

  it("the holder heartbeats while it runs, and notices when its lease was taken over", async () => {
    const name = leaseOf();
    const row = async () => (await db.select().from(cronLeases).where(eq(cronLeases.name, name)))[0];
    const res = await withLease(
      db,
      name,
      async (lease) => {
        const first = await row();
        // Bounded polls (not timed assertions): the heartbeat moves, then a thief takes the lease.
        for (let i = 0; i < 200 && (await row()).heartbeatAt!.getTime() <= first.heartbeatAt!.getTime(); i++)
          await new Promise((r) => setTimeout(r, 50));
        const beat = await row();
        await db.update(cronLeases).set({ holder: "thief" }).where(eq(cronLeases.name, name));
        for (let i = 0; i < 200 && !lease.lost; i++) await new Promise((r) => setTimeout(r, 50));
        return { first, beat, lost: lease.lost };
      },
      100,
    );
    if (res.status !== "ran") throw new Error("busy");
    expect(res.value.beat.heartbeatAt!.getTime()).toBeGreaterThan(res.value.first.heartbeatAt!.getTime());
    expect(res.value.beat.expiresAt.getTime()).toBeGreaterThan(res.value.first.expiresAt.getTime());
    expect(res.value.lost).toBe(true);
    // The thief's lease is not released by the run that lost it.
    expect((await row()).holder).toBe("thief");
    await releaseLease(db, name);
  });

  it("--release-lease frees a stuck lease at once", async () => {
    const w = await billingWorld(db);
    const lease = leaseOf();
    expect(await acquireLease(db, lease, "stuck-process")).toBe(true);
    expect((await runDaily(db, { asOf: "2026-07-02", companyIds: [w.companyId], lease })).status).toBe("busy");
    expect(await releaseLease(db, lease)).toBe(1);
    expect((await runDaily(db, { asOf: "2026-07-02", companyIds: [w.companyId], lease })).status).toBe("ok");
  });
});
