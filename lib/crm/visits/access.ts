import type { Role } from "@/lib/auth/roles";

/** Who opens the visit coverage report and the survey results (each sees their own scope: self, team, community, company). */
export const VISIT_REPORT_ROLES: readonly Role[] = ["admin", "project_manager", "supervisor", "butler"];
