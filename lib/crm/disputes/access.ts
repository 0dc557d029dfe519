import type { Role } from "@/lib/auth/roles";

/**
 * Who sees and resolves residents' disputes (SPEC §12): the household's butler, supervisor and
 * project manager (through their registry view), admin and legal (company-wide), finance for bill
 * disputes only. Rows are further scoped by the viewer's households in the query itself.
 */
export const DISPUTE_STAFF_ROLES: readonly Role[] = [
  "butler",
  "supervisor",
  "project_manager",
  "admin",
  "finance",
  "legal",
];

/** Finance alone handles only bill disputes; any other dispute role sees every subject. */
export const billDisputesOnly = (roles: readonly Role[]) =>
  roles.includes("finance") && !roles.some((r) => r !== "finance" && DISPUTE_STAFF_ROLES.includes(r));

/** Who confirms a withheld lawyer's letter (and sets whether letters wait for it). */
export const LETTER_CONFIRM_ROLES: readonly Role[] = ["legal"];
