import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { active, companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { communities, households, units } from "./registry";
import { companies, users } from "./tenancy";

/** SPEC §5 work-order types. */
export const WORK_ORDER_TYPES = [
  "complaint",
  "repair",
  "suggestion",
  "inquiry",
  "visit",
  "collection",
  "explanation",
  "maintenance",
  "cleaning",
  "security",
  "emergency",
] as const;
export const WORK_ORDER_SOURCES = ["resident", "front_desk", "staff", "system"] as const;
export const WORK_ORDER_STATUSES = [
  "submitted",
  "triaged",
  "assigned",
  "accepted",
  "in_progress",
  "resolved",
  "confirmed",
  "closed",
  "cancelled",
] as const;
/** §8.2 complaint classification. */
export const COMPLAINT_CLASSES = ["invalid", "general", "medium", "major"] as const;
export const SEVERITIES = ["low", "normal", "high", "critical"] as const;
export const REPAIR_CATEGORIES = ["plumbing", "electrical", "elevator", "doors_locks", "public_areas"] as const;
/** What the dispatched staff must do after handling: explain (invalid/suggestion) or report back (valid complaint). */
export const FOLLOW_UPS = ["explain", "report_back"] as const;
export const ASSIGNEE_ROLES = ["butler", "supervisor", "project_manager", "technician"] as const;
export const ATTACHMENT_KINDS = ["before", "after"] as const;

export type ChecklistItem = { item: string; done: boolean };

/** 工单 */
export const workOrders = sqliteTable(
  "work_orders",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    type: enumText("type", WORK_ORDER_TYPES).notNull(),
    source: enumText("source", WORK_ORDER_SOURCES).notNull(),
    repairCategory: enumText("repair_category", REPAIR_CATEGORIES),
    householdId: integer("household_id").references(() => households.id),
    unitId: integer("unit_id").references(() => units.id),
    communityId: integer("community_id").references(() => communities.id),
    equipmentId: integer("equipment_id"),
    title: text("title"),
    description: text("description").notNull(),
    /**
     * A system-written order's text as a message key + params (`<key>.title`, `<key>.body`),
     * rendered in the reader's language; title/description keep the Chinese text for older readers.
     */
    textKey: text("text_key"),
    textParams: text("text_params", { mode: "json" }).$type<Record<string, string | number | null>>(),
    status: enumText("status", WORK_ORDER_STATUSES).notNull().default("submitted"),
    severity: enumText("severity", SEVERITIES).notNull().default("normal"),
    /** §8.2 triage: classification + points (negative). The CRM-EW ledger reads these. */
    classification: enumText("classification", COMPLAINT_CLASSES),
    points: integer("points"),
    triagedAt: integer("triaged_at", { mode: "timestamp_ms" }),
    triagedByUserId: integer("triaged_by_user_id").references(() => users.id),
    followUp: enumText("follow_up", FOLLOW_UPS),
    acceptDueAt: integer("accept_due_at", { mode: "timestamp_ms" }),
    resolveDueAt: integer("resolve_due_at", { mode: "timestamp_ms" }),
    escalationLevel: integer("escalation_level").notNull().default(0),
    escalatedAt: integer("escalated_at", { mode: "timestamp_ms" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    cancelReason: text("cancel_reason"),
    resolutionNote: text("resolution_note"),
    rating: integer("rating"),
    ratingComment: text("rating_comment"),
    reopenCount: integer("reopen_count").notNull().default(0),
    checklist: text("checklist", { mode: "json" }).$type<ChecklistItem[]>(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Covers the workbench's open orders by type, overdue (orderFigures): 19,000 open orders at
    // the bench's size counted from the index without a table read each.
    index("work_orders_company_status_idx").on(t.companyId, t.status, t.type, t.acceptDueAt, t.resolveDueAt),
    index("work_orders_household_idx").on(t.householdId),
    index("work_orders_community_idx").on(t.communityId),
    // What a staff member reported themselves (an emergency, an intake) is part of their orders
    // scope (lib/tickets/access.ts); with it every part of that OR is an index search.
    index("work_orders_created_by_idx").on(t.createdByUserId),
    // Today's intake on the workbench (orders created since the local midnight): a range of the
    // day's few orders instead of every order of the company's open and closed statuses.
    index("work_orders_company_created_idx").on(t.companyId, t.createdAt),
    // The minute tick's "anything to escalate?" (lib/tickets/cron.ts escalationDueCompanies):
    // only the open orders not yet at the level their deadline gives them, so an idle tick
    // reads a handful of index entries however many orders a company has.
    index("work_orders_accept_due_idx")
      .on(t.acceptDueAt)
      .where(sql`status = 'assigned' and escalation_level < 1`),
    index("work_orders_resolve_due_idx")
      .on(t.resolveDueAt)
      .where(sql`status in ('submitted', 'triaged', 'assigned', 'accepted', 'in_progress') and escalation_level < 3`),
  ],
);

/** One row per dispatched person; each accepts (接单) separately. */
export const workOrderAssignees = sqliteTable(
  "work_order_assignees",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    workOrderId: integer("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: enumText("role", ASSIGNEE_ROLES).notNull(),
    assignedAt: integer("assigned_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("work_order_assignees_order_user_uq").on(t.workOrderId, t.userId),
    index("work_order_assignees_user_idx").on(t.userId),
  ],
);

/** The append-only timeline: every transition with its actor and time. */
export const workOrderEvents = sqliteTable(
  "work_order_events",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    workOrderId: integer("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    /** null = the system (dispatch, cron). */
    actorUserId: integer("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    fromStatus: enumText("from_status", WORK_ORDER_STATUSES),
    toStatus: enumText("to_status", WORK_ORDER_STATUSES),
    note: text("note"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("work_order_events_order_idx").on(t.workOrderId)],
);

export const workOrderComments = sqliteTable(
  "work_order_comments",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    workOrderId: integer("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    authorUserId: integer("author_user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("work_order_comments_order_idx").on(t.workOrderId)],
);

/** Photos; the file lives under UPLOADS_DIR with a random name and is served by /api/files/[id]. */
export const workOrderAttachments = sqliteTable(
  "work_order_attachments",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    workOrderId: integer("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    uploadedByUserId: integer("uploaded_by_user_id").references(() => users.id),
    kind: enumText("kind", ATTACHMENT_KINDS).notNull().default("before"),
    storedPath: text("stored_path").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("work_order_attachments_order_idx").on(t.workOrderId)],
);

/** Per-company SLA overrides; absent rows fall back to the defaults in lib/tickets/rules.ts. */
export const slaSettings = sqliteTable(
  "sla_settings",
  {
    companyId: companyRef().references(() => companies.id),
    type: enumText("type", WORK_ORDER_TYPES).notNull(),
    severity: enumText("severity", SEVERITIES).notNull(),
    acceptMinutes: integer("accept_minutes").notNull(),
    resolveMinutes: integer("resolve_minutes").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.type, t.severity] })],
);

/** The repair categories a technician handles. */
export const technicianSkills = sqliteTable(
  "technician_skills",
  {
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    category: enumText("category", REPAIR_CATEGORIES).notNull(),
    /** The community the technician serves (null = every community of the company). */
    communityId: integer("community_id").references(() => communities.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.category] }),
    index("technician_skills_company_idx").on(t.companyId, t.category),
  ],
);

export const EQUIPMENT_KINDS = ["elevator", "pump", "fire_system", "gate", "generator", "hvac", "other"] as const;
export const PLAN_INTERVALS = ["day", "week", "month"] as const;

export const equipment = sqliteTable(
  "equipment",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    kind: enumText("kind", EQUIPMENT_KINDS).notNull(),
    location: text("location"),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("equipment_company_idx").on(t.companyId)],
);

export const maintenancePlans = sqliteTable(
  "maintenance_plans",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    equipmentId: integer("equipment_id")
      .notNull()
      .references(() => equipment.id),
    title: text("title").notNull(),
    every: integer("every").notNull(),
    interval: enumText("interval", PLAN_INTERVALS).notNull(),
    /** First due date, YYYY-MM-DD. */
    startDate: text("start_date").notNull(),
    /** Orders are created this many days ahead of the due date. */
    leadDays: integer("lead_days").notNull().default(3),
    checklist: text("checklist", { mode: "json" }).$type<string[]>().notNull(),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("maintenance_plans_company_idx").on(t.companyId)],
);

/** One row per (plan, due date): the key that makes order generation idempotent. */
export const maintenanceOrderKeys = sqliteTable(
  "maintenance_order_keys",
  {
    companyId: companyRef().references(() => companies.id),
    planId: integer("plan_id")
      .notNull()
      .references(() => maintenancePlans.id),
    dueDate: text("due_date").notNull(),
    workOrderId: integer("work_order_id").references(() => workOrders.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.dueDate] })],
);

export const KB_CATEGORIES = ["procedure", "standard", "faq", "guide", "legal"] as const;

/** Knowledge-base articles; public ones are the residents' service guide (§3). */
export const kbArticles = sqliteTable(
  "kb_articles",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    title: text("title").notNull(),
    category: enumText("category", KB_CATEGORIES).notNull(),
    body: text("body").notNull(),
    workOrderTypes: text("work_order_types", { mode: "json" }).$type<string[]>().notNull(),
    public: integer("public", { mode: "boolean" }).notNull().default(false),
    active: active(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("kb_articles_company_idx").on(t.companyId)],
);
