import { and, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, feeItemPrices, householdUnits, unitBillingPeriods } from "@/db/schema";
import { seedDemo } from "@/scripts/seed/index";
import { SEED_MONTHS, seedBilling } from "@/scripts/seed/billing";
import { seedDemoTime } from "@/scripts/seed/time";
import { createTestDb } from "../support/test-db";
import { addMonths } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";

// Heavy (seeds a few hundred households): generous on a loaded machine.
describe("billing-over-time seed", { timeout: 240_000 }, () => {
  it("delivers the last community two years ago, marks a vacant share, records five transfers and one price change, once", async () => {
    const { db } = await createTestDb();
    const { companyId } = await seedDemo(db, {
      households: 300,
      passwordHash: "$argon2id$not-a-real-hash",
      reset: true,
    });
    await seedBilling(db, companyId);
    const now = new Date();
    const first = await seedDemoTime(db, companyId, { now });
    expect(first.status).toBe("created");
    const current = localDate(now, "Asia/Shanghai").slice(0, 7);
    const delivered = `${addMonths(current, 1 - SEED_MONTHS)}-01`;
    const [{ n: fromDelivery }] = await db.all<{ n: number }>(sql`
      select count(*) as n from household_units hu join units u on u.id = hu.unit_id join buildings b on b.id = u.building_id
       where hu.company_id = ${companyId} and hu.from_date = ${delivered}
         and b.community_id = (select max(id) from communities where company_id = ${companyId})`);
    expect(Number(fromDelivery)).toBeGreaterThan(50);
    const vacant = await db.select().from(unitBillingPeriods).where(eq(unitBillingPeriods.companyId, companyId));
    expect(vacant.length).toBe(first.vacant);
    expect(vacant.length).toBeGreaterThan(0);
    expect(vacant.every((p) => p.kind === "vacant" && p.fromDate === `${addMonths(current, 1)}-01`)).toBe(true);
    expect(
      await db.$count(auditLog, and(eq(auditLog.companyId, companyId), eq(auditLog.action, "unit.transfer"))),
    ).toBe(5);
    expect(
      await db.$count(householdUnits, and(eq(householdUnits.companyId, companyId), isNotNull(householdUnits.toDate))),
    ).toBe(5);
    const prices = await db
      .select()
      .from(feeItemPrices)
      .where(eq(feeItemPrices.companyId, companyId))
      .orderBy(feeItemPrices.fromPeriod);
    expect(prices.map((p) => [p.fromPeriod, p.priceFen])).toEqual([
      ["1970-01", 250],
      [addMonths(current, 1), 280],
    ]);
    // Run again: nothing new.
    expect((await seedDemoTime(db, companyId, { now })).status).toBe("exists");
    expect(await db.$count(unitBillingPeriods, eq(unitBillingPeriods.companyId, companyId))).toBe(vacant.length);
    expect(
      await db.$count(householdUnits, and(eq(householdUnits.companyId, companyId), isNotNull(householdUnits.toDate))),
    ).toBe(5);
  });
});
