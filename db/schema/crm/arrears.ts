import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id } from "../_helpers";
import { households } from "../registry";
import { companies, users } from "../tenancy";
import { workOrders } from "../tickets";

// CRM-EW arrears ladder (SPEC §8.3): episodes, firings, numbered notices, legal cases.

export const NOTICE_KIND_VALUES = ["reminder", "payment_notice", "dunning_notice", "lawyer_letter"] as const;
export const LEGAL_CASE_STATUS_VALUES = [
  "letter_sent",
  "negotiating",
  "lawsuit_material_ready",
  "filed",
  "settled",
  "closed",
] as const;

/**
 * An arrears episode: from the day the ladder first sees a household overdue until it is back
 * to 0 months in arrears. At most one open episode per household (partial unique index).
 */
export const arrearsEpisodes = sqliteTable(
  "crm_arrears_episodes",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    startedOn: text("started_on").notNull(),
    endedOn: text("ended_on"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("crm_arrears_episodes_open_uq")
      .on(t.householdId)
      .where(sql`${t.endedOn} is null`),
    index("crm_arrears_episodes_company_idx").on(t.companyId, t.endedOn),
  ],
);

/**
 * One step of the ladder fired in an episode. (household, episode, step, occurrence) is the
 * idempotency key — the ledger entry's dedupeKey is built from it.
 */
export const ladderFirings = sqliteTable(
  "crm_ladder_firings",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    episodeId: integer("episode_id")
      .notNull()
      .references(() => arrearsEpisodes.id),
    stepKey: text("step_key").notNull(),
    /** The months this occurrence stands for (6, 8, 10 for the repeating step). */
    occurrence: integer("occurrence").notNull(),
    firedOn: text("fired_on").notNull(),
    /** Months in arrears and amount owed on them when it fired. */
    months: integer("months").notNull(),
    owedFen: integer("owed_fen").notNull(),
    points: integer("points").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("crm_ladder_firings_uq").on(t.householdId, t.episodeId, t.stepKey, t.occurrence),
    index("crm_ladder_firings_company_idx").on(t.companyId, t.firedOn),
  ],
);

/** One unpaid month on a notice. */
export interface NoticeMonth {
  period: string;
  dueDate: string;
  owedFen: number;
}
export interface NoticeSnapshot {
  months: NoticeMonth[];
  totalFen: number;
  monthsInArrears: number;
}

/** Per-company, per-year counter of notice numbers (gapless: moved only in the notice's transaction). */
export const noticeCounters = sqliteTable(
  "crm_notice_counters",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.year] })],
);

/** A numbered notice (催-2026-000123) with the unpaid months as they stood when issued. */
export const crmNotices = sqliteTable(
  "crm_notices",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    firingId: integer("firing_id").references(() => ladderFirings.id),
    kind: enumText("kind", NOTICE_KIND_VALUES).notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    number: text("number").notNull(),
    issuedOn: text("issued_on").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<NoticeSnapshot>().notNull(),
    /** A lawyer's letter waiting for legal's confirmation: not shown or sent to the resident yet. */
    awaitingConfirmation: integer("awaiting_confirmation", { mode: "boolean" }).notNull().default(false),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    confirmedByUserId: integer("confirmed_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("crm_notices_number_uq").on(t.companyId, t.year, t.seq),
    uniqueIndex("crm_notices_firing_uq").on(t.firingId),
    index("crm_notices_household_idx").on(t.householdId, t.issuedOn),
    index("crm_notices_company_idx").on(t.companyId, t.issuedOn),
  ],
);

/** Work orders a firing dispatched (one per firing in practice; a follow-up order from the legal page too). */
export const ladderFiringOrders = sqliteTable(
  "crm_ladder_firing_orders",
  {
    companyId: companyRef().references(() => companies.id),
    firingId: integer("firing_id")
      .notNull()
      .references(() => ladderFirings.id),
    workOrderId: integer("work_order_id")
      .notNull()
      .references(() => workOrders.id),
  },
  (t) => [primaryKey({ columns: [t.firingId, t.workOrderId] })],
);

/** A legal case, opened by the 13-month step, one per household and episode. */
export const legalCases = sqliteTable(
  "crm_legal_cases",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    episodeId: integer("episode_id")
      .notNull()
      .references(() => arrearsEpisodes.id),
    firingId: integer("firing_id").references(() => ladderFirings.id),
    openedOn: text("opened_on").notNull(),
    status: enumText("status", LEGAL_CASE_STATUS_VALUES).notNull().default("letter_sent"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("crm_legal_cases_episode_uq").on(t.householdId, t.episodeId),
    index("crm_legal_cases_company_status_idx").on(t.companyId, t.status),
  ],
);

/** The case timeline: every status change (and follow-up order) with actor, time and note. Append-only. */
export const legalCaseEvents = sqliteTable(
  "crm_legal_case_events",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    caseId: integer("case_id")
      .notNull()
      .references(() => legalCases.id),
    action: text("action").notNull(),
    fromStatus: enumText("from_status", LEGAL_CASE_STATUS_VALUES),
    toStatus: enumText("to_status", LEGAL_CASE_STATUS_VALUES),
    /** null = the system (the ladder). */
    actorUserId: integer("actor_user_id").references(() => users.id),
    note: text("note"),
    workOrderId: integer("work_order_id").references(() => workOrders.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("crm_legal_case_events_case_idx").on(t.caseId)],
);
