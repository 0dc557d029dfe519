import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or } from "drizzle-orm";
import { approvalRequests, attendanceEntries, memberships, staffRecords, users, workShifts } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { isUniqueViolation } from "@/lib/db/errors";
import {
  DEFAULT_SHIFT,
  effectiveEntries,
  evaluateDay,
  totalsOf,
  type DayResult,
  type MonthTotals,
  type Shift,
} from "./rules";
import type { AttendanceCorrection, ShiftInput } from "./schemas";
import { daysOfMonth } from "@/lib/time/calendar";
import { instantOf, localParts } from "@/lib/time/zone";
import type { Actor } from "@/lib/auth/actor";

/**
 * Attendance: clock-in / clock-out taps (time from the server), HR corrections (new
 * entries, audited), and the per-day and per-month evaluation through lib/hr/rules.ts.
 */

/** The shifts of the given people: their own override, else the company default, else 09:00–18:00. */
export async function shiftsOf(db: DbOrTx, companyId: number, userIds: number[]): Promise<(userId: number) => Shift> {
  const rows = await db
    .select({ userId: workShifts.userId, startMinute: workShifts.startMinute, endMinute: workShifts.endMinute })
    .from(workShifts)
    .where(
      and(
        eq(workShifts.companyId, companyId),
        userIds.length ? or(isNull(workShifts.userId), inArray(workShifts.userId, userIds)) : isNull(workShifts.userId),
      ),
    );
  const fallback = rows.find((r) => r.userId === null) ?? DEFAULT_SHIFT;
  const own = new Map(rows.filter((r) => r.userId !== null).map((r) => [r.userId, r]));
  return (userId) => {
    const s = own.get(userId) ?? fallback;
    return { startMinute: s.startMinute, endMinute: s.endMinute };
  };
}

async function assertStaff(db: DbOrTx, companyId: number, userId: number) {
  const [m] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId), ne(memberships.role, "resident")))
    .limit(1);
  if (!m) throw new AppError("not_found");
}

/**
 * One tap. The server's clock decides the time and the local work date; a second clock-in
 * (or clock-out) that day fails on the unique index, also when two taps race.
 */
export async function clock(db: Db, companyId: number, userId: number, kind: "in" | "out", now = new Date()) {
  await assertStaff(db, companyId, userId);
  const tz = await companyTimeZone(db, companyId);
  const workDate = localParts(now, tz).date;
  if (kind === "out") {
    const [clockedIn] = await db
      .select({ id: attendanceEntries.id })
      .from(attendanceEntries)
      .where(
        and(
          eq(attendanceEntries.companyId, companyId),
          eq(attendanceEntries.userId, userId),
          eq(attendanceEntries.workDate, workDate),
          eq(attendanceEntries.kind, "in"),
        ),
      )
      .limit(1);
    if (!clockedIn) throw new AppError("conflict", "hr.attendance.notClockedIn");
  }
  try {
    const [row] = await db
      .insert(attendanceEntries)
      .values({ companyId, userId, workDate, kind, at: now, source: "clock", actorUserId: userId })
      .returning();
    return row;
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError(
        "conflict",
        kind === "in" ? "hr.attendance.alreadyClockedIn" : "hr.attendance.alreadyClockedOut",
      );
    throw e;
  }
}

/** HR's correction: a new entry for the person, date and kind, with the reason; audited. */
export async function correctAttendance(db: Db, actor: Actor, input: AttendanceCorrection) {
  await assertStaff(db, actor.companyId, input.userId);
  const tz = await companyTimeZone(db, actor.companyId);
  if (input.workDate > localParts(new Date(), tz).date) throw AppError.field("workDate", "hr.validation.futureDate");
  const at = instantOf(input.workDate, input.minute, tz);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attendanceEntries)
      .values({
        companyId: actor.companyId,
        userId: input.userId,
        workDate: input.workDate,
        kind: input.kind,
        at,
        source: "correction",
        reason: input.reason,
        actorUserId: actor.userId,
      })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "attendance.correct",
      entity: "attendance_entry",
      entityId: row.id,
      after: {
        userId: input.userId,
        workDate: input.workDate,
        kind: input.kind,
        at: at.toISOString(),
        reason: input.reason,
      },
    });
    return row;
  });
}

async function entriesBetween(db: DbOrTx, companyId: number, userIds: number[], from: string, to: string) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: attendanceEntries.id,
      userId: attendanceEntries.userId,
      workDate: attendanceEntries.workDate,
      kind: attendanceEntries.kind,
      at: attendanceEntries.at,
      source: attendanceEntries.source,
      reason: attendanceEntries.reason,
    })
    .from(attendanceEntries)
    .where(
      and(
        eq(attendanceEntries.companyId, companyId),
        inArray(attendanceEntries.userId, userIds),
        gte(attendanceEntries.workDate, from),
        lte(attendanceEntries.workDate, to),
      ),
    )
    .orderBy(asc(attendanceEntries.id));
}

/** Approved leave (approval requests of type leave) per person: the dates between from and to. */
export async function leaveDates(
  db: DbOrTx,
  companyId: number,
  userIds: number[],
  from: string,
  to: string,
): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (!userIds.length) return out;
  const rows = await db
    .select({
      userId: approvalRequests.requesterUserId,
      from: approvalRequests.leaveFrom,
      to: approvalRequests.leaveTo,
    })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.companyId, companyId),
        eq(approvalRequests.type, "leave"),
        eq(approvalRequests.status, "approved"),
        inArray(approvalRequests.requesterUserId, userIds),
        lte(approvalRequests.leaveFrom, to),
        gte(approvalRequests.leaveTo, from),
      ),
    );
  for (const r of rows) {
    const set = out.get(r.userId) ?? new Set<string>();
    for (let d = r.from! < from ? from : r.from!; d <= r.to! && d <= to; d = nextDate(d)) set.add(d);
    out.set(r.userId, set);
  }
  return out;
}

function nextDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function evaluateMonth(
  month: string,
  shift: Shift,
  tz: string,
  now: Date,
  entries: Awaited<ReturnType<typeof entriesBetween>>,
  hiredOn: string | null,
  leave?: Set<string>,
): DayResult[] {
  const picked = effectiveEntries(entries);
  return daysOfMonth(month).map((date) =>
    evaluateDay({
      date,
      shift,
      timeZone: tz,
      now,
      hiredOn,
      onLeave: leave?.has(date),
      inAt: picked.get(date, "in")?.at ?? null,
      outAt: picked.get(date, "out")?.at ?? null,
    }),
  );
}

/** A person's month (their own attendance page). */
export async function myMonth(db: DbOrTx, companyId: number, userId: number, month: string, now = new Date()) {
  const tz = await companyTimeZone(db, companyId);
  const shift = (await shiftsOf(db, companyId, [userId]))(userId);
  const days = daysOfMonth(month);
  const entries = await entriesBetween(db, companyId, [userId], days[0], days[days.length - 1]);
  const [record] = await db
    .select({ hireDate: staffRecords.hireDate })
    .from(staffRecords)
    .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, userId)));
  const leave = await leaveDates(db, companyId, [userId], days[0], days[days.length - 1]);
  const results = evaluateMonth(month, shift, tz, now, entries, record?.hireDate ?? null, leave.get(userId));
  const today = localParts(now, tz).date;
  return {
    timeZone: tz,
    shift,
    today,
    days: results,
    totals: totalsOf(results),
    todayResult: results.find((d) => d.date === today) ?? null,
  };
}

export interface SheetRow {
  userId: number;
  employeeNo: string;
  name: string;
  shift: Shift;
  days: DayResult[];
  totals: MonthTotals;
}

/**
 * The monthly sheet: one row per staff record (of a community, or all), each day evaluated,
 * and the totals per person and for the sheet.
 */
export async function monthSheet(
  db: DbOrTx,
  companyId: number,
  month: string,
  opts: { communityId?: number | null; now?: Date } = {},
) {
  const now = opts.now ?? new Date();
  const tz = await companyTimeZone(db, companyId);
  const people = await db
    .select({
      userId: staffRecords.userId,
      employeeNo: staffRecords.employeeNo,
      name: staffRecords.name,
      hireDate: staffRecords.hireDate,
    })
    .from(staffRecords)
    .innerJoin(users, eq(users.id, staffRecords.userId))
    .where(
      and(
        eq(staffRecords.companyId, companyId),
        ne(staffRecords.status, "exited"),
        opts.communityId ? eq(staffRecords.communityId, opts.communityId) : undefined,
      ),
    )
    .orderBy(asc(staffRecords.employeeNo));
  const ids = people.map((p) => p.userId);
  const shiftOf = await shiftsOf(db, companyId, ids);
  const days = daysOfMonth(month);
  const entries = await entriesBetween(db, companyId, ids, days[0], days[days.length - 1]);
  const leave = await leaveDates(db, companyId, ids, days[0], days[days.length - 1]);
  const byUser = new Map<number, typeof entries>();
  for (const e of entries) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
  const rows: SheetRow[] = people.map(({ hireDate, ...p }) => {
    const shift = shiftOf(p.userId);
    const results = evaluateMonth(month, shift, tz, now, byUser.get(p.userId) ?? [], hireDate, leave.get(p.userId));
    return { ...p, shift, days: results, totals: totalsOf(results) };
  });
  const sum = (k: keyof MonthTotals) => rows.reduce((n, r) => n + r.totals[k], 0);
  const totals: MonthTotals = {
    present: sum("present"),
    late: sum("late"),
    lateMinutes: sum("lateMinutes"),
    early: sum("early"),
    earlyMinutes: sum("earlyMinutes"),
    absent: sum("absent"),
    incomplete: sum("incomplete"),
    leave: sum("leave"),
  };
  return { month, timeZone: tz, days, rows, totals };
}

/** Today's corrections listed on the sheet page (the newest first). */
export async function recentCorrections(db: DbOrTx, companyId: number, limit = 20) {
  return db
    .select({
      id: attendanceEntries.id,
      name: users.name,
      workDate: attendanceEntries.workDate,
      kind: attendanceEntries.kind,
      at: attendanceEntries.at,
      reason: attendanceEntries.reason,
    })
    .from(attendanceEntries)
    .innerJoin(users, eq(users.id, attendanceEntries.userId))
    .where(and(eq(attendanceEntries.companyId, companyId), eq(attendanceEntries.source, "correction")))
    .orderBy(desc(attendanceEntries.id))
    .limit(limit);
}

/** Sets the company's default shift (userId null) or a person's override; audited with before/after. */
export async function setShift(db: Db, actor: Actor, input: ShiftInput) {
  if (input.userId !== null) await assertStaff(db, actor.companyId, input.userId);
  const where = and(
    eq(workShifts.companyId, actor.companyId),
    input.userId === null ? isNull(workShifts.userId) : eq(workShifts.userId, input.userId),
  );
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(workShifts).where(where);
    const values = { startMinute: input.start, endMinute: input.end };
    if (before) await tx.update(workShifts).set(values).where(where);
    else await tx.insert(workShifts).values({ companyId: actor.companyId, userId: input.userId, ...values });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "shift.set",
      entity: "work_shift",
      entityId: input.userId === null ? "default" : input.userId,
      before: before ? { startMinute: before.startMinute, endMinute: before.endMinute } : null,
      after: values,
    });
  });
}
