import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, billingSettings, billLines, bills, feeItems, meterReadings } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { readingSheet, saveReadings } from "@/lib/billing/meters";
import { meteredLineFen } from "@/lib/billing/rules";
import type { Db } from "@/lib/db/client";
import { createBillingEstate } from "../support/billing";
import { createTestDb } from "../support/test-db";

async function addWater(db: Db, companyId: number, priceFen = 365) {
  const [item] = await db.insert(feeItems).values({ companyId, name: "水费", kind: "metered", priceFen }).returning();
  return item;
}

async function readingsOf(db: Db, companyId: number) {
  return db.select().from(meterReadings).where(eq(meterReadings.companyId, companyId));
}

describe("metered utilities", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("takes the previous reading from the last one; the first reading is the baseline", async () => {
    const e = await createBillingEstate(db, 2);
    const water = await addWater(db, e.companyId);
    const actor = { companyId: e.companyId, userId: e.finance.id };
    const [u1, u2] = e.units;
    await saveReadings(db, actor, {
      feeItemId: water.id,
      period: "2026-01",
      readings: [
        { unitId: u1.id, readingCenti: 100000 },
        { unitId: u2.id, readingCenti: null },
      ],
    });
    await saveReadings(db, actor, {
      feeItemId: water.id,
      period: "2026-03",
      readings: [
        { unitId: u1.id, readingCenti: 103450 },
        { unitId: u2.id, readingCenti: 5000 },
      ],
    });
    const rows = await readingsOf(db, e.companyId);
    expect(rows.map((r) => [r.unitId, r.period, r.previousCenti, r.readingCenti]).sort()).toEqual(
      [
        [u1.id, "2026-01", 100000, 100000],
        [u1.id, "2026-03", 100000, 103450],
        [u2.id, "2026-03", 5000, 5000],
      ].sort(),
    );
    const sheet = await readingSheet(db, e.companyId, e.building.id, water.id, "2026-04");
    expect(sheet.map((r) => [r.unitId, r.previousCenti, r.recorded])).toEqual([
      [u1.id, 103450, null],
      [u2.id, 5000, null],
    ]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, e.companyId), eq(auditLog.action, "meter_reading.create")));
    expect(audits).toHaveLength(2);
  });

  it("refuses a reading below the previous one, a second reading for the month and a backdated one; nothing written", async () => {
    const e = await createBillingEstate(db, 2);
    const water = await addWater(db, e.companyId);
    const actor = { companyId: e.companyId, userId: e.finance.id };
    const [u1, u2] = e.units;
    await saveReadings(db, actor, {
      feeItemId: water.id,
      period: "2026-01",
      readings: [{ unitId: u1.id, readingCenti: 50000 }],
    });
    await expect(
      saveReadings(db, actor, {
        feeItemId: water.id,
        period: "2026-02",
        readings: [
          { unitId: u2.id, readingCenti: 100 },
          { unitId: u1.id, readingCenti: 49999 },
        ],
      }),
    ).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { "readings.1.reading": ["billing.errors.readingBelowPrevious"] },
    });
    await expect(
      saveReadings(db, actor, {
        feeItemId: water.id,
        period: "2026-01",
        readings: [{ unitId: u1.id, readingCenti: 60000 }],
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      saveReadings(db, actor, {
        feeItemId: water.id,
        period: "2025-12",
        readings: [{ unitId: u1.id, readingCenti: 40000 }],
      }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { "readings.0.reading": ["billing.errors.readingLater"] },
    });
    expect(await readingsOf(db, e.companyId)).toHaveLength(1);
  });

  it("another company's fee item or unit is not_found, nothing written", async () => {
    const a = await createBillingEstate(db, 1);
    const b = await createBillingEstate(db, 1);
    const waterA = await addWater(db, a.companyId);
    const waterB = await addWater(db, b.companyId);
    const actorA = { companyId: a.companyId, userId: a.finance.id };
    await expect(
      saveReadings(db, actorA, {
        feeItemId: waterB.id,
        period: "2026-01",
        readings: [{ unitId: a.units[0].id, readingCenti: 1 }],
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      saveReadings(db, actorA, {
        feeItemId: waterA.id,
        period: "2026-01",
        readings: [{ unitId: b.units[0].id, readingCenti: 1 }],
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    // a non-metered item of the company is not a meter either
    await expect(
      saveReadings(db, actorA, {
        feeItemId: a.feeItems.property.id,
        period: "2026-01",
        readings: [{ unitId: a.units[0].id, readingCenti: 1 }],
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await readingsOf(db, a.companyId)).toHaveLength(0);
    expect(await readingsOf(db, b.companyId)).toHaveLength(0);
    // the sheet of another company's building shows nothing
    expect(await readingSheet(db, a.companyId, b.building.id, waterA.id, "2026-01")).toEqual([]);
  });

  it("the bill run adds consumption × price once, rounded with the company's rule", async () => {
    const e = await createBillingEstate(db, 3);
    await db.insert(billingSettings).values({ companyId: e.companyId, rounding: "jiao" });
    const water = await addWater(db, e.companyId, 365);
    const actor = { companyId: e.companyId, userId: e.finance.id };
    const [u1, u2, u3] = e.units;
    await saveReadings(db, actor, {
      feeItemId: water.id,
      period: "2026-01",
      readings: [
        { unitId: u1.id, readingCenti: 100000 },
        { unitId: u2.id, readingCenti: 2000 },
      ],
    });
    await saveReadings(db, actor, {
      feeItemId: water.id,
      period: "2026-02",
      readings: [
        { unitId: u1.id, readingCenti: 103450 },
        { unitId: u2.id, readingCenti: 2000 },
        { unitId: u3.id, readingCenti: 700 },
      ],
    });

    const first = await generateBills(db, e.companyId, "2026-02");
    expect(first.created).toBe(3);
    const again = await generateBills(db, e.companyId, "2026-02");
    expect(again.created).toBe(0);

    const lines = await db
      .select({
        householdId: bills.householdId,
        unitId: billLines.unitId,
        quantity: billLines.quantity,
        priceFen: billLines.priceFen,
        amountFen: billLines.amountFen,
      })
      .from(billLines)
      .innerJoin(bills, eq(bills.id, billLines.billId))
      .where(and(eq(bills.companyId, e.companyId), eq(billLines.feeItemId, water.id)));
    expect(lines.sort((x, y) => (x.unitId ?? 0) - (y.unitId ?? 0))).toEqual([
      {
        householdId: e.households[0].id,
        unitId: u1.id,
        quantity: 3450,
        priceFen: 365,
        amountFen: meteredLineFen(365, 3450, "jiao"),
      },
      { householdId: e.households[1].id, unitId: u2.id, quantity: 0, priceFen: 365, amountFen: 0 },
      { householdId: e.households[2].id, unitId: u3.id, quantity: 0, priceFen: 365, amountFen: 0 },
    ]);
    expect(lines[0].amountFen).toBe(12590);
    const [b1] = await db
      .select()
      .from(bills)
      .where(and(eq(bills.householdId, e.households[0].id), eq(bills.period, "2026-02")));
    const all = await db.select().from(billLines).where(eq(billLines.billId, b1.id));
    expect(b1.linesFen).toBe(all.reduce((s, l) => s + l.amountFen, 0));
    expect(all).toHaveLength(3);
    // a month without readings has no water line
    await generateBills(db, e.companyId, "2026-03");
    const [march] = await db
      .select()
      .from(bills)
      .where(and(eq(bills.householdId, e.households[0].id), eq(bills.period, "2026-03")));
    expect(await db.$count(billLines, and(eq(billLines.billId, march.id), eq(billLines.feeItemId, water.id)))).toBe(0);
  });
});
