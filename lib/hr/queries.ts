import "server-only";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { communities, memberships, staffRecords, users } from "@/db/schema";
import { isRole, type Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";

const recordColumns = {
  id: staffRecords.id,
  userId: staffRecords.userId,
  employeeNo: staffRecords.employeeNo,
  name: staffRecords.name,
  phone: staffRecords.phone,
  email: staffRecords.email,
  communityId: staffRecords.communityId,
  communityName: communities.name,
  position: staffRecords.position,
  hireDate: staffRecords.hireDate,
  status: staffRecords.status,
};

async function rolesOf(db: DbOrTx, companyId: number, userIds: number[]): Promise<Map<number, Role[]>> {
  const rows = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), ne(memberships.role, "resident")))
    .orderBy(asc(memberships.role));
  const wanted = new Set(userIds);
  const out = new Map<number, Role[]>();
  for (const r of rows)
    if (wanted.has(r.userId) && isRole(r.role)) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role]);
  return out;
}

/** Every staff record of the company, by employee number, with the person's roles. */
export async function listStaffRecords(db: DbOrTx, companyId: number, filter: { communityId?: number | null } = {}) {
  const rows = await db
    .select(recordColumns)
    .from(staffRecords)
    .leftJoin(communities, and(eq(communities.id, staffRecords.communityId), eq(communities.companyId, companyId)))
    .where(
      and(
        eq(staffRecords.companyId, companyId),
        filter.communityId ? eq(staffRecords.communityId, filter.communityId) : undefined,
      ),
    )
    .orderBy(asc(staffRecords.employeeNo));
  const roles = await rolesOf(
    db,
    companyId,
    rows.map((r) => r.userId),
  );
  return rows.map((r) => ({ ...r, roles: roles.get(r.userId) ?? [] }));
}

export type StaffRecordRow = Awaited<ReturnType<typeof listStaffRecords>>[number];

export async function getStaffRecord(db: DbOrTx, companyId: number, id: number): Promise<StaffRecordRow | null> {
  const [row] = await db
    .select(recordColumns)
    .from(staffRecords)
    .leftJoin(communities, and(eq(communities.id, staffRecords.communityId), eq(communities.companyId, companyId)))
    .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.id, id)));
  if (!row) return null;
  return { ...row, roles: (await rolesOf(db, companyId, [row.userId])).get(row.userId) ?? [] };
}

/** The signed-in person's own record, if HR has made one. */
export async function getOwnStaffRecord(db: DbOrTx, companyId: number, userId: number): Promise<StaffRecordRow | null> {
  const [row] = await db
    .select({ id: staffRecords.id })
    .from(staffRecords)
    .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, userId)));
  return row ? getStaffRecord(db, companyId, row.id) : null;
}

/** Staff accounts of the company that have no record yet (for the "new record" picker). */
export async function listStaffWithoutRecord(db: DbOrTx, companyId: number) {
  const rec = alias(staffRecords, "rec");
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name, phone: users.phone, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(rec, and(eq(rec.userId, users.id), eq(rec.companyId, companyId)))
    .where(and(eq(memberships.companyId, companyId), ne(memberships.role, "resident"), isNull(rec.id)))
    .orderBy(asc(users.name));
  return rows;
}
