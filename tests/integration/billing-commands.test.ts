import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { allocations, billingSettings, billLines, bills, creditEntries, feeItems, payments } from "@/db/schema";
import { chargeOneOff } from "@/lib/billing/charges";
import { adjustBill, refundPayment, voidBill } from "@/lib/billing/corrections";
import { runBillingDay } from "@/lib/billing/cron";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { MAX_PAYMENT_FEN } from "@/lib/billing/rules";
import { cashierPaymentSchema } from "@/lib/billing/schemas";
import { agingReport, collectionReport } from "@/lib/billing/queries/reports";
import { householdAccount } from "@/lib/billing/queries/household-account";
import { monthsInArrearsByHousehold } from "@/lib/billing/queries/arrears";
import { areaLineFen } from "@/lib/billing/rules";
import type { Db } from "@/lib/db/client";
import { addParking, createBillingEstate } from "../support/billing";
import { createTestDb } from "../support/test-db";

let keyN = 0;
const key = () => `k-${Date.now()}-${keyN++}-${Math.random()}`;

async function billOf(db: Db, householdId: number, period: string) {
  const [b] = await db
    .select()
    .from(bills)
    .where(and(eq(bills.householdId, householdId), eq(bills.period, period)));
  return b;
}

/** The running totals on bills must equal the entries they summarize. */
async function expectTotalsConsistent(db: Db, companyId: number) {
  const rows = await db.all<{ id: number; cached: number; actual: number }>(sql`
    select b.id, b.allocated_fen as cached, coalesce((select sum(a.amount_fen) from allocations a where a.bill_id = b.id), 0) as actual
      from bills b where b.company_id = ${companyId}`);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect({ id: r.id, total: Number(r.cached) }).toEqual({ id: r.id, total: Number(r.actual) });
}

async function credit(db: Db, householdId: number) {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)` })
    .from(creditEntries)
    .where(eq(creditEntries.householdId, householdId));
  return Number(r.n);
}

describe("billing commands", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("generates one bill per household with a line per fee item, and nothing the second time", async () => {
    const e = await createBillingEstate(db, 3);
    await addParking(db, e.companyId, e.building.id, e.households[0].id, "P-001");
    const first = await generateBills(db, e.companyId, "2026-01");
    expect(first.created).toBe(3);
    const again = await generateBills(db, e.companyId, "2026-01");
    expect(again.created).toBe(0);
    const b = await billOf(db, e.households[1].id, "2026-01");
    expect(b.linesFen).toBe(areaLineFen(250, 8901) + 1000);
    expect(b.linesFen).toBe(23253);
    expect(b.dueDate).toBe("2026-01-15");
    const lines = await db.select().from(billLines).where(eq(billLines.billId, b.id));
    expect(lines.map((l) => l.amountFen).sort()).toEqual([1000, 22253]);
    const [n] = await db.select({ n: count() }).from(bills).where(eq(bills.companyId, e.companyId));
    expect(n.n).toBe(3);
    // no per_parking fee item: the parking unit adds nothing, the household still has two lines
    const first0 = await billOf(db, e.households[0].id, "2026-01");
    expect(await db.$count(billLines, eq(billLines.billId, first0.id))).toBe(2);
  });

  it("rejects a malformed month", async () => {
    const e = await createBillingEstate(db, 1);
    await expect(generateBills(db, e.companyId, "2026-13")).rejects.toMatchObject({ code: "validation" });
  });

  it("allocates a payment oldest first, keeps the rest as credit, and credit pays the next bill", async () => {
    const e = await createBillingEstate(db, 1);
    const h = e.households[0].id;
    await generateBills(db, e.companyId, "2026-01");
    await generateBills(db, e.companyId, "2026-02");
    const jan = await billOf(db, h, "2026-01");
    const { payment } = await recordPayment(db, {
      companyId: e.companyId,
      householdId: h,
      amountFen: jan.linesFen + 100 + 30_000,
      method: "cash",
      idempotencyKey: key(),
      actorUserId: e.finance.id,
    });
    expect((await billOf(db, h, "2026-01")).allocatedFen).toBe(jan.linesFen);
    const feb = await billOf(db, h, "2026-02");
    expect(feb.allocatedFen).toBe(feb.linesFen); // 100 + 30,000 ≥ one bill
    const left = jan.linesFen + 100 + 30_000 - jan.linesFen - feb.linesFen;
    expect(await credit(db, h)).toBe(left);
    expect(payment.receiptNo).toMatch(/^\d{4}-000001$/);
    const mar = await generateBills(db, e.companyId, "2026-03");
    expect(mar.creditApplied).toBe(1);
    const marBill = await billOf(db, h, "2026-03");
    expect(marBill.allocatedFen).toBe(Math.min(left, marBill.linesFen));
    expect(await credit(db, h)).toBe(Math.max(0, left - marBill.linesFen));
    await expectTotalsConsistent(db, e.companyId);
  });

  it("reusing an idempotency key with another amount, household or method is refused as a conflict; nothing more is written", async () => {
    const e = await createBillingEstate(db, 2);
    const input = {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 5_000,
      method: "cash" as const,
      idempotencyKey: key(),
      actorUserId: e.finance.id,
    };
    await recordPayment(db, input);
    const mismatch = { code: "conflict", fieldErrors: { _form: ["billing.errors.idempotencyMismatch"] } };
    await expect(recordPayment(db, { ...input, amountFen: 9_999 })).rejects.toMatchObject(mismatch);
    await expect(recordPayment(db, { ...input, householdId: e.households[1].id })).rejects.toMatchObject(mismatch);
    await expect(recordPayment(db, { ...input, method: "wechat" })).rejects.toMatchObject(mismatch);
    expect((await recordPayment(db, input)).created).toBe(false);
    expect(await db.$count(payments, eq(payments.companyId, e.companyId))).toBe(1);
    expect(await credit(db, e.households[1].id)).toBe(0);
  });

  it("one payment is at most ¥1,000,000 (schema and command); nothing written", async () => {
    const e = await createBillingEstate(db, 1);
    const over = cashierPaymentSchema.safeParse({
      householdId: e.households[0].id,
      amount: "999999999.99",
      method: "cash",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(over.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["amount", "billing.errors.amountTooLarge"],
    ]);
    expect(
      cashierPaymentSchema.safeParse({
        householdId: e.households[0].id,
        amount: "1000000",
        method: "cash",
        idempotencyKey: crypto.randomUUID(),
      }).success,
    ).toBe(true);
    const input = {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: MAX_PAYMENT_FEN + 1,
      method: "cash" as const,
      idempotencyKey: key(),
      actorUserId: e.finance.id,
    };
    await expect(recordPayment(db, input)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { amount: ["billing.errors.amountTooLarge"] },
    });
    expect(await db.$count(payments, eq(payments.companyId, e.companyId))).toBe(0);
  });

  it("the same idempotency key records one payment; receipt numbers have no gaps", async () => {
    const e = await createBillingEstate(db, 1);
    const h = e.households[0].id;
    const k = key();
    const input = {
      companyId: e.companyId,
      householdId: h,
      amountFen: 5_000,
      method: "wechat" as const,
      idempotencyKey: k,
      actorUserId: e.finance.id,
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => recordPayment(db, input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.$count(payments, eq(payments.companyId, e.companyId))).toBe(1);
    expect(await credit(db, h)).toBe(5_000);
    // a failed payment (unknown household) does not use up a number
    await expect(
      recordPayment(db, { ...input, householdId: 999_999_999, idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: "not_found" });
    // a payment that fails after taking its number (unknown cashier: foreign key) gives the number back
    await expect(recordPayment(db, { ...input, actorUserId: 999_999_999, idempotencyKey: key() })).rejects.toThrow();
    await recordPayment(db, { ...input, idempotencyKey: key() });
    const nos = (await db.select({ no: payments.receiptNo }).from(payments).where(eq(payments.companyId, e.companyId)))
      .map((r) => r.no.slice(5))
      .sort();
    expect(nos).toEqual(["000001", "000002"]);
  });

  it("two cashiers paying the same bill at the same moment never over-allocate", async () => {
    const e = await createBillingEstate(db, 1);
    const h = e.households[0].id;
    await generateBills(db, e.companyId, "2026-01");
    const bill = await billOf(db, h, "2026-01");
    const pay = () =>
      recordPayment(db, {
        companyId: e.companyId,
        householdId: h,
        amountFen: bill.linesFen,
        method: "cash",
        idempotencyKey: key(),
        actorUserId: e.finance.id,
        billIds: [bill.id],
      });
    await Promise.all([pay(), pay(), pay()]);
    expect((await billOf(db, h, "2026-01")).allocatedFen).toBe(bill.linesFen);
    expect(await credit(db, h)).toBe(2 * bill.linesFen);
    await expectTotalsConsistent(db, e.companyId);
  });

  it("refuses zero, negative and fractional amounts, and another household's bill, writing nothing", async () => {
    const e = await createBillingEstate(db, 2);
    const other = await createBillingEstate(db, 1);
    await generateBills(db, e.companyId, "2026-01");
    await generateBills(db, other.companyId, "2026-01");
    const base = {
      companyId: e.companyId,
      householdId: e.households[0].id,
      method: "cash" as const,
      actorUserId: e.finance.id,
    };
    for (const amountFen of [0, -100, 12.5])
      await expect(recordPayment(db, { ...base, amountFen, idempotencyKey: key() })).rejects.toMatchObject({
        code: "validation",
      });
    const neighbour = await billOf(db, e.households[1].id, "2026-01");
    await expect(
      recordPayment(db, { ...base, amountFen: 100, idempotencyKey: key(), billIds: [neighbour.id] }),
    ).rejects.toMatchObject({ code: "not_found" });
    // a household of another company
    await expect(
      recordPayment(db, { ...base, householdId: other.households[0].id, amountFen: 100, idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.$count(payments, eq(payments.companyId, e.companyId))).toBe(0);
    expect(await db.$count(payments, eq(payments.companyId, other.companyId))).toBe(0);
  });

  it("voids a bill (paid money becomes credit), refuses paying it, and never counts it in arrears", async () => {
    const e = await createBillingEstate(db, 1);
    const h = e.households[0].id;
    await generateBills(db, e.companyId, "2026-01");
    const bill = await billOf(db, h, "2026-01");
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: h,
      amountFen: 1_000,
      method: "cash",
      idempotencyKey: key(),
      actorUserId: e.finance.id,
    });
    await voidBill(db, { companyId: e.companyId, userId: e.finance.id }, { billId: bill.id, reason: "重复开单" });
    expect(await credit(db, h)).toBe(1_000);
    await expect(
      voidBill(db, { companyId: e.companyId, userId: e.finance.id }, { billId: bill.id, reason: "again" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      recordPayment(db, {
        companyId: e.companyId,
        householdId: h,
        amountFen: 100,
        method: "cash",
        idempotencyKey: key(),
        actorUserId: e.finance.id,
        billIds: [bill.id],
      }),
    ).rejects.toMatchObject({ code: "validation" });
    expect((await monthsInArrearsByHousehold(db, e.companyId, "2026-06-01")).get(h)).toBeUndefined();
    await expectTotalsConsistent(db, e.companyId);
  });

  it("adjusts a bill down; an overpaid part becomes credit", async () => {
    const e = await createBillingEstate(db, 1);
    const h = e.households[0].id;
    await generateBills(db, e.companyId, "2026-01");
    const bill = await billOf(db, h, "2026-01");
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: h,
      amountFen: bill.linesFen,
      method: "cash",
      idempotencyKey: key(),
      actorUserId: e.finance.id,
    });
    await adjustBill(
      db,
      { companyId: e.companyId, userId: e.finance.id },
      { billId: bill.id, amountFen: -1_000, reason: "垃圾费减免" },
    );
    const after = await billOf(db, h, "2026-01");
    expect(after.adjustmentFen).toBe(-1_000);
    expect(after.allocatedFen).toBe(bill.linesFen - 1_000);
    expect(await credit(db, h)).toBe(1_000);
    await expect(
      adjustBill(
        db,
        { companyId: e.companyId, userId: e.finance.id },
        { billId: bill.id, amountFen: -10_000_000, reason: "x" },
      ),
    ).rejects.toMatchObject({ code: "validation" });
    await expectTotalsConsistent(db, e.companyId);
  });

  it("refunds from credit first, then un-pays the payment's newest bills; never more than the payment", async () => {
    const e = await createBillingEstate(db, 1);
    const h = e.households[0].id;
    const actor = { companyId: e.companyId, userId: e.finance.id };
    await generateBills(db, e.companyId, "2026-01");
    await generateBills(db, e.companyId, "2026-02");
    const jan = await billOf(db, h, "2026-01");
    const feb = await billOf(db, h, "2026-02");
    const { payment } = await recordPayment(db, {
      companyId: e.companyId,
      householdId: h,
      amountFen: jan.linesFen + feb.linesFen + 500,
      method: "transfer",
      idempotencyKey: key(),
      actorUserId: e.finance.id,
    });
    await refundPayment(db, actor, { paymentId: payment.id, amountFen: 1_500, reason: "多缴退款" });
    expect(await credit(db, h)).toBe(0);
    expect((await billOf(db, h, "2026-02")).allocatedFen).toBe(feb.linesFen - 1_000);
    expect((await billOf(db, h, "2026-01")).allocatedFen).toBe(jan.linesFen);
    await expect(
      refundPayment(db, actor, { paymentId: payment.id, amountFen: payment.amountFen, reason: "too much" }),
    ).rejects.toMatchObject({ code: "validation" });
    await refundPayment(db, actor, { paymentId: payment.id, amountFen: payment.amountFen - 1_500, reason: "冲正" });
    expect((await billOf(db, h, "2026-01")).allocatedFen).toBe(0);
    expect((await billOf(db, h, "2026-02")).allocatedFen).toBe(0);
    await expectTotalsConsistent(db, e.companyId);
    // another company's finance cannot refund it
    const other = await createBillingEstate(db, 1);
    await expect(
      refundPayment(
        db,
        { companyId: other.companyId, userId: other.finance.id },
        { paymentId: payment.id, amountFen: 1, reason: "x" },
      ),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("months in arrears: partial counts, paid on time does not, aging and collection reports add up", async () => {
    const e = await createBillingEstate(db, 3);
    const [a, b, c] = e.households.map((h) => h.id);
    for (const p of ["2026-01", "2026-02", "2026-03", "2026-04"]) await generateBills(db, e.companyId, p);
    const pay = (householdId: number, amountFen: number) =>
      recordPayment(db, {
        companyId: e.companyId,
        householdId,
        amountFen,
        method: "cash",
        idempotencyKey: key(),
        actorUserId: e.finance.id,
      });
    const janA = await billOf(db, a, "2026-01");
    await pay(a, janA.linesFen * 4); // a: everything paid
    await pay(b, 100); // b: January partly paid
    const today = "2026-04-20"; // January–April are past due
    const m = await monthsInArrearsByHousehold(db, e.companyId, today);
    expect(m.get(a)).toBeUndefined();
    expect(m.get(b)?.months).toBe(4);
    expect(m.get(c)?.months).toBe(4);
    expect((await monthsInArrearsByHousehold(db, e.companyId, "2026-04-15")).get(c)?.months).toBe(3);
    const aging = await agingReport(db, e.companyId, today, "building");
    expect(aging).toHaveLength(1);
    expect(aging[0].buckets["3-5"].households).toBe(2);
    expect(aging[0].households).toBe(2);
    const account = await householdAccount(db, e.companyId, b, today);
    expect(account?.monthsInArrears).toBe(4);
    const byMonth = await collectionReport(db, e.companyId, "2026-01", "2026-04", "month");
    expect(byMonth.map((r) => r.key)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    expect(byMonth[0].collectedFen).toBe(janA.linesFen + 100);
    const byButler = await collectionReport(db, e.companyId, "2026-01", "2026-04", "community");
    expect(byButler[0].collectedFen).toBe(janA.linesFen * 4 + 100);
    expect(await db.$count(allocations, eq(allocations.companyId, e.companyId))).toBeGreaterThan(0);
  });
});

describe("the daily billing job", () => {
  it("bills each company on or after its billing day, once", async () => {
    const { db } = await createTestDb();
    const e = await createBillingEstate(db, 2);
    const late = await createBillingEstate(db, 1);
    await db.insert(billingSettings).values({ companyId: late.companyId, billingDay: 20, dueDay: 28, rounding: "fen" });
    const mine = (rs: { companyId: number; created: number }[], id: number) => rs.find((r) => r.companyId === id);
    const day5 = await runBillingDay(db, new Date("2026-03-05T02:00:00Z"));
    expect(mine(day5, e.companyId)?.created).toBe(2);
    expect(mine(day5, late.companyId)).toBeUndefined();
    const day21 = await runBillingDay(db, new Date("2026-03-21T02:00:00Z"));
    expect(mine(day21, e.companyId)?.created).toBe(0);
    expect(mine(day21, late.companyId)?.created).toBe(1);
    const [b] = await db.select().from(bills).where(eq(bills.householdId, late.households[0].id));
    expect(b).toMatchObject({ period: "2026-03", dueDate: "2026-03-28" });
  });
});

describe("one-off charges", () => {
  it("bill a service once, beside the monthly bill; paid oldest first; never a month in arrears", async () => {
    const { db } = await createTestDb();
    const e = await createBillingEstate(db, 2);
    const h = e.households[0].id;
    const actor = { companyId: e.companyId, userId: e.finance.id };
    const [cleaning] = await db
      .insert(feeItems)
      .values({ companyId: e.companyId, name: "上门保洁", kind: "one_off", priceFen: 8_000 })
      .returning();
    await generateBills(db, e.companyId, "2026-03");
    const now = new Date("2026-03-20T04:00:00Z");
    const charge = await chargeOneOff(db, actor, { householdId: h, feeItemId: cleaning.id }, now);
    expect(charge).toMatchObject({ kind: "one_off", period: "2026-03", linesFen: 8_000, dueDate: "2026-03-20" });
    await chargeOneOff(db, actor, { householdId: h, feeItemId: cleaning.id, amountFen: 5_000 }, now);
    // the monthly bill run still creates nothing twice
    expect((await generateBills(db, e.companyId, "2026-03")).created).toBe(0);
    // months in arrears counts only the monthly bill
    expect((await monthsInArrearsByHousehold(db, e.companyId, "2026-05-01")).get(h)?.months).toBe(1);
    // a monthly fee item id, another company's item, or another company's household: not_found
    await expect(chargeOneOff(db, actor, { householdId: h, feeItemId: e.feeItems.property.id })).rejects.toMatchObject({
      code: "not_found",
    });
    const other = await createBillingEstate(db, 1);
    await expect(
      chargeOneOff(db, actor, { householdId: other.households[0].id, feeItemId: cleaning.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      chargeOneOff(db, actor, { householdId: h, feeItemId: cleaning.id, amountFen: 0 }),
    ).rejects.toMatchObject({ code: "validation" });
    // credit pays a new charge at once
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: h,
      amountFen: 1_000_000,
      method: "cash",
      idempotencyKey: key(),
      actorUserId: e.finance.id,
    });
    const paid = await chargeOneOff(db, actor, { householdId: h, feeItemId: cleaning.id }, now);
    const [row] = await db.select().from(bills).where(eq(bills.id, paid.id));
    expect(row.allocatedFen).toBe(8_000);
    await expectTotalsConsistent(db, e.companyId);
  });
});
