import { index, integer, sqliteTable, text, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id } from "../_helpers";
import { households } from "../registry";
import { companies, users } from "../tenancy";

// CRM-EW (SPEC §8). The ledger is the truth; household_scores is only a cache of it.

export const RULE_SET_STATUSES = ["draft", "published", "archived"] as const;

/**
 * The company's CRM-EW rules as data (lib/crm/config.ts `CrmRules`). At most one
 * published and one draft per company; publishing archives the previous one. A company
 * with no published row uses DEFAULT_CRM_RULES.
 */
export const crmRuleSets = sqliteTable(
  "crm_rule_sets",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    status: enumText("status", RULE_SET_STATUSES).notNull(),
    rules: text("rules", { mode: "json" }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("crm_rule_sets_company_idx").on(t.companyId, t.status)],
);

/**
 * One ledger entry (§8.1): a dated change of a household's score by a rule, linked to its
 * source record, explained by a message key + params rendered in either language.
 * `dedupeKey` is unique per company: e.g. "arrears:<household>:<episode>:m6:1",
 * "complaint:<workOrderId>", "gold:<household>:<awardedOn>" — it makes every writer idempotent.
 * Entries are never edited or deleted; a correction is a new entry (rule "correction")
 * with a reason and an actor.
 */
export const sentimentEntries = sqliteTable(
  "sentiment_entries",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    /** Calendar date of the event in the company's time zone, YYYY-MM-DD. Entries fold in (occurredOn, id) order. */
    occurredOn: text("occurred_on").notNull(),
    /** e.g. complaint, arrears, gold_badge, recovery, correction, initial. */
    rule: text("rule").notNull(),
    /** The exact step/classification within the rule, e.g. "m6", "general", "award". */
    step: text("step"),
    points: integer("points").notNull(),
    /** Score after this entry, clamped 0..100 (kept by lib/crm/ledger.ts recompute). */
    scoreAfter: integer("score_after").notNull(),
    sourceType: text("source_type"),
    sourceId: integer("source_id"),
    dedupeKey: text("dedupe_key").notNull(),
    /** i18n key under crm.ledger.* and its parameters: the human sentence. */
    messageKey: text("message_key").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, string | number | null>>().notNull(),
    reason: text("reason"),
    actorUserId: integer("actor_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sentiment_entries_dedupe_uq").on(t.companyId, t.dedupeKey),
    index("sentiment_entries_household_idx").on(t.householdId, t.occurredOn, t.id),
    index("sentiment_entries_company_date_idx").on(t.companyId, t.occurredOn),
  ],
);

/** Cache of each household's current score (recomputed from the ledger; `npm run sentiment:verify` checks it). */
export const householdScores = sqliteTable(
  "household_scores",
  {
    householdId: integer("household_id")
      .primaryKey()
      .references(() => households.id),
    companyId: companyRef().references(() => companies.id),
    score: integer("score").notNull(),
    lastEntryId: integer("last_entry_id"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("household_scores_company_score_idx").on(t.companyId, t.score)],
);

/**
 * Histogram of the cached scores of the company's active households: how many sit at each
 * score. Kept by triggers on household_scores and households.active (migration
 * crm_score_counts_triggers); the dashboard's band distribution for company-wide viewers reads
 * it (active households without a cached score count at the initial score). Tests check it
 * equals household_scores.
 */
export const crmScoreCounts = sqliteTable(
  "crm_score_counts",
  {
    companyId: companyRef().references(() => companies.id),
    score: integer("score").notNull(),
    households: integer("households").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.score] })],
);

/**
 * The score timeline of the company's households as moves: on `day`, `households` (signed) arrive
 * at (+) or leave (−) `score`, by each household's end-of-day score on the days it has ledger
 * entries. The sum of the moves up to a day is the histogram of every household's score on that
 * day (households without an entry by then are at the initial score). Kept by the ledger's one
 * writer (lib/crm/ledger.ts recomputeScores) in its transaction; the dashboard's weekly trend for
 * company-wide viewers reads it. Tests check it equals the ledger.
 */
export const crmScoreMoves = sqliteTable(
  "crm_score_moves",
  {
    companyId: companyRef().references(() => companies.id),
    day: text("day").notNull(),
    score: integer("score").notNull(),
    households: integer("households").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.day, t.score] })],
);

/** 金章客户 (§8.4): one row per award; active while asOf < expiresOn. */
export const goldBadges = sqliteTable(
  "gold_badges",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    awardedOn: text("awarded_on").notNull(),
    /** First day the badge no longer applies (awardedOn + badge months). */
    expiresOn: text("expires_on").notNull(),
    paymentId: integer("payment_id"),
    workOrderId: integer("work_order_id"),
    /** Set by the cron's expiry job when it processes the expiry. */
    expiredAt: integer("expired_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("gold_badges_household_awarded_uq").on(t.householdId, t.awardedOn),
    index("gold_badges_company_expires_idx").on(t.companyId, t.expiresOn),
  ],
);

/**
 * 回访 (§8.5): one row per household sampled for a visit in a quarter ("2026Q4").
 * Unique per household and quarter. Filled in by the butler's visit record.
 */
export const visits = sqliteTable(
  "visits",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    butlerUserId: integer("butler_user_id").references(() => users.id),
    quarter: text("quarter").notNull(),
    /** The month whose sampling picked it, YYYY-MM. */
    sampledMonth: text("sampled_month").notNull(),
    workOrderId: integer("work_order_id"),
    visitedAt: integer("visited_at", { mode: "timestamp_ms" }),
    satisfaction: integer("satisfaction"),
    notes: text("notes"),
    issues: text("issues"),
    followUpOrderId: integer("follow_up_order_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("visits_household_quarter_uq").on(t.householdId, t.quarter),
    index("visits_company_butler_idx").on(t.companyId, t.butlerUserId, t.quarter),
  ],
);
