import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { financeCategories } from "./finance";
import { communities } from "./registry";
import { companies, users } from "./tenancy";

export const REQUEST_TYPES = ["contract", "procurement", "expense", "general", "leave"] as const;
export const REQUEST_STATUSES = ["draft", "pending", "approved", "rejected", "returned", "withdrawn"] as const;
export const STEP_STATUSES = ["pending", "approved", "rejected", "returned", "cancelled"] as const;
export const APPROVAL_EVENT_KINDS = [
  "created",
  "edited",
  "submitted",
  "approved",
  "rejected",
  "returned",
  "withdrawn",
] as const;
export const LEAVE_TYPES = ["annual", "sick", "personal", "marriage", "maternity", "bereavement"] as const;

/**
 * 报批: one request of a staff member, in a community. Money types (contract, procurement,
 * expense) carry `amountFen` (procurement: the server's sum of its lines) and an expense
 * category; leave carries its dates. `round` counts submissions: a returned request that is
 * resubmitted starts a new round of steps. `currentStep` is the position of the step waiting
 * for a decision (pending requests only).
 */
export const approvalRequests = sqliteTable(
  "approval_requests",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    requesterUserId: integer("requester_user_id")
      .notNull()
      .references(() => users.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    type: enumText("type", REQUEST_TYPES).notNull(),
    categoryId: integer("category_id").references(() => financeCategories.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    amountFen: integer("amount_fen"),
    /** Type-specific fields: contract party/term, leave type, expense receipts note … */
    details: text("details", { mode: "json" }).$type<Record<string, string | number | null>>().notNull(),
    leaveFrom: text("leave_from"),
    leaveTo: text("leave_to"),
    status: enumText("status", REQUEST_STATUSES).notNull().default("draft"),
    round: integer("round").notNull().default(0),
    currentStep: integer("current_step"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    /** Company-local date of the final approval (expense actuals are dated by it). */
    approvedOn: text("approved_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("approval_requests_company_status_idx").on(t.companyId, t.status),
    index("approval_requests_requester_idx").on(t.companyId, t.requesterUserId),
    index("approval_requests_leave_idx").on(t.companyId, t.requesterUserId, t.leaveFrom),
    check("approval_requests_amount_ck", sql`${t.amountFen} is null or ${t.amountFen} > 0`),
  ],
);

/** 采购明细: quantity × unit price; `amountFen` is computed by the server. */
export const approvalLines = sqliteTable(
  "approval_lines",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    requestId: integer("request_id")
      .notNull()
      .references(() => approvalRequests.id),
    position: integer("position").notNull(),
    item: text("item").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceFen: integer("unit_price_fen").notNull(),
    amountFen: integer("amount_fen").notNull(),
  },
  (t) => [index("approval_lines_request_idx").on(t.requestId)],
);

/**
 * The chain of one submission round: one row per step, in order. A step is decided once
 * (the conditional update on status = 'pending' makes a second click or a race a no-op).
 */
export const approvalSteps = sqliteTable(
  "approval_steps",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    requestId: integer("request_id")
      .notNull()
      .references(() => approvalRequests.id),
    round: integer("round").notNull(),
    position: integer("position").notNull(),
    role: text("role").notNull(),
    status: enumText("status", STEP_STATUSES).notNull().default("pending"),
    actorUserId: integer("actor_user_id").references(() => users.id),
    comment: text("comment"),
    actedAt: integer("acted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("approval_steps_request_round_pos_uq").on(t.requestId, t.round, t.position),
    index("approval_steps_company_role_idx").on(t.companyId, t.status, t.role),
  ],
);

/** The request's timeline: every action with its actor and comment. Append-only. */
export const approvalEvents = sqliteTable(
  "approval_events",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    requestId: integer("request_id")
      .notNull()
      .references(() => approvalRequests.id),
    kind: enumText("kind", APPROVAL_EVENT_KINDS).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    round: integer("round").notNull().default(0),
    position: integer("position"),
    comment: text("comment"),
    createdAt: createdAt(),
  },
  (t) => [index("approval_events_request_idx").on(t.requestId)],
);

/** Contracts, quotes and receipts (images), stored like work-order photos; served by /api/files/a<id>. */
export const approvalAttachments = sqliteTable(
  "approval_attachments",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    requestId: integer("request_id")
      .notNull()
      .references(() => approvalRequests.id),
    uploadedByUserId: integer("uploaded_by_user_id").references(() => users.id),
    storedPath: text("stored_path").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("approval_attachments_request_idx").on(t.requestId)],
);

/** The admin's approval chains (JSON, validated by lib/approvals/schemas.ts); absent → §6 defaults. */
export const approvalSettings = sqliteTable("approval_settings", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  chains: text("chains", { mode: "json" }).notNull(),
  updatedAt: updatedAt(),
});
