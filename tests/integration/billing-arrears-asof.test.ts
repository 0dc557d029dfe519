import { beforeAll, describe, expect, it } from "vitest";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { monthsInArrearsAsOf, monthsInArrearsByHousehold, unpaidMonthlyBillsAsOf } from "@/lib/billing/queries/arrears";
import type { Db } from "@/lib/db/client";
import { createBillingEstate } from "../support/billing";
import { createTestDb } from "../support/test-db";

describe("months in arrears as of a past date", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("counts only the money received by the cutoff, so a replay sees the arrears of that day", async () => {
    const e = await createBillingEstate(db, 2);
    for (const m of ["2026-01", "2026-02", "2026-03", "2026-04"])
      await generateBills(db, e.companyId, m, new Date(`${m}-01T02:00:00Z`));
    const h = e.households[0].id;
    // Everything is paid on 2026-05-20 (the payment covers the four bills oldest first).
    const owed = (await unpaidMonthlyBillsAsOf(db, e.companyId, "2026-05-01", null, [h])).reduce(
      (s, b) => s + b.owedFen,
      0,
    );
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: h,
      amountFen: owed,
      method: "cash",
      idempotencyKey: "asof-1",
      actorUserId: e.finance.id,
      now: new Date("2026-05-20T03:00:00Z"),
    });

    expect((await monthsInArrearsByHousehold(db, e.companyId, "2026-05-10")).get(h)).toBeUndefined();
    // As of 2026-05-10 (cutoff the end of that day) the four bills were still unpaid.
    const before = await monthsInArrearsAsOf(db, e.companyId, "2026-05-10", new Date("2026-05-10T16:00:00Z"));
    expect(before.get(h)).toEqual({ months: 4, owedFen: owed });
    // As of 2026-05-21 they were paid; the other household still owes its four months.
    const after = await monthsInArrearsAsOf(db, e.companyId, "2026-05-21", new Date("2026-05-21T16:00:00Z"));
    expect(after.get(h)).toBeUndefined();
    expect(after.get(e.households[1].id)?.months).toBe(4);
    // Bills due after the date are not months in arrears yet.
    expect(
      (await monthsInArrearsAsOf(db, e.companyId, "2026-03-10", new Date("2026-03-10T16:00:00Z"))).get(h)?.months,
    ).toBe(2);
    // The grouped read equals the per-bill detail summed by household.
    const bills = await unpaidMonthlyBillsAsOf(db, e.companyId, "2026-05-10", new Date("2026-05-10T16:00:00Z"));
    const summed = new Map<number, { months: number; owedFen: number }>();
    for (const b of bills) {
      const cur = summed.get(b.householdId) ?? { months: 0, owedFen: 0 };
      summed.set(b.householdId, { months: cur.months + 1, owedFen: cur.owedFen + b.owedFen });
    }
    expect(summed.size).toBe(2);
    expect(before).toEqual(summed);
    const detail = await unpaidMonthlyBillsAsOf(db, e.companyId, "2026-05-10", new Date("2026-05-10T16:00:00Z"), [h]);
    expect(detail.map((b) => b.period)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
  });
});
