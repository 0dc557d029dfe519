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
import { instantOf, isWorkday, localParts } from "../../lib/hr/rules";
import { insertRows } from "./insert";
import type { Rng } from "./random";

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

/**
 * Demo attendance: the 30 days before `now` (not today), for every staff record, on workdays
 * of the company's zone. Most people clock in 08:40–09:10 and out 17:55–18:30; a few days are
 * late, early or missed. Written as plain clock entries, so the rules treat them as taps.
 */
export async function seedDemoAttendance(db: Db, companyId: number, rng: Rng, now: Date, timeZone = "Asia/Shanghai"): Promise<number> {
  const people = await db.select({ userId: s.staffRecords.userId }).from(s.staffRecords).where(eq(s.staffRecords.companyId, companyId)).orderBy(asc(s.staffRecords.userId));
  const today = localParts(now, timeZone).date;
  const dates: string[] = [];
  for (let back = 30; back >= 1; back--) {
    const date = localParts(new Date(now.getTime() - back * 86_400_000), timeZone).date;
    if (date < today && isWorkday(date) && !dates.includes(date)) dates.push(date);
  }
  const rows: (typeof s.attendanceEntries.$inferInsert)[] = [];
  for (const p of people) {
    for (const date of dates) {
      if (rng.chance(0.04)) continue; // absent
      const inMinute = rng.chance(0.1) ? rng.int(9 * 60 + 1, 9 * 60 + 40) : rng.int(8 * 60 + 30, 9 * 60);
      const outMinute = rng.chance(0.06) ? rng.int(17 * 60, 17 * 60 + 50) : rng.int(18 * 60, 18 * 60 + 30);
      const base = { companyId, userId: p.userId, workDate: date, source: "clock" as const, actorUserId: p.userId };
      rows.push({ ...base, kind: "in", at: instantOf(date, inMinute, timeZone) });
      if (!rng.chance(0.02)) rows.push({ ...base, kind: "out", at: instantOf(date, outMinute, timeZone) });
    }
  }
  await insertRows(db, s.attendanceEntries, rows);
  return rows.length;
}
