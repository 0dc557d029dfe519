import type { Role } from "@/lib/auth/roles";
import { IMPORT_ROLES } from "@/lib/registry/import/access";
import { APPROVER_ROLES } from "@/lib/residents/rules";

export type NavIcon = "dashboard" | "users" | "audit" | "settings" | "home" | "me" | "buildings" | "households" | "butlers" | "registrations" | "import";

/** A count shown beside an entry (work waiting for the viewer); loaded by components/shell/nav-badges.ts. */
export type NavBadge = "pendingRegistrations";

/** A navigation entry; `roles` empty = every staff member. Labels are keys under "nav". */
export interface NavItem {
  href: string;
  label: string;
  /** A lucide icon name, mapped in components/shell/nav-icons.tsx. */
  icon: NavIcon;
  roles: readonly Role[];
  badge?: NavBadge;
}

/** The staff sidebar. Each module adds its entries here with the roles allowed to open it. */
export const STAFF_NAV: readonly NavItem[] = [
  { href: "/staff", label: "dashboard", icon: "dashboard", roles: [] },
  { href: "/staff/registrations", label: "registrations", icon: "registrations", roles: APPROVER_ROLES, badge: "pendingRegistrations" },
  { href: "/staff/registry/households", label: "households", icon: "households", roles: ["admin", "front_desk", "finance", "legal", "project_manager", "supervisor", "butler"] },
  { href: "/staff/registry", label: "registry", icon: "buildings", roles: ["admin", "front_desk", "finance", "legal", "project_manager"] },
  { href: "/staff/registry/butlers", label: "butlers", icon: "butlers", roles: ["admin", "project_manager", "supervisor"] },
  { href: "/staff/registry/import", label: "import", icon: "import", roles: IMPORT_ROLES },
  { href: "/staff/admin/users", label: "staff", icon: "users", roles: ["admin"] },
  { href: "/staff/admin/audit", label: "audit", icon: "audit", roles: ["admin"] },
  { href: "/staff/profile", label: "profile", icon: "settings", roles: [] },
];

/** The resident bottom bar (mobile). */
export const RESIDENT_NAV: readonly NavItem[] = [
  { href: "/home", label: "home", icon: "home", roles: ["resident"] },
  { href: "/me", label: "me", icon: "me", roles: ["resident"] },
];

export function navFor(items: readonly NavItem[], roles: readonly Role[]): NavItem[] {
  return items.filter((i) => i.roles.length === 0 || i.roles.some((r) => roles.includes(r)));
}
