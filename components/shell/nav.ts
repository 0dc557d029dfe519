import type { NavBadge } from "@/lib/portal/badges";
import type { Role } from "@/lib/auth/roles";
import { COMMUNITY_VIEW_ROLES, REGISTRY_VIEW_ROLES } from "@/lib/registry/access";
import { IMPORT_ROLES } from "@/lib/registry/import/access";
import { ACTIVITY_ROLES, NOTICE_ROLES, SHOP_ROLES } from "@/lib/portal/roles";
import { PRIVACY_REQUEST_ROLES } from "@/lib/privacy/access";
import { APPROVER_ROLES } from "@/lib/residents/rules";
import { LEGAL_VIEW_ROLES, NOTICE_VIEW_ROLES } from "@/lib/crm/arrears/access";
import { DISPUTE_STAFF_ROLES } from "@/lib/crm/disputes/access";
import { CLEANING_ROLES, FIELD_SUPERVISOR_ROLES, PATROL_ROLES } from "@/lib/auth/roles";
import { GATE_ROLES } from "@/lib/visitors/rules";

export type NavIcon =
  | "dashboard"
  | "training"
  | "assessments"
  | "users"
  | "audit"
  | "settings"
  | "home"
  | "me"
  | "buildings"
  | "households"
  | "butlers"
  | "registrations"
  | "billing"
  | "cashier"
  | "reports"
  | "bills"
  | "orders"
  | "board"
  | "intake"
  | "emergency"
  | "equipment"
  | "kb"
  | "skills"
  | "requests"
  | "guide"
  | "import"
  | "meters"
  | "contracts"
  | "legal"
  | "notices"
  | "visits"
  | "surveys"
  | "approvals"
  | "finance"
  | "budget"
  | "sentiment"
  | "community"
  | "announcements"
  | "activities"
  | "shop"
  | "cleaning"
  | "patrol"
  | "fieldBoard";

/** The sidebar's module headings, in order (labels are keys under "shell.group"). */
export const NAV_GROUPS = [
  "work",
  "residents",
  "tickets",
  "crm",
  "billing",
  "finance",
  "portal",
  "hr",
  "admin",
  "me",
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** A navigation entry; `roles` empty = every staff member. Labels are keys under "nav". */
export interface NavItem {
  href: string;
  /** The module heading it sits under in the staff sidebar (resident entries have none). */
  group?: NavGroup;
  label: string;
  /** A lucide icon name, mapped in components/shell/nav-icons.tsx. */
  icon: NavIcon;
  roles: readonly Role[];
  badge?: NavBadge;
}

/** The staff sidebar. Each module adds its entries here with the roles allowed to open it. */
export const STAFF_NAV: readonly NavItem[] = [
  { href: "/staff", group: "work", label: "dashboard", icon: "dashboard", roles: [] },
  {
    href: "/staff/registrations",
    group: "residents",
    label: "registrations",
    icon: "registrations",
    roles: APPROVER_ROLES,
    badge: "pendingRegistrations",
  },
  {
    href: "/staff/registry/households",
    group: "residents",
    label: "households",
    icon: "households",
    roles: REGISTRY_VIEW_ROLES,
  },
  { href: "/staff/registry", group: "residents", label: "registry", icon: "buildings", roles: COMMUNITY_VIEW_ROLES },
  {
    href: "/staff/registry/butlers",
    group: "residents",
    label: "butlers",
    icon: "butlers",
    roles: ["admin", "project_manager", "supervisor"],
  },
  { href: "/staff/registry/import", group: "residents", label: "import", icon: "import", roles: IMPORT_ROLES },
  { href: "/staff/billing", group: "billing", label: "billing", icon: "billing", roles: ["finance", "admin"] },
  { href: "/staff/billing/cashier", group: "billing", label: "cashier", icon: "cashier", roles: ["finance", "admin"] },
  { href: "/staff/billing/meters", group: "billing", label: "meters", icon: "meters", roles: ["finance", "admin"] },
  {
    href: "/staff/billing/contracts",
    group: "billing",
    label: "contracts",
    icon: "contracts",
    roles: ["finance", "admin"],
  },
  {
    href: "/staff/billing/reports",
    group: "billing",
    label: "billingReports",
    icon: "reports",
    roles: ["finance", "admin"],
  },
  { href: "/staff/billing/settings", group: "billing", label: "feeItems", icon: "settings", roles: ["admin"] },
  {
    href: "/staff/orders",
    group: "tickets",
    label: "orders",
    icon: "orders",
    roles: ["admin", "front_desk", "supervisor", "project_manager", "butler", "technician", "finance", "legal"],
  },
  {
    href: "/staff/orders/new",
    group: "tickets",
    label: "intake",
    icon: "intake",
    roles: ["admin", "front_desk", "supervisor", "butler", "project_manager"],
  },
  {
    href: "/staff/orders/board",
    group: "tickets",
    label: "board",
    icon: "board",
    roles: ["admin", "supervisor", "project_manager"],
  },
  {
    href: "/staff/emergencies",
    group: "tickets",
    label: "emergencies",
    icon: "emergency",
    roles: ["admin", "front_desk", "supervisor", "project_manager", "butler", "technician"],
  },
  {
    href: "/staff/equipment",
    group: "tickets",
    label: "equipment",
    icon: "equipment",
    roles: ["admin", "project_manager", "supervisor", "technician"],
  },
  { href: "/staff/kb", group: "tickets", label: "kb", icon: "kb", roles: [] },
  { href: "/staff/field/cleaning", group: "tickets", label: "cleaning", icon: "cleaning", roles: CLEANING_ROLES },
  { href: "/staff/field/patrol", group: "tickets", label: "patrol", icon: "patrol", roles: PATROL_ROLES },
  {
    href: "/staff/field/board",
    group: "tickets",
    label: "fieldBoard",
    icon: "fieldBoard",
    roles: FIELD_SUPERVISOR_ROLES,
  },
  {
    href: "/staff/technicians",
    group: "tickets",
    label: "skills",
    icon: "skills",
    roles: ["admin", "project_manager"],
  },
  { href: "/staff/gate", group: "work", label: "gate", icon: "intake", roles: GATE_ROLES },
  { href: "/staff/sla", group: "tickets", label: "sla", icon: "settings", roles: ["admin"] },
  { href: "/staff/crm/notices", group: "crm", label: "arrearsNotices", icon: "notices", roles: NOTICE_VIEW_ROLES },
  { href: "/staff/legal", group: "crm", label: "legal", icon: "legal", roles: LEGAL_VIEW_ROLES },
  { href: "/staff/crm/disputes", group: "crm", label: "disputes", icon: "notices", roles: DISPUTE_STAFF_ROLES },
  {
    href: "/staff/crm/visits",
    group: "crm",
    label: "visitCoverage",
    icon: "visits",
    roles: ["admin", "project_manager", "supervisor", "butler"],
  },
  {
    href: "/staff/crm/surveys",
    group: "crm",
    label: "surveys",
    icon: "surveys",
    roles: ["admin", "project_manager", "supervisor", "butler"],
  },
  { href: "/staff/hr/people", group: "hr", label: "hrPeople", icon: "users", roles: ["hr", "admin"] },
  { href: "/staff/hr/attendance", group: "hr", label: "hrAttendance", icon: "reports", roles: ["hr", "admin"] },
  { href: "/staff/hr", group: "hr", label: "hrDashboard", icon: "dashboard", roles: ["hr", "admin"] },
  { href: "/staff/hr/training", group: "hr", label: "hrTraining", icon: "training", roles: ["hr", "admin"] },
  { href: "/staff/hr/assessments", group: "hr", label: "hrAssessments", icon: "assessments", roles: ["hr", "admin"] },
  { href: "/staff/attendance", group: "me", label: "attendance", icon: "dashboard", roles: [] },
  { href: "/staff/me/record", group: "me", label: "myRecord", icon: "me", roles: [] },
  {
    href: "/staff/crm",
    group: "crm",
    label: "crm",
    icon: "sentiment",
    roles: ["admin", "project_manager", "supervisor", "butler", "front_desk"],
  },
  { href: "/staff/crm/rules", group: "crm", label: "crmRules", icon: "settings", roles: ["admin"] },
  { href: "/staff/admin/users", group: "admin", label: "staff", icon: "users", roles: ["admin"] },
  { href: "/staff/admin/audit", group: "admin", label: "audit", icon: "audit", roles: ["admin"] },
  { href: "/staff/admin/messages", group: "admin", label: "messageSettings", icon: "settings", roles: ["admin"] },
  { href: "/staff/privacy", group: "admin", label: "privacyRequests", icon: "audit", roles: PRIVACY_REQUEST_ROLES },
  { href: "/staff/admin/privacy", group: "admin", label: "companyData", icon: "settings", roles: ["admin"] },
  { href: "/staff/profile", group: "me", label: "profile", icon: "settings", roles: [] },
  {
    href: "/staff/approvals",
    group: "work",
    label: "approvals",
    icon: "approvals",
    roles: [],
    badge: "approvalsWaiting",
  },
  {
    href: "/staff/finance",
    group: "finance",
    label: "financeReports",
    icon: "finance",
    roles: ["finance", "admin", "project_manager"],
  },
  {
    href: "/staff/finance/budget",
    group: "finance",
    label: "financeBudget",
    icon: "budget",
    roles: ["finance", "admin"],
  },
  {
    href: "/staff/finance/journal",
    group: "finance",
    label: "financeJournal",
    icon: "billing",
    roles: ["finance", "admin"],
  },
  {
    href: "/staff/portal/notices",
    group: "portal",
    label: "portalNotices",
    icon: "announcements",
    roles: NOTICE_ROLES,
  },
  {
    href: "/staff/portal/activities",
    group: "portal",
    label: "portalActivities",
    icon: "activities",
    roles: ACTIVITY_ROLES,
  },
  { href: "/staff/portal/shop", group: "portal", label: "shopProducts", icon: "shop", roles: SHOP_ROLES },
  { href: "/staff/portal/shop/orders", group: "portal", label: "shopOrders", icon: "orders", roles: SHOP_ROLES },
];

/** The resident bottom bar (mobile). */
export const RESIDENT_NAV: readonly NavItem[] = [
  { href: "/home", label: "home", icon: "home", roles: ["resident"] },
  { href: "/bills", label: "myBills", icon: "bills", roles: ["resident"] },
  { href: "/requests", label: "requests", icon: "requests", roles: ["resident"] },
  // Announcements, activities, the shop and the guide live behind the community tab (≤ 5 items).
  { href: "/community", label: "community", icon: "community", roles: ["resident"] },
  { href: "/me", label: "me", icon: "me", roles: ["resident"] },
];

export function navFor(items: readonly NavItem[], roles: readonly Role[]): NavItem[] {
  return items.filter((i) => i.roles.length === 0 || i.roles.some((r) => roles.includes(r)));
}
