import type { Role } from "@/lib/auth/roles";

/** Staff who write announcements and run activities (for their communities). */
export const NOTICE_ROLES: readonly Role[] = ["admin", "project_manager", "supervisor", "front_desk", "butler"];
export const ACTIVITY_ROLES = NOTICE_ROLES;
/** Staff who manage the shop's catalogue and fulfil its orders. */
export const SHOP_ROLES: readonly Role[] = ["admin", "front_desk", "project_manager", "finance"];
