import type { Role } from "@/lib/auth/roles";

/** Who handles money (SPEC §2): the cashier desk, bills, bill runs, reports, printing. */
export const BILLING_ROLES: readonly Role[] = ["finance", "admin"];
/** Voids, adjustments and refunds: finance only. */
export const CORRECTION_ROLES: readonly Role[] = ["finance"];
/** Fee items and billing settings. */
export const BILLING_SETTINGS_ROLES: readonly Role[] = ["admin"];
/** 抄表 on the phone round (issue 19 point 5): technicians and those above them. */
export const METER_ROUND_ROLES: readonly Role[] = ["technician", "supervisor", "project_manager", "admin"];
/** Who approves or rejects residents' self-readings. */
export const METER_REVIEW_ROLES: readonly Role[] = ["supervisor", "project_manager", "finance", "admin"];
