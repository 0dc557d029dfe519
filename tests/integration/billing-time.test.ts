import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { billLines, bills, contractBills, householdUnits, units } from "@/db/schema";
import { createContractCustomer } from "@/lib/billing/contracts";
import { generateBills } from "@/lib/billing/generate";
import { proratedFen } from "@/lib/billing/proration";
import { monthsInArrearsByHousehold } from "@/lib/billing/queries/arrears";
import { saveBillingSettings, updateFeeItem } from "@/lib/billing/settings";
import { addUnitPeriod } from "@/lib/billing/unit-periods";
import { openDb, type Db } from "@/lib/db/client";
import { createHousehold } from "@/lib/registry/commands/households";
import { transferUnit } from "@/lib/registry/holdings";
import { householdSchema } from "@/lib/registry/schemas";
import { createBillingEstate } from "../support/billing";
import { testDbMode } from "../support/sqld";
import { createTestDb } from "../support/test-db";

async function billOf(db: Db, householdId: number, period: string) {
  const [b] = await db
    .select()
    .from(bills)
    .where(and(eq(bills.householdId, householdId), eq(bills.period, period), eq(bills.kind, "monthly")));
  return b;
}

async function linesOf(db: Db, billId: number) {
  return db.select().from(billLines).where(eq(billLines.billId, billId)).orderBy(billLines.id);
}

describe("billing over time", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a unit transferred on the 17th bills both holders for their days, each with its reason", async () => {
    const e = await createBillingEstate(db, 2);
    const [seller, buyer] = e.households;
    const unit = e.units[0];
    const actor = { companyId: e.companyId, userId: e.finance.id };
    await transferUnit(db, actor, {
      unitId: unit.id,
      fromHouseholdId: seller.id,
      toHouseholdId: buyer.id,
      date: "2026-03-17",
    });
    await generateBills(db, e.companyId, "2026-03");
    const sellerLines = await linesOf(db, (await billOf(db, seller.id, "2026-03")).id);
    const buyerLines = await linesOf(db, (await billOf(db, buyer.id, "2026-03")).id);
    const sellerArea = sellerLines.find((l) => l.unitId === unit.id)!;
    const buyerArea = buyerLines.find((l) => l.unitId === unit.id)!;
    // 1–16 March: 16 days to the seller; 17–31 March: 15 days to the buyer.
    expect(sellerArea.amountFen).toBe(proratedFen(250, unit.areaCentiM2, 16, 31));
    expect(buyerArea.amountFen).toBe(proratedFen(250, unit.areaCentiM2, 15, 31));
    expect([sellerArea.reasonKey, JSON.parse(sellerArea.reasonParams!)]).toEqual([
      "reason.prorated",
      { days: 16, monthDays: 31 },
    ]);
    expect(JSON.parse(buyerArea.reasonParams!)).toEqual({ days: 15, monthDays: 31 });
    // The seller's garbage fee covers its 16 days; the buyer held its own flat all month.
    expect(sellerLines.find((l) => l.feeItemId === e.feeItems.garbage.id)!.amountFen).toBe(
      proratedFen(1000, 100, 16, 31),
    );
    expect(buyerLines.find((l) => l.feeItemId === e.feeItems.garbage.id)).toMatchObject({
      amountFen: 1000,
      reasonKey: null,
    });
    // April: the seller holds nothing and gets no bill.
    await generateBills(db, e.companyId, "2026-04");
    expect(await billOf(db, seller.id, "2026-04")).toBeUndefined();
    expect(
      (await linesOf(db, (await billOf(db, buyer.id, "2026-04")).id)).filter((l) => l.unitId === unit.id),
    ).toHaveLength(1);
  });

  it("a bill run for a month before a household's handover creates nothing for it; the first month is prorated", async () => {
    const e = await createBillingEstate(db, 1);
    const [free] = await db
      .insert(units)
      .values({ companyId: e.companyId, buildingId: e.building.id, number: "9-901", areaCentiM2: 10_000 })
      .returning();
    const input = householdSchema.parse({
      name: "新业主",
      kind: "owner",
      unitIds: [free.id],
      fromDate: "2026-05-10",
      contacts: [{ name: "王五", phone: "13900000001", email: "" }],
    });
    const h = await createHousehold(db, { companyId: e.companyId, userId: e.finance.id }, input);
    const april = await generateBills(db, e.companyId, "2026-04");
    expect(await billOf(db, h.id, "2026-04")).toBeUndefined();
    expect(april.created).toBe(1); // the estate's other household only
    await generateBills(db, e.companyId, "2026-05");
    const lines = await linesOf(db, (await billOf(db, h.id, "2026-05")).id);
    expect(lines.find((l) => l.unitId === free.id)).toMatchObject({
      amountFen: proratedFen(250, 10_000, 22, 31),
      reasonKey: "reason.prorated",
    });
  });

  it("two transfers of one unit at the same time: one wins, the periods never overlap", async () => {
    const e = await createBillingEstate(db, 3);
    const [seller, b1, b2] = e.households;
    const unit = e.units[0];
    const actor = { companyId: e.companyId, userId: e.finance.id };
    const other = testDbMode() === "remote" ? openDb(inject("sqldUrl")) : null;
    try {
      const results = await Promise.allSettled([
        transferUnit(db, actor, {
          unitId: unit.id,
          fromHouseholdId: seller.id,
          toHouseholdId: b1.id,
          date: "2026-02-10",
        }),
        transferUnit(other?.db ?? db, actor, {
          unitId: unit.id,
          fromHouseholdId: seller.id,
          toHouseholdId: b2.id,
          date: "2026-02-20",
        }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason).toMatchObject({ code: "conflict" });
    } finally {
      other?.client.close();
    }
    const periods = await db
      .select()
      .from(householdUnits)
      .where(eq(householdUnits.unitId, unit.id))
      .orderBy(householdUnits.fromDate);
    expect(periods).toHaveLength(2);
    expect(periods[0].toDate).toBe(periods[1].fromDate);
    expect(periods[1].toDate).toBeNull();
    // The database refuses an overlapping holder even when a command is bypassed.
    await expect(
      db.insert(householdUnits).values({
        companyId: e.companyId,
        householdId: e.households[2].id,
        unitId: unit.id,
        fromDate: "2026-01-01",
        toDate: "2026-02-15",
      }),
    ).rejects.toThrow();
  });

  it("re-running any month is idempotent", async () => {
    const e = await createBillingEstate(db, 2);
    const actor = { companyId: e.companyId, userId: e.finance.id };
    await transferUnit(db, actor, {
      unitId: e.units[0].id,
      fromHouseholdId: e.households[0].id,
      toHouseholdId: e.households[1].id,
      date: "2025-11-05",
    });
    for (const period of ["2025-10", "2025-11", "2025-12"]) {
      const first = await generateBills(db, e.companyId, period);
      expect(first.created).toBeGreaterThan(0);
      const before = await db.all<{ n: number; total: number }>(
        sql`select count(*) as n, sum(l.amount_fen) as total from bill_lines l join bills b on b.id = l.bill_id where b.company_id = ${e.companyId} and b.period = ${period}`,
      );
      expect((await generateBills(db, e.companyId, period)).created).toBe(0);
      const after = await db.all<{ n: number; total: number }>(
        sql`select count(*) as n, sum(l.amount_fen) as total from bill_lines l join bills b on b.id = l.bill_id where b.company_id = ${e.companyId} and b.period = ${period}`,
      );
      expect(after).toEqual(before);
    }
  });

  it("a household that sold its unit stays in arrears for its old debt only, never for the buyer's bills", async () => {
    const e = await createBillingEstate(db, 2);
    const [seller, buyer] = e.households;
    const actor = { companyId: e.companyId, userId: e.finance.id };
    await generateBills(db, e.companyId, "2026-01");
    await generateBills(db, e.companyId, "2026-02");
    await transferUnit(db, actor, {
      unitId: e.units[0].id,
      fromHouseholdId: seller.id,
      toHouseholdId: buyer.id,
      date: "2026-03-01",
    });
    for (const p of ["2026-03", "2026-04", "2026-05"]) await generateBills(db, e.companyId, p);
    const owed = (await billOf(db, seller.id, "2026-01")).linesFen + (await billOf(db, seller.id, "2026-02")).linesFen;
    const arrears = await monthsInArrearsByHousehold(db, e.companyId, "2026-06-01");
    expect(arrears.get(seller.id)).toEqual({ months: 2, owedFen: owed });
    expect(arrears.get(buyer.id)?.months).toBe(5);
    const open = await db
      .select()
      .from(householdUnits)
      .where(and(eq(householdUnits.householdId, seller.id), isNull(householdUnits.toDate)));
    expect(open).toHaveLength(0);
  });

  it("a price change applies from its month on; runs for earlier months keep the old price", async () => {
    const e = await createBillingEstate(db, 2);
    const actor = { companyId: e.companyId, userId: e.finance.id };
    await updateFeeItem(db, actor, { id: e.feeItems.property.id, price: 300, active: true, fromPeriod: "2026-06" });
    await expect(
      updateFeeItem(db, actor, { id: e.feeItems.property.id, price: 280, active: true, fromPeriod: "2026-05" }),
    ).rejects.toMatchObject({ code: "validation" });
    await generateBills(db, e.companyId, "2026-06");
    await generateBills(db, e.companyId, "2026-05"); // a catch-up run for an earlier month, after the change
    const area = e.units[0].areaCentiM2;
    const lineFor = async (period: string) =>
      (await linesOf(db, (await billOf(db, e.households[0].id, period)).id)).find(
        (l) => l.feeItemId === e.feeItems.property.id,
      )!;
    expect((await lineFor("2026-05")).amountFen).toBe(proratedFen(250, area, 31, 31));
    expect((await lineFor("2026-06")).amountFen).toBe(proratedFen(300, area, 30, 30));
  });

  it("vacant days bill per-area items at the vacancy rate on a line of their own; fee-free days bill nothing", async () => {
    const e = await createBillingEstate(db, 2);
    const actor = { companyId: e.companyId, userId: e.finance.id };
    await saveBillingSettings(db, actor, { dueDay: 15, rounding: "jiao", proration: "days", vacancyRate: 7000 });
    const [vacant, free] = e.units;
    await addUnitPeriod(db, actor, { unitId: vacant.id, kind: "vacant", fromDate: "2026-04-11", toDate: null });
    await expect(
      addUnitPeriod(db, actor, { unitId: vacant.id, kind: "free", fromDate: "2026-05-01", toDate: "2026-06-01" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await addUnitPeriod(db, actor, { unitId: free.id, kind: "free", fromDate: "2026-01-01", toDate: "2026-05-01" });
    await generateBills(db, e.companyId, "2026-04");
    const vLines = await linesOf(db, (await billOf(db, e.households[0].id, "2026-04")).id);
    const area = vLines.filter((l) => l.feeItemId === e.feeItems.property.id);
    expect(area.map((l) => [l.amountFen, l.reasonKey])).toEqual([
      [proratedFen(250, vacant.areaCentiM2, 10, 30, "jiao"), "reason.prorated"],
      [proratedFen(250, vacant.areaCentiM2, 20, 30, "jiao", 7000), "reason.vacancy"],
    ]);
    expect(JSON.parse(area[1].reasonParams!)).toEqual({ days: 20, monthDays: 30, percent: 70 });
    expect(vLines.find((l) => l.feeItemId === e.feeItems.garbage.id)!.amountFen).toBe(1000); // per-household items are not reduced
    // The fee-free unit's household gets no bill for April, and a full bill from May.
    expect(await billOf(db, e.households[1].id, "2026-04")).toBeUndefined();
    await generateBills(db, e.companyId, "2026-05");
    const may = await linesOf(db, (await billOf(db, e.households[1].id, "2026-05")).id);
    expect(may.find((l) => l.feeItemId === e.feeItems.property.id)).toMatchObject({
      amountFen: proratedFen(250, free.areaCentiM2, 31, 31, "jiao"),
      reasonKey: null,
    });
  });

  it("a month half developer-paid (开发商承担) bills the household for its days and the developer, as a contract customer, for the rest", async () => {
    const e = await createBillingEstate(db, 1);
    const other = await createBillingEstate(db, 1);
    const actor = { companyId: e.companyId, userId: e.finance.id };
    const developer = await createContractCustomer(db, actor, { name: "开发商" });
    const foreign = await createContractCustomer(
      db,
      { companyId: other.companyId, userId: other.finance.id },
      { name: "别家开发商" },
    );
    const [unit] = e.units;
    const period = { unitId: unit.id, kind: "developer" as const, fromDate: "2026-04-01", toDate: "2026-04-16" };
    await expect(addUnitPeriod(db, actor, period)).rejects.toMatchObject({ code: "validation" });
    await expect(addUnitPeriod(db, actor, { ...period, customerId: foreign.id })).rejects.toMatchObject({
      code: "validation",
    });
    const row = await addUnitPeriod(db, actor, { ...period, customerId: developer.id });
    for (const month of ["2026-04", "2026-04", "2026-05"]) await generateBills(db, e.companyId, month);
    const april = await linesOf(db, (await billOf(db, e.households[0].id, "2026-04")).id);
    expect(april.find((l) => l.feeItemId === e.feeItems.property.id)).toMatchObject({
      amountFen: proratedFen(250, unit.areaCentiM2, 15, 30),
      reasonKey: "reason.prorated",
    });
    const devBills = await db
      .select()
      .from(contractBills)
      .where(eq(contractBills.customerId, developer.id))
      .orderBy(contractBills.period);
    expect(devBills).toHaveLength(1); // re-run idempotent; nothing for May (after the period)
    expect(devBills[0]).toMatchObject({
      period: "2026-04",
      unitPeriodId: row.id,
      unitId: unit.id,
      contractId: null,
      amountFen: proratedFen(250, unit.areaCentiM2, 15, 30),
      reasonKey: "reason.developer",
    });
    expect(JSON.parse(devBills[0].reasonParams!)).toEqual({ days: 15, monthDays: 30 });
    const may = await linesOf(db, (await billOf(db, e.households[0].id, "2026-05")).id);
    expect(may.find((l) => l.feeItemId === e.feeItems.property.id)).toMatchObject({
      amountFen: proratedFen(250, unit.areaCentiM2, 31, 31),
      reasonKey: null,
    });
    // The other company's bill run bills nothing to this developer.
    await generateBills(db, other.companyId, "2026-04");
    expect(await db.select().from(contractBills).where(eq(contractBills.companyId, other.companyId))).toHaveLength(0);
  });
});
