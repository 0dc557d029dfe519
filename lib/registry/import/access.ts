import type { Role } from "@/lib/auth/roles";
import { REGISTRY_EDIT_ROLES } from "../access";

/** Who may import and export the registry (page, nav entry and route handlers): those who edit it. */
export const IMPORT_ROLES: readonly Role[] = REGISTRY_EDIT_ROLES;
