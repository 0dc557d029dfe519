import type { Role } from "@/lib/auth/roles";

/** Who reads finance reports: finance and admin company-wide, a project manager for the communities they run. */
export const FINANCE_REPORT_ROLES: readonly Role[] = ["finance", "admin", "project_manager"];
/** Who enters budgets, adjustments and reversals. */
export const FINANCE_EDIT_ROLES: readonly Role[] = ["finance", "admin"];

/** The communities a person's reports cover: "all" for finance/admin, else the managed ones. */
export function reportScopeFor(roles: readonly Role[], managedCommunityIds: number[]): number[] | "all" {
  return roles.includes("finance") || roles.includes("admin") ? "all" : managedCommunityIds;
}
