import type { NavBadge } from "@/lib/portal/badges";
import type { Role } from "@/lib/auth/roles";
import { COMMUNITY_VIEW_ROLES, REGISTRY_VIEW_ROLES } from "@/lib/registry/access";
import { IMPORT_ROLES } from "@/lib/registry/import/access";
import { ACTIVITY_ROLES, NOTICE_ROLES, SHOP_ROLES } from "@/lib/portal/roles";
import { PRIVACY_REQUEST_ROLES } from "@/lib/privacy/access";
import { APPROVER_ROLES } from "@/lib/residents/rules";
import { LEGAL_VIEW_ROLES, NOTICE_VIEW_ROLES } from "@/lib/crm/arrears/access";
import { DISPUTE_STAFF_ROLES } from "@/lib/crm/disputes/access";

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
  | "shop";

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
  {
    href: "/staff/registrations",
    label: "registrations",
    icon: "registrations",
    roles: APPROVER_ROLES,
    badge: "pendingRegistrations",
  },
  { href: "/staff/registry/households", label: "households", icon: "households", roles: REGISTRY_VIEW_ROLES },
  { href: "/staff/registry", label: "registry", icon: "buildings", roles: COMMUNITY_VIEW_ROLES },
  {
    href: "/staff/registry/butlers",
    label: "butlers",
    icon: "butlers",
    roles: ["admin", "project_manager", "supervisor"],
  },
  { href: "/staff/registry/import", label: "import", icon: "import", roles: IMPORT_ROLES },
  { href: "/staff/billing", label: "billing", icon: "billing", roles: ["finance", "admin"] },
  { href: "/staff/billing/cashier", label: "cashier", icon: "cashier", roles: ["finance", "admin"] },
  { href: "/staff/billing/meters", label: "meters", icon: "meters", roles: ["finance", "admin"] },
  { href: "/staff/billing/contracts", label: "contracts", icon: "contracts", roles: ["finance", "admin"] },
  { href: "/staff/billing/reports", label: "billingReports", icon: "reports", roles: ["finance", "admin"] },
  { href: "/staff/billing/settings", label: "feeItems", icon: "settings", roles: ["admin"] },
  {
    href: "/staff/orders",
    label: "orders",
    icon: "orders",
    roles: ["admin", "front_desk", "supervisor", "project_manager", "butler", "technician", "finance", "legal"],
  },
  {
    href: "/staff/orders/new",
    label: "intake",
    icon: "intake",
    roles: ["admin", "front_desk", "supervisor", "butler", "project_manager"],
  },
  { href: "/staff/orders/board", label: "board", icon: "board", roles: ["admin", "supervisor", "project_manager"] },
  {
    href: "/staff/emergencies",
    label: "emergencies",
    icon: "emergency",
    roles: ["admin", "front_desk", "supervisor", "project_manager", "butler", "technician"],
  },
  {
    href: "/staff/equipment",
    label: "equipment",
    icon: "equipment",
    roles: ["admin", "project_manager", "supervisor", "technician"],
  },
  { href: "/staff/kb", label: "kb", icon: "kb", roles: [] },
  { href: "/staff/technicians", label: "skills", icon: "skills", roles: ["admin", "project_manager"] },
  { href: "/staff/sla", label: "sla", icon: "settings", roles: ["admin"] },
  { href: "/staff/crm/notices", label: "arrearsNotices", icon: "notices", roles: NOTICE_VIEW_ROLES },
  { href: "/staff/legal", label: "legal", icon: "legal", roles: LEGAL_VIEW_ROLES },
  { href: "/staff/crm/disputes", label: "disputes", icon: "notices", roles: DISPUTE_STAFF_ROLES },
  {
    href: "/staff/crm/visits",
    label: "visitCoverage",
    icon: "visits",
    roles: ["admin", "project_manager", "supervisor", "butler"],
  },
  {
    href: "/staff/crm/surveys",
    label: "surveys",
    icon: "surveys",
    roles: ["admin", "project_manager", "supervisor", "butler"],
  },
  { href: "/staff/hr/people", label: "hrPeople", icon: "users", roles: ["hr", "admin"] },
  { href: "/staff/hr/attendance", label: "hrAttendance", icon: "reports", roles: ["hr", "admin"] },
  { href: "/staff/hr", label: "hrDashboard", icon: "dashboard", roles: ["hr", "admin"] },
  { href: "/staff/hr/training", label: "hrTraining", icon: "training", roles: ["hr", "admin"] },
  { href: "/staff/hr/assessments", label: "hrAssessments", icon: "assessments", roles: ["hr", "admin"] },
  { href: "/staff/attendance", label: "attendance", icon: "dashboard", roles: [] },
  { href: "/staff/me/record", label: "myRecord", icon: "me", roles: [] },
  {
    href: "/staff/crm",
    label: "crm",
    icon: "sentiment",
    roles: ["admin", "project_manager", "supervisor", "butler", "front_desk"],
  },
  { href: "/staff/crm/rules", label: "crmRules", icon: "settings", roles: ["admin"] },
  { href: "/staff/admin/users", label: "staff", icon: "users", roles: ["admin"] },
  { href: "/staff/admin/audit", label: "audit", icon: "audit", roles: ["admin"] },
  { href: "/staff/privacy", label: "privacyRequests", icon: "audit", roles: PRIVACY_REQUEST_ROLES },
  { href: "/staff/admin/privacy", label: "companyData", icon: "settings", roles: ["admin"] },
  { href: "/staff/profile", label: "profile", icon: "settings", roles: [] },
  { href: "/staff/approvals", label: "approvals", icon: "approvals", roles: [], badge: "approvalsWaiting" },
  { href: "/staff/finance", label: "financeReports", icon: "finance", roles: ["finance", "admin", "project_manager"] },
  { href: "/staff/finance/budget", label: "financeBudget", icon: "budget", roles: ["finance", "admin"] },
  { href: "/staff/finance/journal", label: "financeJournal", icon: "billing", roles: ["finance", "admin"] },
  { href: "/staff/portal/notices", label: "portalNotices", icon: "announcements", roles: NOTICE_ROLES },
  { href: "/staff/portal/activities", label: "portalActivities", icon: "activities", roles: ACTIVITY_ROLES },
  { href: "/staff/portal/shop", label: "shopProducts", icon: "shop", roles: SHOP_ROLES },
  { href: "/staff/portal/shop/orders", label: "shopOrders", icon: "orders", roles: SHOP_ROLES },
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
