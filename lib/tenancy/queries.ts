import { and, asc, count, eq, ne } from "drizzle-orm";
import { companies, memberships, users } from "@/db/schema";
import { isRole, type Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";

/** The company's time zone (calendar dates are local to it); Asia/Shanghai when unknown. */
export async function companyTimeZone(db: DbOrTx, companyId: number): Promise<string> {
  const [row] = await db.select({ timeZone: companies.timeZone }).from(companies).where(eq(companies.id, companyId));
  return row?.timeZone ?? "Asia/Shanghai";
}

export async function getCompany(db: DbOrTx, companyId: number) {
  const [company] = await db.select().from(companies).where(eq(companies.id, companyId));
  return company ?? null;
}

export interface StaffMember {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  roles: Role[];
}

/** The company's staff (everyone holding a role other than resident), with their roles. */
export async function listStaff(db: DbOrTx, companyId: number): Promise<StaffMember[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      email: users.email,
      active: users.active,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.companyId, companyId), ne(memberships.role, "resident")))
    .orderBy(asc(users.id), asc(memberships.role));
  const byId = new Map<number, StaffMember>();
  for (const r of rows) {
    const member = byId.get(r.id) ?? {
      id: r.id,
      name: r.name,
      phone: r.phone,
      email: r.email,
      active: r.active,
      roles: [],
    };
    if (isRole(r.role)) member.roles.push(r.role);
    byId.set(r.id, member);
  }
  return [...byId.values()];
}

/** Head counts for the staff dashboard, per role. */
export async function countMembersByRole(db: DbOrTx, companyId: number): Promise<Partial<Record<Role, number>>> {
  const rows = await db
    .select({ role: memberships.role, n: count() })
    .from(memberships)
    .where(eq(memberships.companyId, companyId))
    .groupBy(memberships.role);
  const out: Partial<Record<Role, number>> = {};
  for (const r of rows) if (isRole(r.role)) out[r.role] = r.n;
  return out;
}

/** Active people holding a role in the company, for assignment pickers. */
export async function listPeopleWithRole(db: DbOrTx, companyId: number, role: Role) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, role), eq(users.active, true)))
    .orderBy(asc(users.name));
}
