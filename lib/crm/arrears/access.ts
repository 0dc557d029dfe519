import type { Role } from "@/lib/auth/roles";
import { REGISTRY_VIEW_ROLES } from "@/lib/registry/access";

/** Staff who open ladder notices: everyone with a registry view (then scoped to the households it shows). */
export const NOTICE_VIEW_ROLES: readonly Role[] = REGISTRY_VIEW_ROLES;

/** Who opens the legal dashboard; project managers read their communities' cases only. */
export const LEGAL_VIEW_ROLES: readonly Role[] = ["legal", "admin", "project_manager"];
/** Who moves cases and creates follow-up orders. */
export const LEGAL_EDIT_ROLES: readonly Role[] = ["legal", "admin"];
