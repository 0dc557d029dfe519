import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addMonths } from "@/lib/time/calendar";
import { bills, contractBills, contractCustomers, meterReadings } from "@/db/schema";
import { seedDemo } from "@/scripts/seed/index";
import { seedBilling } from "@/scripts/seed/billing";
import { monthsInArrears } from "@/lib/billing/rules";
import { householdAccount } from "@/lib/billing/queries/household-account";
import { monthsInArrearsByHousehold } from "@/lib/billing/queries/arrears";
import { createTestDb } from "../support/test-db";
import { localDate } from "@/lib/time/zone";

// Heavy (seeds or escalates hundreds of rows): generous on a loaded machine — the CRM history took 54 s with both cores busy.
describe("billing seed", { timeout: 240_000 }, () => {
  it("writes 24 months of consistent history once, and the arrears query agrees with the rule", async () => {
    const { db } = await createTestDb();
    const { companyId } = await seedDemo(db, {
      households: 300,
      passwordHash: "$argon2id$not-a-real-hash",
      reset: true,
    });
    const first = await seedBilling(db, companyId);
    expect(first.status).toBe("created");
    expect(first.bills).toBe(300 * 24);
    expect((await seedBilling(db, companyId)).status).toBe("exists");
    // a dozen homes have this month's water and electricity readings (baselines)
    const current = localDate(new Date(), "Asia/Shanghai").slice(0, 7);
    const readings = await db.select().from(meterReadings).where(eq(meterReadings.companyId, companyId));
    expect(readings.filter((r) => r.period === current)).toHaveLength(24);
    // and last month's phone round of one building, on top of the month before (its baseline)
    const last = readings.filter((r) => r.period === addMonths(current, -1));
    expect(last.length).toBeGreaterThan(0);
    expect(last.every((r) => r.status === "approved" && r.readingCenti > r.previousCenti)).toBe(true);
    expect(readings.filter((r) => r.period === addMonths(current, -2))).toHaveLength(last.length);
    // three contract customers, each with a contract billed for the last three months
    expect(await db.$count(contractCustomers, eq(contractCustomers.companyId, companyId))).toBe(3);
    expect(await db.$count(contractBills, eq(contractBills.companyId, companyId))).toBe(9);

    // running totals equal the entries
    const [drift] = await db.all<{ n: number }>(sql`
      select count(*) as n from bills b where b.company_id = ${companyId}
         and b.allocated_fen <> coalesce((select sum(a.amount_fen) from allocations a where a.bill_id = b.id), 0)`);
    expect(Number(drift.n)).toBe(0);
    // receipt numbers: per year 1..n without gaps
    const years = await db.all<{ y: string; n: number; top: number }>(sql`
      select substr(receipt_no, 1, 4) as y, count(*) as n, max(cast(substr(receipt_no, 6) as integer)) as top
        from payments where company_id = ${companyId} group by 1`);
    expect(years.length).toBeGreaterThan(0);
    for (const y of years) expect(Number(y.top)).toBe(Number(y.n));
    // no negative credit
    const [neg] = await db.all<{ n: number }>(sql`
      select count(*) as n from (select household_id, sum(amount_fen) as bal from credit_entries where company_id = ${companyId} group by 1 having bal < 0)`);
    expect(Number(neg.n)).toBe(0);

    const today = localDate(new Date(), "Asia/Shanghai");
    const arrears = await monthsInArrearsByHousehold(db, companyId, today);
    const months = [...arrears.values()].map((a) => a.months);
    expect(months.some((m) => m >= 13)).toBe(true); // a few over a year behind
    expect(months.some((m) => m >= 3 && m <= 11)).toBe(true);
    expect(arrears.size).toBeLessThan(300 * 0.4); // most pay on time

    // the set-based query and the pure rule agree, household by household (a sample)
    const sample = await db
      .selectDistinct({ h: bills.householdId })
      .from(bills)
      .where(eq(bills.companyId, companyId))
      .limit(60);
    expect(sample.length).toBeGreaterThan(0);
    for (const { h } of sample) {
      const rows = await db
        .select()
        .from(bills)
        .where(and(eq(bills.companyId, companyId), eq(bills.householdId, h)));
      const byRule = monthsInArrears(
        rows.map((b) => ({
          dueDate: b.dueDate,
          amountFen: b.linesFen + b.adjustmentFen,
          voided: b.voided,
          allocations: [{ amountFen: b.allocatedFen, on: "0000-00-00" }],
        })),
        today,
      );
      expect(arrears.get(h)?.months ?? 0).toBe(byRule);
    }
    // someone is paid ahead 12 months or more
    const credit = await db.all<{ h: number }>(sql`
      select household_id as h from credit_entries where company_id = ${companyId} group by 1 having sum(amount_fen) > 0 limit 1`);
    expect(credit.length).toBe(1);
    const account = await householdAccount(db, companyId, credit[0].h, today);
    expect(account?.paidAheadMonths).toBeGreaterThanOrEqual(12);
  });
});
