import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { active, companyRef, createdAt, enumText, id } from "./_helpers";
import { PAYMENT_METHODS } from "./_enums";
import { households, units } from "./registry";
import { companies, users } from "./tenancy";

/*
 * Billing (SPEC §4). Money is integer fen. Nothing money-related is edited or deleted:
 * payments, allocations, credit entries and corrections are append-only. Three columns of
 * `bills` (allocated_fen, adjustment_fen, voided) are running totals of those entries,
 * written only in the same transaction as the entry they summarize, so that the arrears
 * query over every household reads one table; tests check they equal the entries.
 */

export const ROUNDING_MODES = ["fen", "jiao", "yuan"] as const;
/** days: a part month is billed by the days held (default); billing_day: the whole month to whoever holds the unit on the billing day. */
export const PRORATION_MODES = ["days", "billing_day"] as const;
/**
 * per_area: 元/m²/month × unit area; per_parking: per parking unit and month; per_household: flat
 * per month — these three go on the monthly bill. one_off: a value-added service charged once
 * (its own bill, `priceFen` is the default price). metered: a utility (water, electricity, gas) read
 * from a meter each month; `priceFen` is fen per unit of consumption, the monthly bill gets
 * consumption × price for every unit with a reading for the month.
 */
export const FEE_ITEM_KINDS = ["per_area", "per_parking", "per_household", "one_off", "metered"] as const;
export const BILL_KINDS = ["monthly", "one_off"] as const;
export { PAYMENT_METHODS };
/** refund_reversal: a provider refund that failed after we recorded it (the money stayed with us). */
export const CORRECTION_KINDS = ["void", "adjust", "refund", "refund_reversal"] as const;
export const CREDIT_KINDS = ["payment", "applied", "refund", "release", "refund_reversal"] as const;
export const CHECKOUT_STATUSES = ["open", "paid", "cancelled", "expired"] as const;

/** Per-company billing settings; defaults: bills on the 1st, due on the 15th, rounded to the fen. */
export const billingSettings = sqliteTable("billing_settings", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  billingDay: integer("billing_day").notNull().default(1),
  dueDay: integer("due_day").notNull().default(15),
  rounding: enumText("rounding", ROUNDING_MODES).notNull().default("fen"),
  proration: enumText("proration", PRORATION_MODES).notNull().default("days"),
  /** Share of per-area items billed for a delivered-but-vacant (空置) day, in basis points (7000 = 70 %). */
  vacancyRateBp: integer("vacancy_rate_bp").notNull().default(7000),
  /** Residents' online payment: the sandbox (demo default) or an enabled merchant account. */
  onlineProvider: text("online_provider").notNull().default("sandbox"),
  /** The monthly collection-rate target in basis points (9500 = 95 %); null = none set. Shown on the workbench. */
  collectionTargetBp: integer("collection_target_bp"),
  /** Residents' self-reading window (issue 19): days of the month, inclusive; null = no self-reading. */
  selfReadFromDay: integer("self_read_from_day"),
  selfReadToDay: integer("self_read_to_day"),
});

/** 收费项目. `priceFen`: fen per m² and month (per_area), else fen per parking unit or household and month. */
export const feeItems = sqliteTable(
  "fee_items",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    name: text("name").notNull(),
    kind: enumText("kind", FEE_ITEM_KINDS).notNull(),
    priceFen: integer("price_fen").notNull(),
    active: active(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("fee_items_company_name_uq").on(t.companyId, t.name),
    check("fee_items_price_ck", sql`${t.priceFen} >= 0`),
  ],
);

/**
 * A fee item's price history: each row is the price from month `fromPeriod` ("YYYY-MM") on,
 * until the next row. Append-only: a price change adds a row, never rewrites one. A bill run
 * for month M uses the row in force in M; `fee_items.price_fen` mirrors the latest row (the
 * price shown and used for one-off charges). An item with no rows at all (created before
 * price history) is billed at `fee_items.price_fen` for every month.
 */
export const feeItemPrices = sqliteTable(
  "fee_item_prices",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    feeItemId: integer("fee_item_id")
      .notNull()
      .references(() => feeItems.id),
    fromPeriod: text("from_period").notNull(),
    priceFen: integer("price_fen").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("fee_item_prices_item_period_uq").on(t.feeItemId, t.fromPeriod),
    index("fee_item_prices_company_idx").on(t.companyId),
    check("fee_item_prices_price_ck", sql`${t.priceFen} >= 0`),
  ],
);

/** vacant: delivered but unoccupied (空置), per-area items at the company's vacancy rate; free: a fee-free period, the unit bills nothing. */
/** vacant: per-area items at the vacancy rate; free: nothing billed; developer: billed to a contract customer (开发商承担) instead of the holder. */
export const UNIT_PERIOD_KINDS = ["vacant", "free", "developer"] as const;

/** 合同客户: a customer of contract income (多种经营, contracts.ts), or the developer of vacant units. */
export const contractCustomers = sqliteTable(
  "contract_customers",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    name: text("name").notNull(),
    contact: text("contact"),
    phone: text("phone"),
    active: active(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("contract_customers_company_name_uq").on(t.companyId, t.name)],
);

/**
 * Special billing periods of a unit, half-open [fromDate, toDate) like holdings (toDate null:
 * open-ended). The periods of one unit never overlap (checked by the command in its
 * transaction). They change what the unit's holder is billed for those days.
 */
export const unitBillingPeriods = sqliteTable(
  "unit_billing_periods",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    kind: enumText("kind", UNIT_PERIOD_KINDS).notNull(),
    fromDate: text("from_date").notNull(),
    toDate: text("to_date"),
    /** kind developer: the contract customer (the developer) billed for the unit's days. */
    customerId: integer("customer_id").references(() => contractCustomers.id),
    actorUserId: integer("actor_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("unit_billing_periods_unit_idx").on(t.unitId, t.fromDate),
    check("unit_billing_periods_dates_ck", sql`${t.toDate} is null or ${t.toDate} > ${t.fromDate}`),
    check("unit_billing_periods_customer_ck", sql`(${t.kind} = 'developer') = (${t.customerId} is not null)`),
  ],
);

/** One household's bill for one month ("YYYY-MM"); status follows from the entries. */
export const bills = sqliteTable(
  "bills",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    period: text("period").notNull(),
    /** One monthly bill per household and month (unique); any number of one-off charges. */
    kind: enumText("kind", BILL_KINDS).notNull().default("monthly"),
    /** "YYYY-MM-DD": overdue from the day after. */
    dueDate: text("due_date").notNull(),
    /** Sum of the lines, fixed at generation. */
    linesFen: integer("lines_fen").notNull(),
    /** Running total of adjustment entries (signed). */
    adjustmentFen: integer("adjustment_fen").notNull().default(0),
    /** Running total of allocations. Never above lines + adjustments (checked). */
    allocatedFen: integer("allocated_fen").notNull().default(0),
    /** Set by the void entry (billing_corrections kind "void"). */
    voided: integer("voided", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("bills_household_period_uq")
      .on(t.householdId, t.period)
      .where(sql`${t.kind} = 'monthly'`),
    /**
     * A month's bills. It covers what the bills list counts and sums (status, amounts), so those
     * read this index alone. Not household_id: one household's queries must keep bills_household_idx.
     */
    index("bills_company_period_idx").on(t.companyId, t.period, t.voided, t.allocatedFen, t.linesFen, t.adjustmentFen),
    /**
     * Every bill of one household (its account, its paid-ahead months), monthly or one-off.
     * company_id second: `company_id = ? and household_id = ?` matches two columns here, so the
     * planner takes this index over the company/period one even without statistics (sqld).
     */
    index("bills_household_idx").on(t.householdId, t.companyId, t.period),
    index("bills_company_due_idx").on(t.companyId, t.dueDate),
    /**
     * Only the bills still owing: the arrears query over every household reads this small index.
     * It covers the columns that query reads (kind and the amounts), so it never visits the table.
     */
    index("bills_open_idx")
      .on(t.companyId, t.householdId, t.dueDate, t.kind, t.linesFen, t.adjustmentFen, t.allocatedFen)
      .where(sql`${t.voided} = 0 and ${t.allocatedFen} < ${t.linesFen} + ${t.adjustmentFen}`),
    check(
      "bills_allocation_ck",
      sql`${t.allocatedFen} >= 0 and ${t.allocatedFen} <= ${t.linesFen} + ${t.adjustmentFen}`,
    ),
  ],
);

/**
 * A counter per company that every change to what the arrears aging shows moves: any bill
 * written, a household's placement, a community's, building's or butler's name (triggers,
 * migration billing_versions_triggers; they only update, so deleting a company's rows leaves
 * none behind). The row is created by the first aging read (lib/billing/queries/aging-cache.ts),
 * with a fresh `epoch`, and the report is kept per company, epoch, version, day and grouping
 * instead of computed on every page view.
 */
export const billingVersions = sqliteTable("billing_versions", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  version: integer("version").notNull().default(0),
  /** Random, per row: a row made again (a company's data reset) never meets reports kept for the old one. */
  epoch: text("epoch").notNull(),
});

/**
 * Summary of `bills` per company and period (not voided): what was billed and what is collected
 * on it. Kept by triggers on `bills` (migration billing_period_totals_triggers), so every writer —
 * the bill run, payments, corrections, refunds, voids — updates it in its own transaction.
 * The collection report by month reads it; tests check it equals the bills.
 */
export const billingPeriodTotals = sqliteTable(
  "billing_period_totals",
  {
    companyId: companyRef().references(() => companies.id),
    period: text("period").notNull(),
    bills: integer("bills").notNull().default(0),
    billedFen: integer("billed_fen").notNull().default(0),
    collectedFen: integer("collected_fen").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.period] })],
);

/**
 * Summary of `bills` (not voided) per company, period and the household's current building and
 * butler (0 = none), from household_placements: the collection report by community, building or
 * butler sums it instead of every bill. Kept by triggers on `bills` and on the placement's
 * sources (migration billing_group_totals_triggers): a household that moves or changes butler
 * takes its bills' totals along. Tests check it equals the bills.
 */
export const billingGroupTotals = sqliteTable(
  "billing_group_totals",
  {
    companyId: companyRef().references(() => companies.id),
    period: text("period").notNull(),
    buildingId: integer("building_id").notNull(),
    butlerUserId: integer("butler_user_id").notNull(),
    bills: integer("bills").notNull().default(0),
    billedFen: integer("billed_fen").notNull().default(0),
    collectedFen: integer("collected_fen").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.period, t.buildingId, t.butlerUserId] })],
);

export const billLines = sqliteTable(
  "bill_lines",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    billId: integer("bill_id")
      .notNull()
      .references(() => bills.id),
    feeItemId: integer("fee_item_id")
      .notNull()
      .references(() => feeItems.id),
    unitId: integer("unit_id").references(() => units.id),
    /** Area in 0.01 m² for per_area lines, else 1. */
    quantity: integer("quantity").notNull(),
    priceFen: integer("price_fen").notNull(),
    amountFen: integer("amount_fen").notNull(),
    /** Why the line differs from a full month (e.g. "billing.reason.prorated"), shown translated; null for a plain line. */
    reasonKey: text("reason_key"),
    /** The message's parameters as JSON (e.g. {"days":14,"monthDays":30}). */
    reasonParams: text("reason_params"),
  },
  (t) => [index("bill_lines_bill_idx").on(t.billId)],
);

/** Money received. Receipt numbers are per company and year, gapless (allocated in the payment's transaction). */
export const payments = sqliteTable(
  "payments",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    method: enumText("method", PAYMENT_METHODS).notNull(),
    amountFen: integer("amount_fen").notNull(),
    receiptNo: text("receipt_no").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    provider: text("provider"),
    providerRef: text("provider_ref"),
    /** The cashier, or the resident who paid online. */
    actorUserId: integer("actor_user_id").references(() => users.id),
    note: text("note"),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payments_company_idem_uq").on(t.companyId, t.idempotencyKey),
    uniqueIndex("payments_company_receipt_uq").on(t.companyId, t.receiptNo),
    /** One household's payments, newest first (company_id second: see bills_household_idx). */
    index("payments_household_idx").on(t.householdId, t.companyId, t.receivedAt),
    index("payments_company_received_idx").on(t.companyId, t.receivedAt),
    check("payments_amount_ck", sql`${t.amountFen} > 0`),
  ],
);

/** Money applied to a bill: from a payment or from credit. Negative rows undo earlier ones (void, refund). */
export const allocations = sqliteTable(
  "allocations",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    billId: integer("bill_id")
      .notNull()
      .references(() => bills.id),
    paymentId: integer("payment_id").references(() => payments.id),
    amountFen: integer("amount_fen").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("allocations_bill_idx").on(t.billId), index("allocations_payment_idx").on(t.paymentId)],
);

/** 预存款: append-only; a household's credit is the sum of its entries. */
export const creditEntries = sqliteTable(
  "credit_entries",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    kind: enumText("kind", CREDIT_KINDS).notNull(),
    amountFen: integer("amount_fen").notNull(),
    paymentId: integer("payment_id").references(() => payments.id),
    billId: integer("bill_id").references(() => bills.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("credit_entries_household_idx").on(t.householdId, t.companyId),
    index("credit_entries_company_idx").on(t.companyId),
  ],
);

/** Voids, adjustments and refunds: by finance, with a reason; their effects are further entries. */
export const billingCorrections = sqliteTable(
  "billing_corrections",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    kind: enumText("kind", CORRECTION_KINDS).notNull(),
    billId: integer("bill_id").references(() => bills.id),
    paymentId: integer("payment_id").references(() => payments.id),
    amountFen: integer("amount_fen").notNull(),
    reason: text("reason").notNull(),
    actorUserId: integer("actor_user_id")
      .notNull()
      .references(() => users.id),
    /** The form's one-time request id (refunds): a double submit records one correction. */
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("billing_corrections_company_idx").on(t.companyId, t.createdAt),
    index("billing_corrections_household_idx").on(t.householdId, t.companyId),
    uniqueIndex("billing_corrections_request_uq").on(t.companyId, t.requestId),
  ],
);

export const receiptCounters = sqliteTable(
  "receipt_counters",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.year] })],
);

/** A sandbox-provider checkout: what the resident is about to pay; the webhook turns it into a payment. */
export const checkoutSessions = sqliteTable(
  "checkout_sessions",
  {
    id: text("id").primaryKey(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    amountFen: integer("amount_fen").notNull(),
    /** Bills the resident chose (JSON array of ids), paid first. */
    billIds: text("bill_ids", { mode: "json" }).$type<number[]>().notNull(),
    status: enumText("status", CHECKOUT_STATUSES).notNull().default("open"),
    /** Who takes the money: "sandbox", "wechatpay" or "alipay" (the company's account). */
    provider: text("provider").notNull().default("sandbox"),
    /**
     * The method the payment is recorded with: "online" for a resident's own checkout; "wechat" or
     * "alipay" for a QR the cashier showed at the desk (the cashier's daily report counts them so).
     */
    method: enumText("method", PAYMENT_METHODS).notNull().default("online"),
    paymentId: integer("payment_id").references(() => payments.id),
    /** When the minute tick last asked the provider about this open checkout (stale-checkout query). */
    queriedAt: integer("queried_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("checkout_sessions_household_idx").on(t.householdId),
    // The minute tick's checkout expiry: only the open sessions.
    index("checkout_sessions_open_idx")
      .on(t.createdAt)
      .where(sql`status = 'open'`),
  ],
);

/**
 * 抄表: one meter reading per unit, metered fee item and month. Readings are in hundredths
 * of a unit of consumption (integer). `previousCenti` is the unit's last reading for the item
 * before this month (the first reading is the baseline: previous = reading, nothing billed).
 * Not edited in place; consumption = reading − previous, never negative (checked).
 * Issue 19: a reading comes from staff (the phone round or the desk sheet: approved at once) or
 * from a resident's self-reading (pending until staff approve or reject it with a reason). Only
 * approved readings are billed, and one approved reading per unit, item and month (the first
 * approved wins: a staff reading already there makes a resident's pending one unapprovable). A
 * reading far from the unit's usual consumption that the reader confirmed carries `flag`.
 */
export const METER_SOURCES = ["staff", "resident"] as const;
export const METER_STATUSES = ["pending", "approved", "rejected"] as const;
export const METER_FLAGS = ["high", "low"] as const;
export const meterReadings = sqliteTable(
  "meter_readings",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    feeItemId: integer("fee_item_id")
      .notNull()
      .references(() => feeItems.id),
    period: text("period").notNull(),
    readingCenti: integer("reading_centi").notNull(),
    previousCenti: integer("previous_centi").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    source: enumText("source", METER_SOURCES).notNull().default("staff"),
    status: enumText("status", METER_STATUSES).notNull().default("approved"),
    flag: enumText("flag", METER_FLAGS),
    /** The meter photo (under $UPLOADS_DIR, like work-order photos); served by /api/files/m<id>. */
    photoPath: text("photo_path"),
    photoMime: text("photo_mime"),
    reviewerUserId: integer("reviewer_user_id").references(() => users.id),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
    rejectReason: text("reject_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("meter_readings_unit_item_period_uq")
      .on(t.unitId, t.feeItemId, t.period)
      .where(sql`status = 'approved'`),
    uniqueIndex("meter_readings_pending_uq")
      .on(t.unitId, t.feeItemId, t.period)
      .where(sql`status = 'pending'`),
    index("meter_readings_company_period_idx").on(t.companyId, t.period),
    check("meter_readings_reading_ck", sql`${t.previousCenti} >= 0 and ${t.readingCenti} >= ${t.previousCenti}`),
  ],
);

export const ONLINE_PROVIDERS = ["wechatpay", "alipay"] as const;
export const PROVIDER_REFUND_STATUSES = ["pending", "processing", "success", "failed"] as const;

/**
 * A company's merchant account with a real payment provider (WeChat Pay v3, Alipay). `config`
 * holds what is not secret (merchant ids, app ids, certificate serials, endpoint base URL);
 * `sealedSecrets` the private key / APIv3 key / provider public key as one AES-256-GCM sealed
 * JSON (lib/crypto/secrets.ts, key GUANJIA_SECRETS_KEY) — never plaintext, never shown back:
 * `secretHints` keeps only each secret's last 4 characters.
 */
export const paymentAccounts = sqliteTable(
  "payment_accounts",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    provider: enumText("provider", ONLINE_PROVIDERS).notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
    config: text("config", { mode: "json" }).$type<Record<string, string>>().notNull(),
    sealedSecrets: text("sealed_secrets").notNull(),
    secretHints: text("secret_hints", { mode: "json" }).$type<Record<string, string>>().notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.provider] })],
);

/**
 * A refund sent to a provider: created before the provider is asked (its id is the provider's
 * out_refund_no, so a retry never refunds twice); the billing correction is recorded when the
 * provider accepts it.
 */
export const providerRefunds = sqliteTable(
  "provider_refunds",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    paymentId: integer("payment_id")
      .notNull()
      .references(() => payments.id),
    provider: enumText("provider", ONLINE_PROVIDERS).notNull(),
    outRefundNo: text("out_refund_no").notNull(),
    amountFen: integer("amount_fen").notNull(),
    reason: text("reason").notNull(),
    actorUserId: integer("actor_user_id")
      .notNull()
      .references(() => users.id),
    status: enumText("status", PROVIDER_REFUND_STATUSES).notNull().default("pending"),
    providerRefundId: text("provider_refund_id"),
    correctionId: integer("correction_id").references(() => billingCorrections.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("provider_refunds_out_no_uq").on(t.outRefundNo),
    index("provider_refunds_payment_idx").on(t.paymentId),
    check("provider_refunds_amount_ck", sql`${t.amountFen} > 0`),
  ],
);
