import { type SQL, and, eq, ne } from "drizzle-orm";
import { memberships, staffRecords } from "@/db/schema";
import type { StaffRole } from "@/lib/auth/roles";

/** Join condition on memberships: the staff record's person holds `role` in the company. */
export const holdsRole = (companyId: number, role: StaffRole) =>
  and(eq(memberships.companyId, companyId), eq(memberships.userId, staffRecords.userId), eq(memberships.role, role));

/** Where condition: the company's staff records of people who have not left, and `more`. */
export const activeStaff = (companyId: number, ...more: SQL[]) =>
  and(eq(staffRecords.companyId, companyId), ne(staffRecords.status, "exited"), ...more);
