import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { companyRef, createdAt, enumText, id } from "./_helpers";
import { ONLINE_PROVIDERS, payments } from "./billing";
import { companies, users } from "./tenancy";

/*
 * Daily reconciliation (issue 18): each provider's statement of a day (WeChat Pay trade bill,
 * Alipay 业务明细), its rows, and what matching them to our payments and refunds found. All
 * append-only: a mismatch is settled by a resolution row (reason + actor), never by an edit.
 */

export const STATEMENT_ROW_KINDS = ["trade", "refund"] as const;
export const RECONCILIATION_STATUSES = ["matched", "missing_ours", "missing_provider", "amount_differs"] as const;
export const RESOLUTION_ACTIONS = ["recorded", "flagged"] as const;

/** One provider's statement of one company-local day; the unique key makes a second download a no-op. */
export const providerStatements = sqliteTable(
  "provider_statements",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    provider: enumText("provider", ONLINE_PROVIDERS).notNull(),
    billDate: text("bill_date").notNull(),
    /** SHA-1 (hex) of the file as downloaded (WeChat Pay checks it against hash_value). */
    fileHash: text("file_hash").notNull(),
    tradeCount: integer("trade_count").notNull(),
    tradeFen: integer("trade_fen").notNull(),
    refundCount: integer("refund_count").notNull(),
    refundFen: integer("refund_fen").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("provider_statements_day_uq").on(t.companyId, t.provider, t.billDate)],
);

/** A trade or refund line of a statement, as the provider printed it (amount in fen). */
export const statementRows = sqliteTable(
  "statement_rows",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    statementId: integer("statement_id")
      .notNull()
      .references(() => providerStatements.id),
    kind: enumText("kind", STATEMENT_ROW_KINDS).notNull(),
    outTradeNo: text("out_trade_no").notNull(),
    providerTradeNo: text("provider_trade_no").notNull(),
    /** Refund rows: our out_refund_no (Alipay: out_request_no); "" for trades. */
    outRefundNo: text("out_refund_no").notNull().default(""),
    amountFen: integer("amount_fen").notNull(),
    occurredAt: text("occurred_at").notNull(),
  },
  (t) => [index("statement_rows_statement_idx").on(t.statementId)],
);

/** The outcome for one transaction of a day: matched, or one of the three mismatches. */
export const reconciliationItems = sqliteTable(
  "reconciliation_items",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    statementId: integer("statement_id")
      .notNull()
      .references(() => providerStatements.id),
    kind: enumText("kind", STATEMENT_ROW_KINDS).notNull(),
    /** out_trade_no (trades) or out_refund_no (refunds): unique within the statement. */
    ref: text("ref").notNull(),
    outTradeNo: text("out_trade_no").notNull(),
    providerTradeNo: text("provider_trade_no"),
    status: enumText("status", RECONCILIATION_STATUSES).notNull(),
    statementFen: integer("statement_fen"),
    oursFen: integer("ours_fen"),
    paymentId: integer("payment_id").references(() => payments.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reconciliation_items_ref_uq").on(t.statementId, t.kind, t.ref),
    index("reconciliation_items_company_idx").on(t.companyId, t.status),
  ],
);

/** How finance settled a mismatch: the payment recorded through the normal path, or flagged with a reason. One per item. */
export const reconciliationResolutions = sqliteTable(
  "reconciliation_resolutions",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    itemId: integer("item_id")
      .notNull()
      .references(() => reconciliationItems.id),
    action: enumText("action", RESOLUTION_ACTIONS).notNull(),
    reason: text("reason").notNull(),
    paymentId: integer("payment_id").references(() => payments.id),
    actorUserId: integer("actor_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reconciliation_resolutions_item_uq").on(t.itemId),
    check("reconciliation_resolutions_reason_ck", sql`length(${t.reason}) > 0`),
  ],
);
