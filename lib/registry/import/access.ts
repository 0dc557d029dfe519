import type { Role } from "@/lib/auth/roles";

/** Who may import and export the registry (page, nav entry and route handlers). */
export const IMPORT_ROLES: readonly Role[] = ["admin", "project_manager", "front_desk"];
