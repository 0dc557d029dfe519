import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { feeItems, households } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { appendSentimentEntries } from "@/lib/crm/ledger/write";
import { publishedRules } from "@/lib/crm/ledger/read";
import { butlerRiskLists, butlerRiskListsScan } from "@/lib/crm/risk-lists";
import type { Db } from "@/lib/db/client";
import { loadRegistryView } from "@/lib/registry/view";
import { periods } from "../support/arrears";
import { createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

/**
 * Issue 14: the dashboard's risk lists read only each butler's candidates (the lowest cached
 * scores, the months in arrears of those alone); after a randomized history of complaints,
 * payments and deactivations they must equal the definition that ranks every household.
 */

/** A small deterministic generator (the same history on every run). */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

describe("butler risk lists", { timeout: 120_000 }, () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("equal the full ranking after random complaints, payments and deactivations", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const other = await createUser(db, w.companyId, ["butler"], "管家乙");
    const third = await createUser(db, w.companyId, ["butler"], "管家丙");
    const estates = [
      w.estate,
      await createEstate(db, w.companyId, { n: 12, butlerId: other.id }),
      await createEstate(db, w.companyId, { n: 9, butlerId: third.id }),
    ];
    const all = estates.flatMap((e) => e.households);
    await db.insert(feeItems).values({ companyId: w.companyId, name: "物业费", kind: "per_household", priceFen: 1000 });
    for (const p of periods("2025-07", 6)) await generateBills(db, w.companyId, p);
    const rnd = random(14);
    for (const [i, h] of all.entries()) {
      const months = rnd(5);
      if (months)
        await recordPayment(db, {
          companyId: w.companyId,
          householdId: h.id,
          amountFen: months * 1000,
          method: "cash",
          idempotencyKey: `risk-${h.id}`,
          actorUserId: w.adminId,
          now: new Date("2026-01-10T04:00:00Z"),
        });
      // Few distinct point values: many households share a score, so ties are broken by months and id.
      const n = rnd(3);
      await db.transaction((tx) =>
        appendSentimentEntries(
          tx,
          w.companyId,
          100,
          Array.from({ length: n }, (_, k) => ({
            householdId: h.id,
            occurredOn: `2026-01-0${1 + k}`,
            rule: "complaint" as const,
            step: "general",
            points: [-8, -15, 5][rnd(3)],
            dedupeKey: `risk-${i}-${k}`,
            messageKey: "complaint",
          })),
        ),
      );
      if (rnd(10) === 0) await db.update(households).set({ active: false }).where(eq(households.id, h.id));
    }
    const rules = await publishedRules(db, w.companyId);
    const views = [
      await loadRegistryView(db, w.companyId, { userId: w.adminId, roles: ["admin"] }),
      await loadRegistryView(db, w.companyId, { userId: w.butler.id, roles: ["butler"] }),
      await loadRegistryView(db, w.companyId, { userId: w.supervisor.id, roles: ["supervisor"] }),
    ];
    for (const view of views)
      for (const per of [1, 2, 3, 5, 10, 1000])
        for (const only of [undefined, other.id, w.butler.id]) {
          const fast = await butlerRiskLists(db, w.companyId, view, rules, "2026-01-20", per, only);
          const scan = await butlerRiskListsScan(db, w.companyId, view, rules, "2026-01-20", per, only);
          expect(fast).toEqual(scan);
        }
    const whole = await butlerRiskLists(db, w.companyId, views[0], rules, "2026-01-20", 3);
    // The history really has ties and arrears to rank by (else the comparison proves little).
    expect(new Set(whole.map((r) => r.butlerUserId)).size).toBe(3);
    expect(whole.some((r) => r.monthsInArrears > 0)).toBe(true);
    expect(whole.some((r) => r.score < 100)).toBe(true);
  });
});
