import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { communities } from "./registry";
import { companies, users } from "./tenancy";

export const STAFF_STATUSES = ["active", "on_leave", "exited"] as const;

/**
 * 员工档案: one per staff member and company, linked to the user account. Roles are not
 * stored here: they come from memberships. Hire date is a calendar date (YYYY-MM-DD).
 */
export const staffRecords = sqliteTable(
  "staff_records",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    employeeNo: text("employee_no").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    communityId: integer("community_id").references(() => communities.id),
    position: text("position").notNull(),
    hireDate: text("hire_date").notNull(),
    status: enumText("status", STAFF_STATUSES).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("staff_records_company_no_uq").on(t.companyId, t.employeeNo),
    uniqueIndex("staff_records_company_user_uq").on(t.companyId, t.userId),
    index("staff_records_company_community_idx").on(t.companyId, t.communityId),
  ],
);

export const CLOCK_KINDS = ["in", "out"] as const;
export const ATTENDANCE_SOURCES = ["clock", "correction"] as const;

/**
 * 考勤记录: append-only. A tap on the phone writes a "clock" entry (at most one in and one out
 * per person and local work date: the partial unique index makes duplicates and races fail).
 * HR corrects by appending a "correction" entry with a reason; the newest correction of a
 * person, date and kind wins over the clock entry. Nothing is edited in place.
 */
export const attendanceEntries = sqliteTable(
  "attendance_entries",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** The local calendar date (company time zone) the entry counts for, YYYY-MM-DD. */
    workDate: text("work_date").notNull(),
    kind: enumText("kind", CLOCK_KINDS).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    source: enumText("source", ATTENDANCE_SOURCES).notNull().default("clock"),
    reason: text("reason"),
    actorUserId: integer("actor_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("attendance_clock_uq").on(t.companyId, t.userId, t.workDate, t.kind).where(sql`source = 'clock'`),
    index("attendance_company_date_idx").on(t.companyId, t.workDate),
  ],
);

/**
 * 班次: work hours in minutes after local midnight. The row with no user is the company's
 * default; a row with a user overrides it for that person. Absent rows: 09:00–18:00.
 */
export const workShifts = sqliteTable(
  "work_shifts",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id").references(() => users.id),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("work_shifts_company_user_uq").on(t.companyId, t.userId),
    uniqueIndex("work_shifts_company_default_uq").on(t.companyId).where(sql`user_id is null`),
  ],
);

export const CHANGE_KINDS = ["transfer", "role_change", "promotion", "exit"] as const;

/**
 * 人事变动: a dated event with a reason. Recorded ahead of time; `applyDueChanges` (the daily
 * cron) applies those whose effective date has come, once: `appliedAt` is set in the same
 * batch as the change itself. transfer → community; role_change → replaces `fromRole` with
 * `toRole` in memberships; promotion → position (and optionally a role); exit → status exited.
 */
export const personnelChanges = sqliteTable(
  "personnel_changes",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: enumText("kind", CHANGE_KINDS).notNull(),
    effectiveDate: text("effective_date").notNull(),
    reason: text("reason").notNull(),
    toCommunityId: integer("to_community_id").references(() => communities.id),
    fromRole: text("from_role"),
    toRole: text("to_role"),
    toPosition: text("to_position"),
    createdBy: integer("created_by").references(() => users.id),
    appliedAt: integer("applied_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("personnel_changes_company_user_idx").on(t.companyId, t.userId), index("personnel_changes_due_idx").on(t.companyId, t.appliedAt, t.effectiveDate)],
);
