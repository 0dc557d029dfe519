import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { active, companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { feeItems } from "./billing";
import { communities } from "./registry";
import { companies, users } from "./tenancy";

export const FINANCE_KINDS = ["income", "expense"] as const;
export const ENTRY_SOURCES = ["billing", "contract", "shop", "approval", "manual", "reversal"] as const;

/**
 * 收支科目. Income categories map to a billing fee item (`fee:<id>`), contract income
 * (`contract_income`) or shop income (`value_added`); expense categories are chosen on money
 * requests. `code` is unique per company; defaults are created on first use.
 */
export const financeCategories = sqliteTable(
  "finance_categories",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    kind: enumText("kind", FINANCE_KINDS).notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    feeItemId: integer("fee_item_id").references(() => feeItems.id),
    active: active(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("finance_categories_company_code_uq").on(t.companyId, t.code),
    uniqueIndex("finance_categories_company_name_uq").on(t.companyId, t.kind, t.name),
  ],
);

/** 年度预算: one amount per community, category and month ("YYYY-MM"). Changes are audited. */
export const financeBudgets = sqliteTable(
  "finance_budgets",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => financeCategories.id),
    month: text("month").notNull(),
    amountFen: integer("amount_fen").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("finance_budgets_uq").on(t.companyId, t.communityId, t.categoryId, t.month),
    check("finance_budgets_amount_ck", sql`${t.amountFen} >= 0`),
  ],
);

/**
 * 实际收支 (the ledger). Append-only: automatic postings carry a unique `sourceKey`
 * (alloc:<allocation>:<fee item>, calloc:<id>, shop:<id>, approval:<request>) so each source
 * is posted exactly once; manual adjustments carry a reason and actor; a correction is a
 * reversing entry pointing at the one it reverses (at most one reversal each).
 */
export const financeEntries = sqliteTable(
  "finance_entries",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id").references(() => communities.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => financeCategories.id),
    kind: enumText("kind", FINANCE_KINDS).notNull(),
    /** Signed: a refund or a reversal is negative. */
    amountFen: integer("amount_fen").notNull(),
    occurredOn: text("occurred_on").notNull(),
    source: enumText("source", ENTRY_SOURCES).notNull(),
    sourceKey: text("source_key"),
    reason: text("reason"),
    actorUserId: integer("actor_user_id").references(() => users.id),
    reversesEntryId: integer("reverses_entry_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("finance_entries_source_uq").on(t.companyId, t.sourceKey),
    uniqueIndex("finance_entries_reversal_uq").on(t.reversesEntryId),
    index("finance_entries_company_date_idx").on(t.companyId, t.occurredOn),
  ],
);

/**
 * How far each automatic posting has read its source (allocations / contract allocations),
 * by id: a run reads only newer rows, so the daily job does not rescan years of payments.
 * Source rows are append-only and their ids grow in commit order (one writer at a time), so
 * nothing is skipped; the unique source keys keep a re-read from posting twice.
 */
export const financePostMarks = sqliteTable(
  "finance_post_marks",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    source: text("source").notNull(),
    lastId: integer("last_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.source] })],
);
