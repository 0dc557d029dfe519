import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { creditEntries, goldBadges, sentimentEntries } from "@/db/schema";
import { monthlyFeeFen } from "@/lib/billing/queries/bills";
import { runGoldAward } from "@/lib/crm/gold/award";
import type { Db } from "@/lib/db/client";
import { createBillingEstate } from "../support/billing";
import { createTestDb } from "../support/test-db";

describe("gold badge catch-up on a replayed past day", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("counts only the credit received by the end of that day", async () => {
    const e = await createBillingEstate(db, 1);
    const h = e.households[0].id;
    const company = { id: e.companyId, timeZone: "Asia/Shanghai" };
    const monthly = await monthlyFeeFen(db, e.companyId, h);
    expect(monthly).toBeGreaterThan(0);
    // 13 months paid ahead on 2026-03-05 (e.g. an imported prepayment; no payment hook ran).
    await db.insert(creditEntries).values({
      companyId: e.companyId,
      householdId: h,
      kind: "payment",
      amountFen: monthly * 13,
      createdAt: new Date("2026-03-05T04:00:00Z"),
    });

    expect(await runGoldAward(db, company, "2026-03-01", new Date("2026-02-28T22:00:00Z"))).toMatchObject({
      goldAwarded: 0,
    });
    expect(await db.$count(goldBadges, eq(goldBadges.householdId, h))).toBe(0);

    expect(await runGoldAward(db, company, "2026-03-06", new Date("2026-03-05T22:00:00Z"))).toMatchObject({
      goldAwarded: 1,
    });
    const [badge] = await db.select().from(goldBadges).where(eq(goldBadges.householdId, h));
    expect(badge).toMatchObject({ awardedOn: "2026-03-06", expiresOn: "2027-03-06" });
    const entries = await db
      .select()
      .from(sentimentEntries)
      .where(and(eq(sentimentEntries.householdId, h), eq(sentimentEntries.rule, "gold_badge")));
    expect(entries.map((x) => [x.occurredOn, x.points])).toEqual([["2026-03-06", 20]]);
    // Replaying a later day while the badge is active awards nothing more.
    expect(await runGoldAward(db, company, "2026-05-01", new Date("2026-04-30T22:00:00Z"))).toMatchObject({
      goldAwarded: 0,
    });
  });
});
