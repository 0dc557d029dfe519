import { ROLES } from "@/db/schema/_enums";

export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ROLES.filter((r): r is Exclude<Role, "resident"> => r !== "resident");
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when the user holds at least one of the required roles. An empty requirement means "any member". */
export function hasAnyRole(held: readonly Role[], required: readonly Role[]): boolean {
  if (required.length === 0) return held.length > 0;
  return required.some((r) => held.includes(r));
}

export function isStaff(held: readonly Role[]): boolean {
  return held.some((r) => r !== "resident");
}

/** Where a user lands after sign-in: the staff dashboard for any staff role, else the resident home. */
export function homePathFor(held: readonly Role[]): string {
  if (isStaff(held)) return "/staff";
  if (held.includes("resident")) return "/home";
  return "/sign-in";
}

/** Field staff (issue 19): cleaners see only their own cleaning tasks, guards only their own patrol rounds. */
export const CLEANING_ROLES = ["cleaner"] as const satisfies readonly Role[];
export const PATROL_ROLES = ["guard"] as const satisfies readonly Role[];
/** Who works the gate (visitor passes, SPEC §2): the guard, and the front desk and managers who stand in. */
export const GATE_ROLES = [
  "guard",
  "front_desk",
  "supervisor",
  "project_manager",
  "admin",
] as const satisfies readonly Role[];
/** Who plans field work and watches the misses on the field board. */
export const FIELD_SUPERVISOR_ROLES = ["admin", "project_manager", "supervisor"] as const satisfies readonly Role[];
