import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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
    uniqueIndex("attendance_clock_uq")
      .on(t.companyId, t.userId, t.workDate, t.kind)
      .where(sql`source = 'clock'`),
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
    uniqueIndex("work_shifts_company_default_uq")
      .on(t.companyId)
      .where(sql`user_id is null`),
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
    /** Transfer of a butler: who takes over the buildings / units in the old community (else they are unassigned). */
    successorUserId: integer("successor_user_id").references(() => users.id),
    createdBy: integer("created_by").references(() => users.id),
    appliedAt: integer("applied_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("personnel_changes_company_user_idx").on(t.companyId, t.userId),
    index("personnel_changes_due_idx").on(t.companyId, t.appliedAt, t.effectiveDate),
  ],
);

/**
 * 培训课程: a dated course with its length in tenths of an hour (15 = 1.5 h), a trainer and,
 * optionally, a community and a capacity.
 */
export const trainingCourses = sqliteTable(
  "training_courses",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    title: text("title").notNull(),
    date: text("date").notNull(),
    hoursTenths: integer("hours_tenths").notNull(),
    trainer: text("trainer").notNull(),
    communityId: integer("community_id").references(() => communities.id),
    capacity: integer("capacity"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("training_courses_company_date_idx").on(t.companyId, t.date),
    check("training_courses_hours_ck", sql`${t.hoursTenths} > 0`),
  ],
);

/**
 * 培训报名: one per course and person. Attendance and completion are set once each (never
 * edited): completed only after attended, with a score 0–100. Training hours count completions.
 */
export const trainingEnrolments = sqliteTable(
  "training_enrolments",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    attendedAt: integer("attended_at", { mode: "timestamp_ms" }),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    score: integer("score"),
    enrolledBy: integer("enrolled_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("training_enrolments_course_user_uq").on(t.courseId, t.userId),
    index("training_enrolments_company_user_idx").on(t.companyId, t.userId),
    check("training_enrolments_score_ck", sql`${t.score} is null or (${t.score} between 0 and 100)`),
  ],
);

export const ASSESSMENT_ROLES = ["butler", "technician"] as const;
export const ASSESSMENT_STATUSES = ["draft", "final"] as const;
export const GRADES = ["A", "B", "C", "D"] as const;

/**
 * 绩效考核: one review per person and period ("2026-10" or "2026Q4"), in revisions. Revision 1
 * is a draft the manager may edit; finalising computes the KPIs once more, stores them with
 * the overall score and grade, and locks the row. A correction is a new revision (final at once)
 * with a reason; the highest revision is the current one. Nothing final is edited.
 */
export const assessments = sqliteTable(
  "assessments",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    period: text("period").notNull(),
    revision: integer("revision").notNull().default(1),
    role: enumText("role", ASSESSMENT_ROLES).notNull(),
    communityId: integer("community_id").references(() => communities.id),
    status: enumText("status", ASSESSMENT_STATUSES).notNull().default("draft"),
    /** The KPI snapshot (lib/hr/kpi.ts Kpis; null values = no data), refreshed on every draft save. */
    kpis: text("kpis", { mode: "json" }).$type<Record<string, number | null>>().notNull(),
    managerScore: integer("manager_score").notNull(),
    comment: text("comment").notNull(),
    /** The manager's grade, or null to use the formula (lib/hr/kpi.ts gradeOf). */
    gradeOverride: enumText("grade_override", GRADES),
    overall: integer("overall").notNull(),
    grade: enumText("grade", GRADES).notNull(),
    reason: text("reason"),
    reviewerUserId: integer("reviewer_user_id").references(() => users.id),
    finalisedAt: integer("finalised_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("assessments_person_period_rev_uq").on(t.companyId, t.userId, t.period, t.revision),
    index("assessments_company_period_idx").on(t.companyId, t.period),
    check("assessments_manager_score_ck", sql`${t.managerScore} between 0 and 100`),
  ],
);
