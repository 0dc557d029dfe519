/**
 * Demo staff records (示范物业): one per staff account, numbered E0001… in user-id order,
 * with a position from the person's first role, the community they serve (butlers: their
 * first building's; project managers: the community they run) and a fixed hire date.
 * Deterministic, and idempotent with seedDemo (it runs before the seed's completion mark).
 */
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import type { Role } from "../../lib/auth/roles";
import * as s from "../../db/schema";
import { isWorkday } from "../../lib/hr/rules";
import { finalGrade, overallScore, type AssessedRole } from "../../lib/hr/kpi";
import { computeKpis } from "../../lib/hr/kpi-queries";
import { insertRows } from "./insert";
import type { Rng } from "./random";
import { instantOf, localParts } from "../../lib/time/zone";
import { previousQuarter, quarterOf } from "../../lib/time/quarters";

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
  cleaner: "保洁员",
  guard: "秩序维护员",
};

/** A fixed hire date per staff index: spread over 2019–2025, always a real date. */
export function demoHireDate(index: number): string {
  const day = new Date(Date.UTC(2019, 2, 1) + ((index * 97) % 2400) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export async function seedDemoHr(db: Db, companyId: number): Promise<number> {
  const members = await db
    .select({
      userId: s.users.id,
      name: s.users.name,
      phone: s.users.phone,
      email: s.users.email,
      role: s.memberships.role,
    })
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
 * Demo attendance: the 30 days before `now` and today until `now`, for every staff record, on
 * workdays of the company's zone. Most people clock in 08:40–09:10 and out 17:55–18:30; a few days are
 * late, early or missed. Written as plain clock entries, so the rules treat them as taps.
 */
export async function seedDemoAttendance(
  db: Db,
  companyId: number,
  rng: Rng,
  now: Date,
  timeZone = "Asia/Shanghai",
): Promise<number> {
  const people = await db
    .select({ userId: s.staffRecords.userId })
    .from(s.staffRecords)
    .where(eq(s.staffRecords.companyId, companyId))
    .orderBy(asc(s.staffRecords.userId));
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
  rows.push(...todaysClocks(people, companyId, rng, now, today, timeZone));
  await insertRows(db, s.attendanceEntries, rows);
  return rows.length;
}

/**
 * Today so far (a workday): most people clocked in 08:30–09:00 and a few late, one or two not
 * yet; those whose evening has come clocked out. Only taps before `now`, so the HR workbench's
 * "attendance today" shows a normal day instead of everyone absent.
 */
function todaysClocks(
  people: { userId: number }[],
  companyId: number,
  rng: Rng,
  now: Date,
  today: string,
  timeZone: string,
): (typeof s.attendanceEntries.$inferInsert)[] {
  if (!isWorkday(today)) return [];
  const rows: (typeof s.attendanceEntries.$inferInsert)[] = [];
  for (const p of people) {
    if (rng.chance(0.06)) continue; // not in (yet)
    const inAt = instantOf(
      today,
      rng.chance(0.1) ? rng.int(9 * 60 + 1, 9 * 60 + 40) : rng.int(8 * 60 + 30, 9 * 60),
      timeZone,
    );
    const outAt = instantOf(today, rng.int(18 * 60, 18 * 60 + 30), timeZone);
    const base = { companyId, userId: p.userId, workDate: today, source: "clock" as const, actorUserId: p.userId };
    if (inAt <= now) rows.push({ ...base, kind: "in", at: inAt });
    if (inAt <= now && outAt <= now) rows.push({ ...base, kind: "out", at: outAt });
  }
  return rows;
}

const DEMO_COURSES = [
  { title: "物业服务礼仪", monthDay: "03-12", hoursTenths: 30, trainer: "王丽" },
  { title: "消防安全与应急处置", monthDay: "05-20", hoursTenths: 40, trainer: "消防支队 陈队长" },
  { title: "投诉处理与沟通技巧", monthDay: "08-08", hoursTenths: 25, trainer: "李明" },
  { title: "电梯与二次供水设备巡检", monthDay: "10-16", hoursTenths: 20, trainer: "赵工" },
] as const;

/**
 * Demo training: courses of the current year (all before `now` but one two weeks ahead) with
 * enrolments, attendance and completions with scores. Deterministic for a given `now`; runs
 * once per seeded company (before the seed's completion mark).
 */
export async function seedDemoTraining(
  db: Db,
  companyId: number,
  rng: Rng,
  now: Date,
  timeZone = "Asia/Shanghai",
): Promise<number> {
  const today = localParts(now, timeZone).date;
  const year = Number(today.slice(0, 4));
  const people = await db
    .select({ userId: s.staffRecords.userId, role: s.memberships.role })
    .from(s.staffRecords)
    .innerJoin(
      s.memberships,
      and(eq(s.memberships.companyId, companyId), eq(s.memberships.userId, s.staffRecords.userId)),
    )
    .where(and(eq(s.staffRecords.companyId, companyId), ne(s.memberships.role, "resident")))
    .orderBy(asc(s.staffRecords.userId), asc(s.memberships.id));
  const staffIds = [...new Set(people.map((p) => p.userId))];
  const hrUser = people.find((p) => p.role === "hr")?.userId ?? people.find((p) => p.role === "admin")?.userId ?? null;
  const upcoming = localParts(new Date(now.getTime() + 14 * 86_400_000), timeZone).date;
  const courseRows = DEMO_COURSES.map((c, i) => ({
    companyId,
    title: c.title,
    date:
      i === DEMO_COURSES.length - 1
        ? upcoming
        : `${year}-${c.monthDay}` < today
          ? `${year}-${c.monthDay}`
          : `${year - 1}-${c.monthDay}`,
    hoursTenths: c.hoursTenths,
    trainer: c.trainer,
    capacity: i === 1 ? 40 : null,
    createdBy: hrUser,
    createdAt: now,
  }));
  const courses = await db
    .insert(s.trainingCourses)
    .values(courseRows)
    .returning({ id: s.trainingCourses.id, date: s.trainingCourses.date });
  const enrolRows: (typeof s.trainingEnrolments.$inferInsert)[] = [];
  courses.forEach((c, ci) => {
    const past = c.date < today;
    staffIds.forEach((userId, pi) => {
      // Everyone takes the first course; the others reach every second, third… person.
      if (ci > 0 && (pi + ci) % (ci + 1) !== 0) return;
      const attended = past && rng.chance(0.9);
      const completed = attended && rng.chance(0.9);
      enrolRows.push({
        companyId,
        courseId: c.id,
        userId,
        enrolledBy: hrUser,
        attendedAt: attended ? now : null,
        completedAt: completed ? now : null,
        score: completed ? rng.int(62, 100) : null,
        createdAt: now,
      });
    });
  });
  await insertRows(db, s.trainingEnrolments, enrolRows);
  return enrolRows.length;
}

const COMMENTS = [
  "工作认真负责，住户反馈良好",
  "沟通积极，收费跟进到位",
  "响应及时，需加强回访记录",
  "整体表现稳定，继续保持",
];

/**
 * Demo assessments: last quarter's final review of every butler and technician with a staff
 * record. The manager's score and comment are seeded (a fixed function of the person's id);
 * the KPIs are computed from the demo data by the same code as the pages (lib/hr/kpi-queries.ts),
 * so this runs after the billing seed. Idempotent: the unique (person, period, revision) key.
 */
export async function seedDemoAssessments(
  db: Db,
  companyId: number,
  now: Date,
  timeZone = "Asia/Shanghai",
): Promise<number> {
  const period = previousQuarter(quarterOf(localParts(now, timeZone).date));
  const people = await db
    .select({ userId: s.staffRecords.userId, communityId: s.staffRecords.communityId, role: s.memberships.role })
    .from(s.staffRecords)
    .innerJoin(
      s.memberships,
      and(eq(s.memberships.companyId, companyId), eq(s.memberships.userId, s.staffRecords.userId)),
    )
    .where(and(eq(s.staffRecords.companyId, companyId), ne(s.staffRecords.status, "exited")))
    .orderBy(asc(s.staffRecords.userId));
  const reviewer = people.find((p) => p.role === "hr")?.userId ?? null;
  const roleOf = new Map<number, AssessedRole>();
  for (const p of people) if (p.role === "technician" && !roleOf.has(p.userId)) roleOf.set(p.userId, "technician");
  for (const p of people) if (p.role === "butler") roleOf.set(p.userId, "butler");
  const communityOf = new Map(people.map((p) => [p.userId, p.communityId]));
  const rows: (typeof s.assessments.$inferInsert)[] = [];
  for (const role of ["butler", "technician"] as const) {
    const ids = [...roleOf].filter(([, r]) => r === role).map(([id]) => id);
    const kpiMap = await computeKpis(db, companyId, role, period, timeZone, ids);
    for (const userId of ids) {
      const kpis = (kpiMap.get(userId) ?? {}) as Record<string, number | null>;
      const managerScore = 70 + ((userId * 37) % 27);
      const overall = overallScore(role, kpis, managerScore);
      rows.push({
        companyId,
        userId,
        period,
        revision: 1,
        role,
        communityId: communityOf.get(userId) ?? null,
        status: "final",
        kpis,
        managerScore,
        comment: COMMENTS[userId % COMMENTS.length],
        gradeOverride: null,
        overall,
        grade: finalGrade(overall, null),
        reviewerUserId: reviewer,
        finalisedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  if (rows.length === 0) return 0;
  const made = await db.insert(s.assessments).values(rows).onConflictDoNothing().returning({ id: s.assessments.id });
  return made.length;
}
