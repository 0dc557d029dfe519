import type { Role } from "@/lib/auth/roles";

/** Who handles money (SPEC §2): the cashier desk, bills, bill runs, reports, printing. */
export const BILLING_ROLES: readonly Role[] = ["finance", "admin"];
/** Voids, adjustments and refunds: finance only. */
export const CORRECTION_ROLES: readonly Role[] = ["finance"];
/** Fee items and billing settings. */
export const BILLING_SETTINGS_ROLES: readonly Role[] = ["admin"];
