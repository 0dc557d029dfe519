import type { Role } from "@/lib/auth/roles";

export type NavIcon =
  | "dashboard"
  | "users"
  | "audit"
  | "settings"
  | "home"
  | "me"
  | "buildings"
  | "households"
  | "butlers"
  | "orders"
  | "board"
  | "intake"
  | "emergency"
  | "equipment"
  | "kb"
  | "skills"
  | "requests"
  | "guide";

/** A navigation entry; `roles` empty = every staff member. Labels are keys under "nav". */
export interface NavItem {
  href: string;
  label: string;
  /** A lucide icon name, mapped in components/shell/nav-icons.tsx. */
  icon: NavIcon;
  roles: readonly Role[];
}

/** The staff sidebar. Each module adds its entries here with the roles allowed to open it. */
export const STAFF_NAV: readonly NavItem[] = [
  { href: "/staff", label: "dashboard", icon: "dashboard", roles: [] },
  { href: "/staff/registry/households", label: "households", icon: "households", roles: ["admin", "front_desk", "finance", "legal", "project_manager", "supervisor", "butler"] },
  { href: "/staff/registry", label: "registry", icon: "buildings", roles: ["admin", "front_desk", "finance", "legal", "project_manager"] },
  { href: "/staff/registry/butlers", label: "butlers", icon: "butlers", roles: ["admin", "project_manager", "supervisor"] },
  { href: "/staff/orders", label: "orders", icon: "orders", roles: ["admin", "front_desk", "supervisor", "project_manager", "butler", "technician", "finance", "legal"] },
  { href: "/staff/orders/new", label: "intake", icon: "intake", roles: ["admin", "front_desk", "supervisor", "butler", "project_manager"] },
  { href: "/staff/orders/board", label: "board", icon: "board", roles: ["admin", "supervisor", "project_manager"] },
  { href: "/staff/emergencies", label: "emergencies", icon: "emergency", roles: ["admin", "front_desk", "supervisor", "project_manager", "butler", "technician"] },
  { href: "/staff/equipment", label: "equipment", icon: "equipment", roles: ["admin", "project_manager", "supervisor", "technician"] },
  { href: "/staff/kb", label: "kb", icon: "kb", roles: [] },
  { href: "/staff/technicians", label: "skills", icon: "skills", roles: ["admin", "project_manager"] },
  { href: "/staff/sla", label: "sla", icon: "settings", roles: ["admin"] },
  { href: "/staff/admin/users", label: "staff", icon: "users", roles: ["admin"] },
  { href: "/staff/admin/audit", label: "audit", icon: "audit", roles: ["admin"] },
  { href: "/staff/profile", label: "profile", icon: "settings", roles: [] },
];

/** The resident bottom bar (mobile). */
export const RESIDENT_NAV: readonly NavItem[] = [
  { href: "/home", label: "home", icon: "home", roles: ["resident"] },
  { href: "/requests", label: "requests", icon: "requests", roles: ["resident"] },
  { href: "/guide", label: "guide", icon: "guide", roles: ["resident"] },
  { href: "/me", label: "me", icon: "me", roles: ["resident"] },
];

export function navFor(items: readonly NavItem[], roles: readonly Role[]): NavItem[] {
  return items.filter((i) => i.roles.length === 0 || i.roles.some((r) => roles.includes(r)));
}
