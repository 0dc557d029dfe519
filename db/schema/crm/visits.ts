import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, id } from "../_helpers";
import { buildings, communities, households } from "../registry";
import { companies, users } from "../tenancy";

// Visit sampling runs and quarterly satisfaction surveys (SPEC §8.5); the visits table itself is in crm.ts.

/** One survey per company and quarter ("2026Q4"), created by the cron on the quarter's first day. */
export const surveys = sqliteTable(
  "surveys",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    quarter: text("quarter").notNull(),
    /** First and last calendar day it can be answered (the quarter), YYYY-MM-DD. */
    opensOn: text("opens_on").notNull(),
    closesOn: text("closes_on").notNull(),
    /** Set when every household has been sent it (the send resumes until then). */
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** Set when the butlers were told their digest is ready (after the survey closes). */
    digestSentAt: integer("digest_sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("surveys_company_quarter_uq").on(t.companyId, t.quarter)],
);

/** The households a survey was sent to, with where they sat then (for aggregation per butler / building / community). */
export const surveyRecipients = sqliteTable(
  "survey_recipients",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    companyId: companyRef().references(() => companies.id),
    butlerUserId: integer("butler_user_id").references(() => users.id),
    buildingId: integer("building_id").references(() => buildings.id),
    communityId: integer("community_id").references(() => communities.id),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.surveyId, t.householdId] }),
    index("survey_recipients_company_idx").on(t.companyId, t.surveyId, t.butlerUserId),
  ],
);

/** One answer per survey and household (whichever resident of the household answers first). */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    overall: integer("overall").notNull(),
    butler: integer("butler").notNull(),
    cleaning: integer("cleaning").notNull(),
    security: integer("security").notNull(),
    maintenance: integer("maintenance").notNull(),
    comment: text("comment"),
    answeredByUserId: integer("answered_by_user_id")
      .notNull()
      .references(() => users.id),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("survey_responses_survey_household_uq").on(t.surveyId, t.householdId),
    index("survey_responses_company_idx").on(t.companyId, t.surveyId),
  ],
);

/**
 * One row per company and month once that month's visit sampling (SPEC §8.5) has finished:
 * later days of the month skip it; until then a later day catches up (same seeded picks).
 */
export const visitSamplingRuns = sqliteTable(
  "visit_sampling_runs",
  {
    companyId: companyRef().references(() => companies.id),
    month: text("month").notNull(),
    sampled: integer("sampled").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.month] })],
);
