import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { active, companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { CLEANING_AREA_KINDS, cleaningAreas } from "./field";
import { communities } from "./registry";
import { workOrders } from "./tickets";
import { companies, users } from "./tenancy";

/**
 * Quality inspections (品质巡检, issue 19 point 3): templates of scored items per area type, the
 * inspections a supervisor or project manager makes on the phone, and each item's score — a
 * defect became a work order to the item's responsible team.
 */
export const INSPECTION_AREA_KINDS = [...CLEANING_AREA_KINDS, "security_post", "landscaping", "facilities"] as const;
/** The team that answers for an item; each maps to a work-order type (lib/field/inspection-rules.ts). */
export const INSPECTION_TEAMS = ["cleaning", "security", "engineering", "customer_service"] as const;

export type InspectionTemplateItem = { label: string; maxScore: number; team: (typeof INSPECTION_TEAMS)[number] };

/** A template: the items an inspector scores for one kind of area. Inspections copy the items they used. */
export const inspectionTemplates = sqliteTable(
  "inspection_templates",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    name: text("name").notNull(),
    areaKind: enumText("area_kind", INSPECTION_AREA_KINDS).notNull(),
    items: text("items", { mode: "json" }).$type<InspectionTemplateItem[]>().notNull(),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("inspection_templates_company_idx").on(t.companyId, t.areaKind)],
);

/**
 * One inspection (append-only): where, by whom, with which template, and its totals. `month` is
 * the company-local month of `inspectedAt` (the monthly quality score groups by it); `requestId`
 * is the phone's id for the submit, so a double submit records nothing more.
 */
export const inspections = sqliteTable(
  "inspections",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    areaId: integer("area_id").references(() => cleaningAreas.id),
    areaKind: enumText("area_kind", INSPECTION_AREA_KINDS).notNull(),
    templateId: integer("template_id")
      .notNull()
      .references(() => inspectionTemplates.id),
    inspectorId: integer("inspector_id")
      .notNull()
      .references(() => users.id),
    requestId: text("request_id").notNull(),
    month: text("month").notNull(),
    score: integer("score").notNull(),
    maxScore: integer("max_score").notNull(),
    defects: integer("defects").notNull(),
    inspectedAt: integer("inspected_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("inspections_request_uq").on(t.companyId, t.requestId),
    index("inspections_month_idx").on(t.companyId, t.month, t.communityId),
  ],
);

/** One scored item of an inspection, as the template said when inspected; a defect's work order is `workOrderId`. */
export const inspectionItems = sqliteTable(
  "inspection_items",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    inspectionId: integer("inspection_id")
      .notNull()
      .references(() => inspections.id),
    seq: integer("seq").notNull(),
    label: text("label").notNull(),
    team: enumText("team", INSPECTION_TEAMS).notNull(),
    maxScore: integer("max_score").notNull(),
    score: integer("score").notNull(),
    defect: integer("defect", { mode: "boolean" }).notNull().default(false),
    note: text("note"),
    workOrderId: integer("work_order_id").references(() => workOrders.id),
  },
  (t) => [
    uniqueIndex("inspection_items_seq_uq").on(t.inspectionId, t.seq),
    index("inspection_items_team_idx").on(t.companyId, t.team),
  ],
);
