import { and, eq, isNull, ne } from "drizzle-orm";
import { attendanceEntries, memberships, workShifts } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { isUniqueViolation } from "@/lib/db/errors";
import type { AttendanceCorrection, ShiftInput } from "./schemas";
import { instantOf, localParts } from "@/lib/time/zone";
import type { Actor } from "@/lib/auth/actor";

/**
 * Attendance: clock-in / clock-out taps (time from the server), HR corrections (new
 * entries, audited), and the per-day and per-month evaluation through lib/hr/rules.ts.
 */

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
