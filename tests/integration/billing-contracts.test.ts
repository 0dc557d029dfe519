import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  contractAllocations,
  contractBills,
  contractCustomers,
  contractPayments,
  contracts,
  payments,
} from "@/db/schema";
import { contractReceipt } from "@/lib/billing/contract-queries";
import {
  createContract,
  createContractCustomer,
  generateContractBills,
  recordContractPayment,
} from "@/lib/billing/contracts";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { dailyCash } from "@/lib/billing/queries/reports";
import type { Db } from "@/lib/db/client";
import { createBillingEstate } from "../support/billing";
import { createTestDb } from "../support/test-db";

let n = 0;
const key = () => `ck-${Date.now()}-${n++}-${Math.random()}`;

async function setup(db: Db) {
  const e = await createBillingEstate(db, 1);
  const actor = { companyId: e.companyId, userId: e.finance.id };
  const customer = await createContractCustomer(db, actor, {
    name: "华联广告",
    contact: "王经理",
    phone: "13800000000",
  });
  const ad = await createContract(db, actor, {
    customerId: customer.id,
    communityId: e.community.id,
    description: "电梯广告位",
    monthlyFen: 150_000,
    startMonth: "2026-01",
    endMonth: "2026-06",
  });
  return { e, actor, customer, ad };
}

describe("contract income (多种经营)", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("bills each running contract once per month, with the household bill run", async () => {
    const { e, actor, customer } = await setup(db);
    await createContract(db, actor, {
      customerId: customer.id,
      communityId: e.community.id,
      description: "场地租赁",
      monthlyFen: 80_000,
      startMonth: "2026-03",
      endMonth: "2026-12",
    });
    const jan = await generateBills(db, e.companyId, "2026-01");
    expect(jan.contractBills).toBe(1);
    expect((await generateBills(db, e.companyId, "2026-01")).contractBills).toBe(0);
    expect(await generateContractBills(db, e.companyId, "2026-01")).toBe(0);
    expect(await generateContractBills(db, e.companyId, "2026-03")).toBe(2);
    expect(await generateContractBills(db, e.companyId, "2026-07")).toBe(1); // the ad contract ended in June
    const rows = await db.select().from(contractBills).where(eq(contractBills.companyId, e.companyId));
    expect(rows.map((r) => [r.period, r.amountFen, r.dueDate]).sort()).toEqual([
      ["2026-01", 150_000, "2026-01-15"],
      ["2026-03", 150_000, "2026-03-15"],
      ["2026-03", 80_000, "2026-03-15"],
      ["2026-07", 80_000, "2026-07-15"],
    ]);
  });

  it("a contract payment takes the next receipt number (shared, gapless), pays oldest first and shows in the daily cash", async () => {
    const { e, actor, customer } = await setup(db);
    await generateContractBills(db, e.companyId, "2026-01");
    await generateContractBills(db, e.companyId, "2026-02");
    const now = new Date("2026-02-10T03:00:00Z");
    const h = await recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 5_000,
      method: "cash",
      idempotencyKey: key(),
      actorUserId: e.finance.id,
      now,
    });
    const k = key();
    const c = await recordContractPayment(db, actor, {
      customerId: customer.id,
      amountFen: 200_000,
      method: "transfer",
      idempotencyKey: k,
      now,
    });
    expect(c.created).toBe(true);
    expect(h.payment.receiptNo).toBe("2026-000001");
    expect(c.payment.receiptNo).toBe("2026-000002");
    // the same key twice records one payment
    const again = await recordContractPayment(db, actor, {
      customerId: customer.id,
      amountFen: 200_000,
      method: "transfer",
      idempotencyKey: k,
      now,
    });
    expect(again).toMatchObject({ created: false, payment: { id: c.payment.id } });
    // the same key with another amount is another payment, not a retry: a conflict
    await expect(
      recordContractPayment(db, actor, {
        customerId: customer.id,
        amountFen: 150_000,
        method: "transfer",
        idempotencyKey: k,
        now,
      }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { _form: ["billing.errors.idempotencyMismatch"] },
    });
    const bills = await db
      .select()
      .from(contractBills)
      .where(eq(contractBills.customerId, customer.id))
      .orderBy(contractBills.period);
    expect(bills.map((b) => b.allocatedFen)).toEqual([150_000, 50_000]);
    const allocs = await db
      .select()
      .from(contractAllocations)
      .where(eq(contractAllocations.contractPaymentId, c.payment.id));
    expect(allocs.reduce((s, a) => s + a.amountFen, 0)).toBe(200_000);
    // more than owed is refused, nothing written, no receipt number used
    await expect(
      recordContractPayment(db, actor, {
        customerId: customer.id,
        amountFen: 100_001,
        method: "cash",
        idempotencyKey: key(),
        now,
      }),
    ).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { amount: ["billing.errors.overpay"] },
    });
    const next = await recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 1_000,
      method: "cash",
      idempotencyKey: key(),
      actorUserId: e.finance.id,
      now,
    });
    expect(next.payment.receiptNo).toBe("2026-000003");

    const cash = await dailyCash(db, e.companyId, new Date("2026-02-09T16:00:00Z"), new Date("2026-02-10T16:00:00Z"));
    expect(cash.totalFen).toBe(5_000 + 200_000 + 1_000);
    expect(cash.byMethod).toEqual([
      { method: "cash", count: 2, amountFen: 6_000 },
      { method: "transfer", count: 1, amountFen: 200_000 },
    ]);
    expect(cash.payments.map((p) => p.receiptNo).sort()).toEqual(["2026-000001", "2026-000002", "2026-000003"]);
  });

  it("another company's customer, community or contract ids are not_found, nothing written", async () => {
    const a = await setup(db);
    const b = await setup(db);
    const before = async () =>
      Promise.all([
        db.$count(contracts, eq(contracts.companyId, a.e.companyId)),
        db.$count(contractPayments, eq(contractPayments.companyId, a.e.companyId)),
        db.$count(payments, eq(payments.companyId, a.e.companyId)),
      ]);
    const start = await before();
    await expect(
      createContract(db, a.actor, {
        customerId: b.customer.id,
        communityId: a.e.community.id,
        description: "x",
        monthlyFen: 100,
        startMonth: "2026-01",
        endMonth: "2026-02",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createContract(db, a.actor, {
        customerId: a.customer.id,
        communityId: b.e.community.id,
        description: "x",
        monthlyFen: 100,
        startMonth: "2026-01",
        endMonth: "2026-02",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await generateContractBills(db, b.e.companyId, "2026-01");
    await expect(
      recordContractPayment(db, a.actor, {
        customerId: b.customer.id,
        amountFen: 100,
        method: "cash",
        idempotencyKey: key(),
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await before()).toEqual(start);
    // company A's bill run never bills company B's contracts
    await generateContractBills(db, a.e.companyId, "2026-01");
    const wrong = await db.all<{ n: number }>(
      sql`select count(*) as n from contract_bills b join contracts c on c.id = b.contract_id where b.company_id <> c.company_id`,
    );
    expect(Number(wrong[0].n)).toBe(0);
    const [bBill] = await db
      .select()
      .from(contractBills)
      .where(and(eq(contractBills.companyId, b.e.companyId), eq(contractBills.period, "2026-01")));
    expect(bBill.allocatedFen).toBe(0);
  });

  it("a contract payment has a receipt listing the bills it paid, visible to its company only", async () => {
    const { e, actor, customer } = await setup(db);
    await generateContractBills(db, e.companyId, "2026-01");
    await generateContractBills(db, e.companyId, "2026-02");
    const { payment } = await recordContractPayment(db, actor, {
      customerId: customer.id,
      amountFen: 200_000,
      method: "transfer",
      idempotencyKey: key(),
    });
    const receipt = await contractReceipt(db, e.companyId, payment.id);
    expect(receipt).toMatchObject({ receiptNo: payment.receiptNo, amountFen: 200_000, customerName: "华联广告" });
    expect(receipt?.lines.map((l) => [l.period, l.description, l.amountFen])).toEqual([
      ["2026-01", "电梯广告位", 150_000],
      ["2026-02", "电梯广告位", 50_000],
    ]);
    const other = await setup(db);
    expect(await contractReceipt(db, other.e.companyId, payment.id)).toBeNull();
  });

  it("customer names are unique per company", async () => {
    const { actor } = await setup(db);
    await expect(createContractCustomer(db, actor, { name: "华联广告" })).rejects.toMatchObject({ code: "conflict" });
    expect(await db.$count(contractCustomers, eq(contractCustomers.companyId, actor.companyId))).toBe(1);
  });
});
