import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { active, companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { companies, users } from "./tenancy";

export const UNIT_TYPES = ["residential", "commercial", "parking"] as const;
export const HOUSEHOLD_KINDS = ["owner", "tenant"] as const;
export const RESIDENT_RELATIONS = ["owner", "family", "tenant"] as const;
export const LINK_STATUSES = ["pending", "approved", "rejected", "removed"] as const;

/** 项目/小区 */
export const communities = sqliteTable(
  "communities",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    name: text("name").notNull(),
    address: text("address"),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("communities_company_name_uq").on(t.companyId, t.name)],
);

/** 楼栋 */
export const buildings = sqliteTable(
  "buildings",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    /** Short code used in unit addresses, e.g. "3" in 3-2-1201. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    floors: integer("floors"),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("buildings_community_code_uq").on(t.communityId, t.code),
    index("buildings_company_idx").on(t.companyId),
  ],
);

/** 房屋. Area is stored in hundredths of a square metre (integer), never as a float. */
export const units = sqliteTable(
  "units",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    buildingId: integer("building_id")
      .notNull()
      .references(() => buildings.id),
    /** Number inside the building, e.g. "2-1201" (entrance 2, room 1201). */
    number: text("number").notNull(),
    floor: integer("floor"),
    areaCentiM2: integer("area_centi_m2").notNull(),
    type: enumText("type", UNIT_TYPES).notNull().default("residential"),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("units_building_number_uq").on(t.buildingId, t.number),
    // With `active`, counting a company's units (the workbench) reads this index alone.
    index("units_company_idx").on(t.companyId, t.active),
  ],
);

/** 客户: the billing party for one or more units. */
export const households = sqliteTable(
  "households",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    name: text("name").notNull(),
    kind: enumText("kind", HOUSEHOLD_KINDS).notNull().default("owner"),
    /** Short unguessable code printed on bills; residents register with it. */
    code: text("code").notNull(),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("households_code_uq").on(t.code),
    index("households_company_idx").on(t.companyId),
    // The active households of a company (counted by the CRM dashboard, the inactive ones looked up by its trend).
    index("households_company_active_idx").on(t.companyId, t.active),
  ],
);

/**
 * The units a household holds, each for a period (SPEC §4 "Time"): from `fromDate` (handover
 * or purchase, "YYYY-MM-DD", first day held) to `toDate` (sale, transfer or move-out: the first
 * day NO LONGER held; null while held). Half-open periods, so a transfer on day D ends the old
 * link and starts the new one on the same D. A unit has at most one holder on any day: a
 * trigger (custom migration household_units_periods) refuses overlapping periods, and at most
 * one open link per unit (partial unique index). "Current" holdings are the open links
 * (`toDate` null); ended links are history and must be filtered out by current-holder queries.
 */
export const householdUnits = sqliteTable(
  "household_units",
  {
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    /** Links that existed before periods got their household's creation day (custom migration). */
    fromDate: text("from_date").notNull().default("1970-01-01"),
    toDate: text("to_date"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.unitId] }),
    uniqueIndex("household_units_unit_open_uq")
      .on(t.unitId)
      .where(sql`${t.toDate} is null`),
    index("household_units_unit_period_idx").on(t.unitId, t.fromDate),
  ],
);

export const householdContacts = sqliteTable(
  "household_contacts",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    isPrimary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("household_contacts_household_idx").on(t.householdId),
    index("household_contacts_company_phone_idx").on(t.companyId, t.phone),
  ],
);

/** A resident account linked to a household (owner / family member / tenant). */
export const residentLinks = sqliteTable(
  "resident_links",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    relation: enumText("relation", RESIDENT_RELATIONS).notNull(),
    status: enumText("status", LINK_STATUSES).notNull().default("pending"),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("resident_links_user_household_uq").on(t.userId, t.householdId),
    index("resident_links_household_idx").on(t.householdId),
  ],
);

/** Each building has one butler; a household's butler follows from its unit's building. */
export const buildingButlers = sqliteTable(
  "building_butlers",
  {
    companyId: companyRef().references(() => companies.id),
    buildingId: integer("building_id")
      .primaryKey()
      .references(() => buildings.id),
    butlerUserId: integer("butler_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("building_butlers_butler_idx").on(t.butlerUserId)],
);

/** Supervisors lead butlers. */
export const supervisorButlers = sqliteTable(
  "supervisor_butlers",
  {
    companyId: companyRef().references(() => companies.id),
    butlerUserId: integer("butler_user_id")
      .notNull()
      .references(() => users.id),
    supervisorUserId: integer("supervisor_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.butlerUserId] }),
    index("supervisor_butlers_supervisor_idx").on(t.supervisorUserId),
  ],
);

/** A project manager runs a community. */
export const communityManagers = sqliteTable(
  "community_managers",
  {
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id")
      .primaryKey()
      .references(() => communities.id),
    managerUserId: integer("manager_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("community_managers_manager_idx").on(t.managerUserId)],
);

/**
 * A butler for part of a building (a unit range), overriding the building's butler for
 * those units. The UI assigns ranges; each unit of the range gets a row.
 */
export const unitButlers = sqliteTable(
  "unit_butlers",
  {
    companyId: companyRef().references(() => companies.id),
    unitId: integer("unit_id")
      .primaryKey()
      .references(() => units.id),
    butlerUserId: integer("butler_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("unit_butlers_butler_idx").on(t.butlerUserId)],
);

/**
 * Where each household sits now, kept by triggers (migration household_placements_triggers) on
 * household_units, units, buildings, unit_butlers and building_butlers: its main unit (first
 * residential unit, else first unit), that unit's building and community, and its butler (the
 * unit-range butler, else the building's). The same definition as the view
 * household_placement_v and lib/registry/queries.ts householdButlersSubquery; reports and risk
 * lists join this table instead of recomputing it for 50,000 households. No row: no unit.
 */
export const householdPlacements = sqliteTable(
  "household_placements",
  {
    householdId: integer("household_id").primaryKey(),
    companyId: companyRef().references(() => companies.id),
    unitId: integer("unit_id").notNull(),
    buildingId: integer("building_id").notNull(),
    communityId: integer("community_id").notNull(),
    butlerUserId: integer("butler_user_id"),
  },
  (t) => [
    index("household_placements_butler_idx").on(t.companyId, t.butlerUserId),
    index("household_placements_building_idx").on(t.companyId, t.buildingId),
    // A community manager's view (visibleHouseholds by community), read from this side.
    index("household_placements_community_idx").on(t.companyId, t.communityId),
  ],
);
