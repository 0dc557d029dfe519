import type { StaffRole, Role } from "@/lib/auth/roles";
import { NAV_GROUPS, type NavGroup, type NavItem } from "./nav";

/**
 * Each role's main tools (issue 16): the 4–5 destinations of the phone's bottom bar, and the
 * first group of the sidebar ("常用"), in this order. Hrefs are STAFF_NAV entries; an entry the
 * user's roles do not open is skipped.
 */
export const STAFF_MAIN: Record<StaffRole, readonly string[]> = {
  admin: ["/staff", "/staff/orders", "/staff/crm", "/staff/billing", "/staff/approvals"],
  project_manager: ["/staff", "/staff/orders", "/staff/crm", "/staff/finance", "/staff/approvals"],
  supervisor: ["/staff", "/staff/orders", "/staff/orders/board", "/staff/crm/visits", "/staff/crm"],
  butler: ["/staff", "/staff/crm", "/staff/orders", "/staff/crm/visits", "/staff/registrations"],
  technician: ["/staff", "/staff/orders", "/staff/emergencies", "/staff/equipment", "/staff/kb"],
  front_desk: ["/staff", "/staff/orders/new", "/staff/orders", "/staff/registry/households", "/staff/registrations"],
  finance: ["/staff", "/staff/billing/cashier", "/staff/billing", "/staff/finance", "/staff/billing/reports"],
  hr: ["/staff", "/staff/hr/people", "/staff/hr/attendance", "/staff/hr/training", "/staff/approvals"],
  legal: ["/staff", "/staff/legal", "/staff/crm/notices", "/staff/orders", "/staff/approvals"],
  cleaner: ["/staff", "/staff/field/cleaning", "/staff/attendance", "/staff/me/record"],
  guard: ["/staff", "/staff/field/patrol", "/staff/attendance", "/staff/me/record"],
};

/** At most this many entries in the bottom bar (a phone's width holds five). */
export const MAIN_LIMIT = 5;

/** The user's main tools among the entries they may open: their roles' lists merged in role order. */
export function mainItemsFor(items: readonly NavItem[], roles: readonly Role[]): NavItem[] {
  const byHref = new Map(items.map((i) => [i.href, i]));
  const hrefs = roles.flatMap((r) => (r === "resident" ? [] : STAFF_MAIN[r]));
  const out: NavItem[] = [];
  for (const href of new Set(hrefs)) {
    const item = byHref.get(href);
    if (item && out.length < MAIN_LIMIT) out.push(item);
  }
  return out;
}

export interface NavSection {
  /** "main" = the role's main tools; otherwise a module heading. */
  group: "main" | NavGroup;
  items: NavItem[];
}

/** The sidebar: the main tools first, then every other entry under its module heading (empty groups dropped). */
export function groupNav(items: readonly NavItem[], roles: readonly Role[]): NavSection[] {
  const main = mainItemsFor(items, roles);
  const taken = new Set(main.map((i) => i.href));
  const rest = items.filter((i) => !taken.has(i.href));
  const sections: NavSection[] = main.length ? [{ group: "main", items: main }] : [];
  for (const group of NAV_GROUPS) {
    const inGroup = rest.filter((i) => (i.group ?? "work") === group);
    if (inGroup.length) sections.push({ group, items: inGroup });
  }
  return sections;
}
