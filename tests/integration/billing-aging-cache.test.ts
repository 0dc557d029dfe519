import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { billingVersions, buildingButlers, communities, users } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { billingVersion, cachedAgingReport } from "@/lib/billing/queries/aging-cache";
import { agingReport } from "@/lib/billing/queries/reports";
import type { Db } from "@/lib/db/client";
import { recordPayment } from "@/lib/flows/record-payment";
import { createBillingEstate } from "../support/billing";
import { createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/**
 * Issue 14 point 4: the arrears aging is kept per company, day, grouping and billing version.
 * Every change it shows — a payment, a bill, a butler placed, a community or butler renamed —
 * moves the version in the writer's transaction, so a kept report always equals a fresh one;
 * another company's writes leave it alone.
 */
describe("the arrears aging, kept by billing version", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a kept report equals a fresh one after each kind of change, and is reused until one", async () => {
    const e = await createBillingEstate(db, 3);
    const other = await createBillingEstate(db, 2);
    for (const p of ["2026-01", "2026-02", "2026-03"]) await generateBills(db, e.companyId, p);
    const today = "2026-04-20";
    const pay = (companyId: number, householdId: number, amountFen: number, actorUserId: number) =>
      recordPayment(db, {
        companyId,
        householdId,
        amountFen,
        method: "cash",
        idempotencyKey: randomUUID(),
        actorUserId,
      });
    const fresh = (grouping: "community" | "butler" = "community", day = today) =>
      agingReport(db, e.companyId, day, grouping);
    const kept = (grouping: "community" | "butler" = "community", day = today) =>
      cachedAgingReport(db, e.companyId, day, grouping);

    const first = await kept();
    expect(first).toEqual(await fresh());
    expect(first[0].households).toBe(3);
    expect(await kept()).toBe(first); // reused while nothing changed

    // A payment (allocations on bills) moves the version: household 1 pays everything.
    const v0 = await billingVersion(db, e.companyId);
    await pay(e.companyId, e.households[0].id, 10_000_000, e.finance.id);
    const v1 = await billingVersion(db, e.companyId);
    expect(v1.version).toBeGreaterThan(v0.version);
    expect(v1.epoch).toBe(v0.epoch);
    const afterPayment = await kept();
    expect(afterPayment).not.toBe(first);
    expect(afterPayment).toEqual(await fresh());
    expect(afterPayment[0].households).toBe(2);

    // Another company's bills and payments leave this company's report alone.
    await generateBills(db, other.companyId, "2026-01");
    await pay(other.companyId, other.households[0].id, 100, other.finance.id);
    expect(await kept()).toBe(afterPayment);

    // A new bill run moves it (April is not due yet on the 20th: the same figures, a new report).
    await generateBills(db, e.companyId, "2026-04");
    expect(await kept()).not.toBe(afterPayment);
    expect(await kept()).toEqual(await fresh());

    // A butler placed on the building (household placements), then renamed: by butler, both show.
    const butler = await createUser(db, e.companyId, ["butler"], "管家甲");
    await db
      .insert(buildingButlers)
      .values({ companyId: e.companyId, buildingId: e.building.id, butlerUserId: butler.id });
    expect((await kept("butler")).map((r) => r.name)).toEqual(["管家甲"]);
    await db.update(users).set({ name: "管家乙" }).where(eq(users.id, butler.id));
    expect((await kept("butler")).map((r) => r.name)).toEqual(["管家乙"]);
    expect(await kept("butler")).toEqual(await fresh("butler"));

    // A community renamed.
    await db.update(communities).set({ name: "新名小区" }).where(eq(communities.id, e.community.id));
    expect((await kept()).map((r) => r.name)).toEqual(["新名小区"]);

    // Another day is another report: on 2026-05-20 April is past due too.
    const may = await kept("community", "2026-05-20");
    expect(may).toEqual(await fresh("community", "2026-05-20"));
    expect(may[0].buckets["3-5"].households).toBe(2);

    // The version row deleted (a purge or a reset deletes the company's rows table by table): a
    // bill written afterwards does not make it again (the triggers only update), and the next
    // read makes a row with a new epoch, so nothing kept before is met again.
    await db.delete(billingVersions).where(eq(billingVersions.companyId, e.companyId));
    await pay(e.companyId, e.households[1].id, 10_000_000, e.finance.id);
    expect(await db.$count(billingVersions, eq(billingVersions.companyId, e.companyId))).toBe(0);
    const again = await kept();
    expect(again).not.toBe(afterPayment);
    expect(again).toEqual(await fresh());
    expect((await billingVersion(db, e.companyId)).epoch).not.toBe(v0.epoch);
  });
});
