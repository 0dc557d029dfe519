import type { Role } from "@/lib/auth/roles";

/** Who manages staff records (create, edit, see everyone's). Everyone else sees only their own. */
export const HR_MANAGE_ROLES: readonly Role[] = ["hr", "admin"];
