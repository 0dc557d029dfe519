import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { billLines, bills, feeItems, meterReadings } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { generateBills } from "@/lib/billing/generate";
import { roundSheet, saveRoundReading } from "@/lib/billing/meter-round";
import { saveReadings } from "@/lib/billing/meters";
import {
  pendingSelfReadings,
  reviewSelfReading,
  saveSelfReadWindow,
  submitSelfReading,
} from "@/lib/billing/self-readings";
import type { Db } from "@/lib/db/client";
import { createBillingEstate } from "../support/billing";
import { createUser, linkResident } from "../support/fixtures";
import { fakeFile, PNG } from "../support/tickets";
import { createTestDb } from "../support/test-db";

const photo = [fakeFile(PNG)];

async function addWater(db: Db, companyId: number) {
  const [item] = await db
    .insert(feeItems)
    .values({ companyId, name: "水费", kind: "metered", priceFen: 365 })
    .returning();
  return item;
}

/** The field message key (or error code) a promise is refused with. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fe = e.fieldErrors ?? {};
    const first = Object.entries(fe)[0];
    return first ? `${first[0]}:${first[1][0]}` : e.code;
  }
}

/** An estate of 2 units with water readings for Jan–Mar (10 m³ a month) and a technician. */
async function roundWorld(db: Db) {
  const e = await createBillingEstate(db, 2);
  const water = await addWater(db, e.companyId);
  const tech = await createUser(db, e.companyId, ["technician"], "维修工");
  const desk = { companyId: e.companyId, userId: e.finance.id };
  for (const [i, period] of ["2026-01", "2026-02", "2026-03"].entries())
    await saveReadings(db, desk, {
      feeItemId: water.id,
      period,
      readings: e.units.map((u) => ({ unitId: u.id, readingCenti: 100000 + i * 1000 })),
    });
  return { ...e, water, tech, me: { companyId: e.companyId, userId: tech.id } };
}

const readingsOf = (db: Db, companyId: number, period: string) =>
  db
    .select()
    .from(meterReadings)
    .where(and(eq(meterReadings.companyId, companyId), eq(meterReadings.period, period)));

describe("meter reading round (抄表 from the phone)", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("saves a unit's reading with its photo, approved; the round shows it done with the usual consumption", async () => {
    const w = await roundWorld(db);
    const [u1, u2] = w.units;
    const before = await roundSheet(db, w.companyId, w.building.id, w.water.id, "2026-04");
    expect(before.map((r) => [r.unitId, r.previousCenti, r.usualCenti, r.recorded])).toEqual([
      [u1.id, 102000, 1000, null],
      [u2.id, 102000, 1000, null],
    ]);
    const input = { feeItemId: w.water.id, period: "2026-04", unitId: u1.id, reading: 103100, confirm: false };
    await saveRoundReading(db, w.me, input, photo);
    const [row] = await readingsOf(db, w.companyId, "2026-04");
    expect(row).toMatchObject({ unitId: u1.id, readingCenti: 103100, previousCenti: 102000, source: "staff" });
    expect(row).toMatchObject({ status: "approved", flag: null, actorUserId: w.tech.id });
    expect(row.photoPath).toMatch(/\.png$/);
    const after = await roundSheet(db, w.companyId, w.building.id, w.water.id, "2026-04");
    expect(after.map((r) => r.recorded?.readingCenti ?? null)).toEqual([103100, null]);
  });

  it("asks to confirm an implausible reading (nothing written), then stores it flagged", async () => {
    const w = await roundWorld(db);
    const input = { feeItemId: w.water.id, period: "2026-04", unitId: w.units[0].id, reading: 110000, confirm: false };
    expect(await refusal(saveRoundReading(db, w.me, input, photo))).toBe("reading:billing.meterRound.confirm_high");
    expect(await readingsOf(db, w.companyId, "2026-04")).toHaveLength(0);
    const low = { ...input, unitId: w.units[1].id, reading: 102100 };
    expect(await refusal(saveRoundReading(db, w.me, low, photo))).toBe("reading:billing.meterRound.confirm_low");
    await saveRoundReading(db, w.me, { ...input, confirm: true }, photo);
    await saveRoundReading(db, w.me, { ...low, confirm: true }, photo);
    const rows = await readingsOf(db, w.companyId, "2026-04");
    expect(rows.map((r) => [r.unitId, r.flag]).sort()).toEqual([
      [w.units[0].id, "high"],
      [w.units[1].id, "low"],
    ]);
  });

  it("refuses a reading below the previous one and a reading without a photo; nothing written", async () => {
    const w = await roundWorld(db);
    const input = { feeItemId: w.water.id, period: "2026-04", unitId: w.units[0].id, reading: 101000, confirm: true };
    expect(await refusal(saveRoundReading(db, w.me, input, photo))).toBe("reading:billing.errors.readingBelowPrevious");
    const ok = { ...input, reading: 103000 };
    expect(await refusal(saveRoundReading(db, w.me, ok, []))).toBe("photos:billing.meterRound.photoRequired");
    expect(await readingsOf(db, w.companyId, "2026-04")).toHaveLength(0);
  });

  it("a concurrent double save of the same unit records one reading", async () => {
    const w = await roundWorld(db);
    const input = { feeItemId: w.water.id, period: "2026-04", unitId: w.units[0].id, reading: 103000, confirm: false };
    const results = await Promise.all([
      refusal(saveRoundReading(db, w.me, input, photo)),
      refusal(saveRoundReading(db, w.me, { ...input, reading: 103050 }, photo)),
    ]);
    expect(results.sort()).toEqual(["ok", "reading:billing.errors.readingExists"]);
    expect(await readingsOf(db, w.companyId, "2026-04")).toHaveLength(1);
  });

  it("another company's unit or fee item is not found", async () => {
    const w = await roundWorld(db);
    const other = await roundWorld(db);
    const input = {
      feeItemId: w.water.id,
      period: "2026-04",
      unitId: other.units[0].id,
      reading: 103000,
      confirm: false,
    };
    expect(await refusal(saveRoundReading(db, w.me, input, photo))).toBe("not_found");
    const foreignItem = { ...input, feeItemId: other.water.id, unitId: w.units[0].id };
    expect(await refusal(saveRoundReading(db, w.me, foreignItem, photo))).toBe("not_found");
    expect(await roundSheet(db, w.companyId, other.building.id, w.water.id, "2026-04")).toEqual([]);
  });
});

describe("residents' self-reading", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function selfWorld() {
    const w = await roundWorld(db);
    const resident = await createUser(db, w.companyId, ["resident"], "业主");
    await linkResident(db, w.companyId, resident.id, w.households[0].id);
    await saveSelfReadWindow(db, { companyId: w.companyId, userId: w.finance.id }, { fromDay: 20, toDay: 25 });
    return { ...w, resident, res: { companyId: w.companyId, userId: resident.id } };
  }

  it("inside the window a resident's reading is pending; the bill run bills only the approved one", async () => {
    const w = await selfWorld();
    await linkResident(db, w.companyId, w.resident.id, w.households[1].id);
    const [u1, u2] = w.units;
    const input = { feeItemId: w.water.id, unitId: u1.id, reading: 103000 };
    const { id } = await submitSelfReading(db, w.res, input, photo, "2026-04-21");
    expect(await refusal(submitSelfReading(db, w.res, input, photo, "2026-04-21"))).toBe(
      "reading:billing.selfRead.pendingExists",
    );
    const other = await submitSelfReading(db, w.res, { ...input, unitId: u2.id, reading: 104000 }, photo, "2026-04-25");
    const pending = await pendingSelfReadings(db, w.companyId);
    expect(pending.map((p) => [p.id, p.readingCenti, p.previousCenti, p.flag])).toEqual([
      [id, 103000, 102000, null],
      [other.id, 104000, 102000, null],
    ]);
    const desk = { companyId: w.companyId, userId: w.finance.id };
    await reviewSelfReading(db, desk, { readingId: id, decision: "approve", reason: undefined });
    expect((await pendingSelfReadings(db, w.companyId)).map((p) => p.id)).toEqual([other.id]);
    const [row] = (await readingsOf(db, w.companyId, "2026-04")).filter((r) => r.id === id);
    expect(row).toMatchObject({ status: "approved", source: "resident", reviewerUserId: w.finance.id });
    expect(await refusal(reviewSelfReading(db, desk, { readingId: id, decision: "reject", reason: "x" }))).toBe(
      "readingId:billing.selfRead.decided",
    );
    await generateBills(db, w.companyId, "2026-04");
    const lines = await db
      .select({ unitId: billLines.unitId, quantity: billLines.quantity })
      .from(billLines)
      .innerJoin(bills, eq(bills.id, billLines.billId))
      .where(and(eq(bills.companyId, w.companyId), eq(billLines.feeItemId, w.water.id), eq(bills.period, "2026-04")));
    expect(lines).toEqual([{ unitId: u1.id, quantity: 1000 }]);
  });

  it("outside the window nothing is written and the resident is told the window is closed", async () => {
    const w = await selfWorld();
    const input = { feeItemId: w.water.id, unitId: w.units[0].id, reading: 103000 };
    expect(await refusal(submitSelfReading(db, w.res, input, photo, "2026-04-19"))).toBe(
      "reading:billing.selfRead.closedNow",
    );
    expect(await refusal(submitSelfReading(db, w.res, input, photo, "2026-04-26"))).toBe(
      "reading:billing.selfRead.closedNow",
    );
    expect(await readingsOf(db, w.companyId, "2026-04")).toHaveLength(0);
  });

  it("a resident reads only their own units; staff of another company cannot review; a staff reading wins", async () => {
    const w = await selfWorld();
    const other = await selfWorld();
    const notMine = { feeItemId: w.water.id, unitId: w.units[1].id, reading: 103000 };
    expect(await refusal(submitSelfReading(db, w.res, notMine, photo, "2026-04-21"))).toBe("not_found");
    const foreign = { feeItemId: other.water.id, unitId: other.units[0].id, reading: 103000 };
    expect(await refusal(submitSelfReading(db, w.res, foreign, photo, "2026-04-21"))).toBe("not_found");
    const mine = { feeItemId: w.water.id, unitId: w.units[0].id, reading: 103000 };
    const { id } = await submitSelfReading(db, w.res, mine, photo, "2026-04-21");
    const stranger = { companyId: other.companyId, userId: other.finance.id };
    expect(
      await refusal(reviewSelfReading(db, stranger, { readingId: id, decision: "approve", reason: undefined })),
    ).toBe("not_found");
    await saveRoundReading(db, w.me, { ...mine, period: "2026-04", reading: 103200, confirm: false }, photo);
    const desk = { companyId: w.companyId, userId: w.finance.id };
    expect(await refusal(reviewSelfReading(db, desk, { readingId: id, decision: "approve", reason: undefined }))).toBe(
      "readingId:billing.errors.readingExists",
    );
    await reviewSelfReading(db, desk, { readingId: id, decision: "reject", reason: "已由抄表员读数" });
    const rows = await readingsOf(db, w.companyId, "2026-04");
    expect(rows.map((r) => [r.source, r.status, r.rejectReason]).sort()).toEqual([
      ["resident", "rejected", "已由抄表员读数"],
      ["staff", "approved", null],
    ]);
  });
});
