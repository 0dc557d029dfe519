/** The pages `npm run bench:pages` measures, and the sign-ins they need. */
import { and, asc, eq } from "drizzle-orm";
import { households, residentLinks, users } from "../../db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../seed/demo-logins";
import { EMAIL_PREFIX } from "../seed/staff";
import type { Role } from "../../lib/auth/roles";
import { openDb } from "../../lib/db/client";

export interface PageTarget {
  /** "big" (the 50,000-household company) or "demo". */
  company: "big" | "demo";
  role: Role;
  path: string;
}

/** Who works on a phone (SPEC: residents and field staff), the others at a desk. */
const ON_PHONES: ReadonlySet<Role> = new Set<Role>(["resident", "butler", "technician", "guard", "cleaner"]);

/**
 * The cookies a browser sends for the page: the session, and the width hint that
 * components/shell/viewport-hint.tsx keeps after the first page (a phone's narrow, a desk's
 * wide); list pages render only that view (components/ui/by-width.tsx).
 */
export function pageCookie(session: string, page: PageTarget): string {
  return `${session}; vw=${ON_PHONES.has(page.role) ? "narrow" : "wide"}`;
}

/** Every role of the big company and a resident of it, on the pages each one lives on. */
export function bigPages(householdId: number): PageTarget[] {
  const p = (role: Role, path: string): PageTarget => ({ company: "big", role, path });
  return [
    p("resident", "/home"),
    p("resident", "/bills"),
    p("admin", "/staff"),
    p("admin", "/staff/crm"),
    p("admin", "/staff/registry/households"),
    p("project_manager", "/staff/orders"),
    p("butler", "/staff/crm"),
    p("butler", "/staff/orders"),
    p("supervisor", "/staff/orders/board"),
    p("technician", "/staff/orders"),
    p("front_desk", "/staff/registry/households"),
    p("finance", "/staff/billing/cashier"),
    p("finance", "/staff/billing/reports"),
    p("finance", "/staff/billing/bills"),
    p("finance", `/staff/billing/households/${householdId}`),
    p("hr", "/staff/hr"),
    p("legal", "/staff"),
  ];
}

/** The demo company's pages compared with and without the big company beside them. */
export const DEMO_PAGES: PageTarget[] = [
  { company: "demo", role: "resident", path: "/home" },
  { company: "demo", role: "resident", path: "/bills" },
  { company: "demo", role: "admin", path: "/staff/crm" },
  { company: "demo", role: "finance", path: "/staff/billing/reports" },
];

export interface Logins {
  /** The sign-in identifier per company and role. */
  identifier: (company: PageTarget["company"], role: Role) => string;
  password: string;
  /** A household of the big company with a resident account (the finance household page). */
  bigHouseholdId: number;
}

/** Big company: staff `<role>1@bench.guanjia.cn`, the first resident account by id (signs in by phone). */
export async function loadLogins(url: string, bigId: number | undefined): Promise<Logins> {
  let resident: { phone: string | null; householdId: number } | undefined;
  if (bigId) {
    const handle = openDb(url);
    try {
      [resident] = await handle.db
        .select({ phone: users.phone, householdId: residentLinks.householdId })
        .from(residentLinks)
        .innerJoin(users, eq(users.id, residentLinks.userId))
        .innerJoin(households, eq(households.id, residentLinks.householdId))
        .where(and(eq(residentLinks.companyId, bigId), eq(residentLinks.status, "approved")))
        .orderBy(asc(residentLinks.id))
        .limit(1);
    } finally {
      handle.client.close();
    }
  }
  return {
    password: DEMO_PASSWORD,
    bigHouseholdId: resident?.householdId ?? 0,
    identifier(company, role) {
      if (company === "demo") return DEMO_LOGINS.find((l) => l.role === role)!.email;
      if (role !== "resident") return `${EMAIL_PREFIX[role]}1@bench.guanjia.cn`;
      if (!resident?.phone) throw new Error("no resident account in the big company");
      return resident.phone;
    },
  };
}
