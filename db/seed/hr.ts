/**
 * Demo staff records (示范物业): one per staff account, numbered E0001… in user-id order,
 * with a position from the person's first role, the community they serve (butlers: their
 * first building's; project managers: the community they run) and a fixed hire date.
 * Deterministic, and idempotent with seedDemo (it runs before the seed's completion mark).
 */
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import type { Role } from "../../lib/auth/roles";
import * as s from "../schema";
import { insertRows } from "./insert";

export const POSITION_OF_ROLE: Record<Exclude<Role, "resident">, string> = {
  admin: "总经理",
  butler: "管家",
  supervisor: "管家主管",
  project_manager: "项目经理",
  front_desk: "客服专员",
  technician: "维修技师",
  finance: "会计",
  hr: "人事专员",
  legal: "法务专员",
};

/** A fixed hire date per staff index: spread over 2019–2025, always a real date. */
export function demoHireDate(index: number): string {
  const day = new Date(Date.UTC(2019, 2, 1) + ((index * 97) % 2400) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export async function seedDemoHr(db: Db, companyId: number): Promise<number> {
  const members = await db
    .select({ userId: s.users.id, name: s.users.name, phone: s.users.phone, email: s.users.email, role: s.memberships.role })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.companyId, companyId), ne(s.memberships.role, "resident")))
    .orderBy(asc(s.users.id), asc(s.memberships.id));
  const butlerCommunity = new Map<number, number>();
  for (const r of await db
    .select({ userId: s.buildingButlers.butlerUserId, communityId: s.buildings.communityId })
    .from(s.buildingButlers)
    .innerJoin(s.buildings, eq(s.buildings.id, s.buildingButlers.buildingId))
    .where(eq(s.buildingButlers.companyId, companyId))
    .orderBy(asc(s.buildings.communityId))) {
    if (!butlerCommunity.has(r.userId)) butlerCommunity.set(r.userId, r.communityId);
  }
  for (const r of await db
    .select({ userId: s.communityManagers.managerUserId, communityId: s.communityManagers.communityId })
    .from(s.communityManagers)
    .where(eq(s.communityManagers.companyId, companyId))
    .orderBy(asc(s.communityManagers.communityId))) {
    if (!butlerCommunity.has(r.userId)) butlerCommunity.set(r.userId, r.communityId);
  }
  const seen = new Set<number>();
  const rows: (typeof s.staffRecords.$inferInsert)[] = [];
  for (const m of members) {
    if (seen.has(m.userId) || m.role === "resident") continue;
    seen.add(m.userId);
    const index = rows.length;
    rows.push({
      companyId,
      userId: m.userId,
      employeeNo: `E${String(index + 1).padStart(4, "0")}`,
      name: m.name,
      phone: m.phone,
      email: m.email,
      communityId: butlerCommunity.get(m.userId) ?? null,
      position: POSITION_OF_ROLE[m.role],
      hireDate: demoHireDate(index),
      status: "active",
    });
  }
  await insertRows(db, s.staffRecords, rows);
  return rows.length;
}
