import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bills, buildings, feeItems, householdPlacements, householdUnits, units } from "@/db/schema";
import { voidBill } from "@/lib/billing/corrections";
import { generateBills } from "@/lib/billing/generate";
import { listBills } from "@/lib/billing/queries/bills";
import type { Db } from "@/lib/db/client";
import { recordPayment } from "@/lib/flows/record-payment";
import { createBillingEstate } from "../support/billing";
import { createCompany, createEstate } from "../support/fixtures";
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
    // A voided bill stays in the list (and its count) but not in its sums.
    const [wrong] = await db.select().from(bills).where(eq(bills.householdId, a.households[0].id));
    await voidBill(db, { companyId: a.companyId, userId: a.finance.id }, { billId: wrong.id, reason: "重复开单" });
    const month = await db
      .select()
      .from(bills)
      .where(and(eq(bills.companyId, a.companyId), eq(bills.period, "2026-04")));
    const sum = (rows: typeof month) => ({
      amountFen: rows.filter((b) => !b.voided).reduce((s, b) => s + b.linesFen + b.adjustmentFen, 0),
      allocatedFen: rows.filter((b) => !b.voided).reduce((s, b) => s + b.allocatedFen, 0),
    });

    const all = await listBills(db, a.companyId, { period: "2026-04" });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.id).sort()).toEqual(month.map((b) => b.id).sort());
    expect(all.sums).toEqual(sum(month));
    expect(all.sums.allocatedFen).toBe(5000);
    expect(all.sums.amountFen).toBeLessThan(month.reduce((s, b) => s + b.linesFen + b.adjustmentFen, 0));
    expect(all.rows.find((r) => r.id === wrong.id)?.status).toBe("voided");
    const inFirst = new Set(a.households.map((h) => h.id));
    const byFirst = await listBills(db, a.companyId, { period: "2026-04", buildingId: a.building.id });
    expect(byFirst.total).toBe(3);
    expect(byFirst.sums).toEqual(sum(month.filter((b) => inFirst.has(b.householdId))));

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

  it("pages in the list's order (building code, unit number, bill) without sorting the month", async () => {
    const { companyId, adminId } = await createCompany(db);
    await db.insert(feeItems).values({ companyId, name: "物业费", kind: "per_household", priceFen: 1000 });
    // Two buildings share code "1" (their bills interleave by unit number), then "2", then "10".
    const estates = [];
    for (const code of ["1", "10", "1", "2"]) {
      const e = await createEstate(db, companyId, { n: 18 });
      await db.update(buildings).set({ code }).where(eq(buildings.id, e.building.id));
      estates.push(e);
    }
    await db.update(units).set({ number: "2-1" }).where(eq(units.id, estates[0].units[3].id));
    await generateBills(db, companyId, "2026-04");
    // A household that left its unit: no placement, its bill comes first.
    const gone = estates[1].households[5];
    await db.delete(householdUnits).where(eq(householdUnits.householdId, gone.id));
    for (const h of estates.flatMap((e) => e.households).filter((_, i) => i % 3 === 0))
      await recordPayment(db, {
        companyId,
        householdId: h.id,
        amountFen: 400,
        method: "cash",
        idempotencyKey: randomUUID(),
        actorUserId: adminId,
      });
    const p = householdPlacements;
    /** The list's definition: the month's bills joined to where they sit, sorted whole. */
    const expected = async (extra?: ReturnType<typeof sql>) =>
      (
        await db
          .select({ id: bills.id })
          .from(bills)
          .leftJoin(p, eq(p.householdId, bills.householdId))
          .leftJoin(units, eq(units.id, p.unitId))
          .leftJoin(buildings, eq(buildings.id, p.buildingId))
          .where(and(eq(bills.companyId, companyId), eq(bills.period, "2026-04"), extra))
          .orderBy(
            sql`length(${buildings.code})`,
            asc(buildings.code),
            sql`length(${units.number})`,
            asc(units.number),
            asc(bills.id),
          )
      ).map((r) => r.id);
    const ids = async (filter: Parameters<typeof listBills>[2]) =>
      (await listBills(db, companyId, filter)).rows.map((r) => r.id);
    const all = await expected();
    expect(all).toHaveLength(72);
    expect(all[0]).toBe((await db.select().from(bills).where(eq(bills.householdId, gone.id)))[0].id);
    expect(await ids({ period: "2026-04" })).toEqual(all.slice(0, 50));
    expect(await ids({ period: "2026-04", page: 2 })).toEqual(all.slice(50));
    expect(await ids({ period: "2026-04", page: 3 })).toEqual([]);
    const partial = await expected(sql`${bills.allocatedFen} > 0`);
    expect(partial).toHaveLength(24);
    expect(await ids({ period: "2026-04", status: "partial" })).toEqual(partial);
    const unpaid = await expected(sql`${bills.allocatedFen} = 0`);
    expect(await ids({ period: "2026-04", status: "unpaid" })).toEqual(unpaid.slice(0, 50));
    const one = await expected(sql`${p.buildingId} = ${estates[2].building.id}`);
    expect(await ids({ period: "2026-04", buildingId: estates[2].building.id })).toEqual(one);
    const total = await listBills(db, companyId, { period: "2026-04", status: "unpaid", page: 2 });
    expect(total.total).toBe(48);
    expect(total.rows.map((r) => r.id)).toEqual(unpaid.slice(50));
  });
});
