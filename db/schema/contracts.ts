import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { companyRef, createdAt, enumText, id } from "./_helpers";
import { PAYMENT_METHODS } from "./_enums";
import { contractCustomers, unitBillingPeriods } from "./billing";
import { communities, units } from "./registry";
import { companies, users } from "./tenancy";

/*
 * 多种经营: contract income from customers who are not residents (ad space, venue rental …).
 * Money is integer fen and append-only like household billing: a contract's monthly amount is
 * fixed (a new price is a new contract), bills are generated once per contract and month,
 * payments take the company's receipt numbers (receipt_counters) and allocate oldest first.
 */

/** A contract billed monthly from `startMonth` to `endMonth` ("YYYY-MM", inclusive). */
export const contracts = sqliteTable(
  "contracts",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => contractCustomers.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    description: text("description").notNull(),
    monthlyFen: integer("monthly_fen").notNull(),
    startMonth: text("start_month").notNull(),
    endMonth: text("end_month").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("contracts_company_idx").on(t.companyId, t.startMonth),
    index("contracts_customer_idx").on(t.customerId),
    check("contracts_amount_ck", sql`${t.monthlyFen} > 0`),
    check("contracts_months_ck", sql`${t.startMonth} <= ${t.endMonth}`),
  ],
);

/**
 * One contract's bill for one month (unique), or one developer-paid unit period's bill for one
 * month (unique; 开发商承担: the unit's days in the period, with the reason). Exactly one of
 * contractId / unitPeriodId. `allocatedFen` is the running total of its allocations.
 */
export const contractBills = sqliteTable(
  "contract_bills",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    contractId: integer("contract_id").references(() => contracts.id),
    unitPeriodId: integer("unit_period_id").references(() => unitBillingPeriods.id),
    unitId: integer("unit_id").references(() => units.id),
    reasonKey: text("reason_key"),
    reasonParams: text("reason_params"),
    customerId: integer("customer_id")
      .notNull()
      .references(() => contractCustomers.id),
    period: text("period").notNull(),
    dueDate: text("due_date").notNull(),
    amountFen: integer("amount_fen").notNull(),
    allocatedFen: integer("allocated_fen").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contract_bills_contract_period_uq").on(t.contractId, t.period),
    uniqueIndex("contract_bills_unit_period_uq")
      .on(t.unitPeriodId, t.period)
      .where(sql`${t.unitPeriodId} is not null`),
    check("contract_bills_source_ck", sql`(${t.contractId} is null) <> (${t.unitPeriodId} is null)`),
    index("contract_bills_customer_idx").on(t.customerId),
    index("contract_bills_company_period_idx").on(t.companyId, t.period),
    check("contract_bills_allocation_ck", sql`${t.allocatedFen} >= 0 and ${t.allocatedFen} <= ${t.amountFen}`),
  ],
);

/** Money received from a contract customer; receipt numbers shared with household payments. */
export const contractPayments = sqliteTable(
  "contract_payments",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => contractCustomers.id),
    method: enumText("method", PAYMENT_METHODS).notNull(),
    amountFen: integer("amount_fen").notNull(),
    receiptNo: text("receipt_no").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    note: text("note"),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contract_payments_company_idem_uq").on(t.companyId, t.idempotencyKey),
    uniqueIndex("contract_payments_company_receipt_uq").on(t.companyId, t.receiptNo),
    index("contract_payments_company_received_idx").on(t.companyId, t.receivedAt),
    check("contract_payments_amount_ck", sql`${t.amountFen} > 0`),
  ],
);

export const contractAllocations = sqliteTable(
  "contract_allocations",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    contractBillId: integer("contract_bill_id")
      .notNull()
      .references(() => contractBills.id),
    contractPaymentId: integer("contract_payment_id")
      .notNull()
      .references(() => contractPayments.id),
    amountFen: integer("amount_fen").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("contract_allocations_bill_idx").on(t.contractBillId),
    index("contract_allocations_payment_idx").on(t.contractPaymentId),
  ],
);
