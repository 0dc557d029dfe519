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
