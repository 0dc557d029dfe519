import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { bills, creditEntries } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import type { Db } from "@/lib/db/client";
import { recordPayment } from "@/lib/flows/record-payment";
import { addParking, createBillingEstate } from "../support/billing";
import { createTestDb } from "../support/test-db";

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

async function billsOf(companyId: number, period: string) {
  return db
    .select({ householdId: bills.householdId, linesFen: bills.linesFen, allocatedFen: bills.allocatedFen })
    .from(bills)
    .where(and(eq(bills.companyId, companyId), eq(bills.period, period)))
    .orderBy(bills.householdId);
}

/** Five households, one with a parking space, the last with 5,000 fen of credit. */
async function estate() {
  const e = await createBillingEstate(db, 5);
  await addParking(db, e.companyId, e.building.id, e.households[0].id, `P-${Math.random().toString(36).slice(2, 8)}`);
  const last = e.households[4].id;
  await recordPayment(db, {
    companyId: e.companyId,
    householdId: last,
    amountFen: 5_000,
    method: "cash",
    idempotencyKey: `chunks-${Math.random()}`,
    actorUserId: e.finance.id,
  });
  return e;
}

describe("the bill run in chunks of households", () => {
  it("bills and pays from credit exactly as one transaction would, whatever the chunk size; a second run creates nothing", async () => {
    const chunked = await estate();
    const whole = await estate();
    const small = await generateBills(db, chunked.companyId, "2026-01", new Date(), 2);
    const big = await generateBills(db, whole.companyId, "2026-01");
    expect(small).toMatchObject({ created: 5, creditApplied: 1 });
    expect(big).toMatchObject({ created: 5, creditApplied: 1 });
    const strip = (rows: Awaited<ReturnType<typeof billsOf>>) =>
      rows.map(({ linesFen, allocatedFen }) => ({ linesFen, allocatedFen }));
    const a = await billsOf(chunked.companyId, "2026-01");
    expect(strip(a)).toEqual(strip(await billsOf(whole.companyId, "2026-01")));
    expect(a.at(-1)!.allocatedFen).toBe(5_000);
    const [balance] = await db
      .select({ n: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)` })
      .from(creditEntries)
      .where(eq(creditEntries.householdId, chunked.households[4].id));
    expect(Number(balance.n)).toBe(0);

    expect(await generateBills(db, chunked.companyId, "2026-01", new Date(), 2)).toMatchObject({
      created: 0,
      creditApplied: 0,
    });
    expect(await billsOf(chunked.companyId, "2026-01")).toEqual(a);
  });
});
