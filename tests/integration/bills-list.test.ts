import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bills } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { listBills } from "@/lib/billing/queries/bills";
import type { Db } from "@/lib/db/client";
import { recordPayment } from "@/lib/flows/record-payment";
import { createBillingEstate } from "../support/billing";
import { createEstate } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/**
 * The bills list (/staff/billing/bills) reads where each household sits from household_placements:
 * its rows, count and sums must be the month's bills — all of them, or one building's — and never
 * another company's.
 */
describe("listBills", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("lists, counts and sums the month's bills, by building too, within the company", async () => {
    const a = await createBillingEstate(db, 3);
    const second = await createEstate(db, a.companyId, { n: 2 });
    const other = await createBillingEstate(db, 2);
    for (const c of [a.companyId, other.companyId]) await generateBills(db, c, "2026-04");
    await recordPayment(db, {
      companyId: a.companyId,
      householdId: second.households[0].id,
      amountFen: 5000,
      method: "cash",
      idempotencyKey: randomUUID(),
      actorUserId: a.adminId,
    });
    const month = await db
      .select()
      .from(bills)
      .where(and(eq(bills.companyId, a.companyId), eq(bills.period, "2026-04")));
    const sum = (rows: typeof month) => ({
      amountFen: rows.reduce((s, b) => s + b.linesFen + b.adjustmentFen, 0),
      allocatedFen: rows.reduce((s, b) => s + b.allocatedFen, 0),
    });

    const all = await listBills(db, a.companyId, { period: "2026-04" });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.id).sort()).toEqual(month.map((b) => b.id).sort());
    expect(all.sums).toEqual(sum(month));
    expect(all.sums.allocatedFen).toBe(5000);

    const inSecond = new Set(second.households.map((h) => h.id));
    const byBuilding = await listBills(db, a.companyId, { period: "2026-04", buildingId: second.building.id });
    expect(byBuilding.total).toBe(2);
    expect(byBuilding.rows.every((r) => inSecond.has(r.householdId))).toBe(true);
    expect(byBuilding.sums).toEqual(sum(month.filter((b) => inSecond.has(b.householdId))));

    const paid = await listBills(db, a.companyId, { period: "2026-04", status: "partial" });
    expect(paid.rows.map((r) => r.householdId)).toEqual([second.households[0].id]);

    // Another company's building: nothing, even by id.
    const foreign = await listBills(db, a.companyId, { period: "2026-04", buildingId: other.building.id });
    expect(foreign).toMatchObject({ total: 0, rows: [], sums: { amountFen: 0, allocatedFen: 0 } });
  });
});
