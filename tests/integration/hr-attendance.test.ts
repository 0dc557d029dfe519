import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attendanceEntries, auditLog, workShifts } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { clock, correctAttendance, setShift } from "@/lib/hr/attendance";
import { monthSheet, myMonth } from "@/lib/hr/attendance-queries";
import { createStaffRecord } from "@/lib/hr/commands";
import { attendanceCorrectionSchema, shiftSchema, staffRecordSchema } from "@/lib/hr/schemas";
import { createCompany, createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

async function messageOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
  throw new Error("expected an AppError");
}

async function staffWithRecord(
  db: Db,
  companyId: number,
  adminId: number,
  no: string,
  communityId: number | null = null,
) {
  const user = await createUser(db, companyId, ["technician"], `技师${no}`);
  await createStaffRecord(
    db,
    { companyId, userId: adminId },
    staffRecordSchema.parse({
      userId: user.id,
      employeeNo: no,
      name: `技师${no}`,
      phone: "",
      email: "",
      communityId: communityId ? String(communityId) : "",
      position: "维修技师",
      hireDate: "2024-01-01",
      status: "active",
    }),
  );
  return user;
}

describe("attendance", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("clock in and out once a day; duplicates and a clock-out without a clock-in get clear messages", async () => {
    const { companyId, adminId } = await createCompany(db);
    const tech = await staffWithRecord(db, companyId, adminId, "E0001");
    expect(await messageOf(clock(db, companyId, tech.id, "out", sh("2026-11-23", "08:00")))).toBe(
      "hr.attendance.notClockedIn",
    );
    const entry = await clock(db, companyId, tech.id, "in", sh("2026-11-23", "09:05"));
    expect(entry.workDate).toBe("2026-11-23");
    expect(await messageOf(clock(db, companyId, tech.id, "in", sh("2026-11-23", "09:06")))).toBe(
      "hr.attendance.alreadyClockedIn",
    );
    await clock(db, companyId, tech.id, "out", sh("2026-11-23", "17:50"));
    expect(await messageOf(clock(db, companyId, tech.id, "out", sh("2026-11-23", "18:10")))).toBe(
      "hr.attendance.alreadyClockedOut",
    );
    // 00:30 Shanghai on the 24th is 16:30 UTC on the 23rd: it counts for the 24th.
    expect((await clock(db, companyId, tech.id, "in", new Date("2026-11-23T16:30:00Z"))).workDate).toBe("2026-11-24");

    const mine = await myMonth(db, companyId, tech.id, "2026-11", sh("2026-11-24", "12:00"));
    expect(mine.days.find((d) => d.date === "2026-11-23")).toMatchObject({
      status: "present",
      lateMinutes: 5,
      earlyMinutes: 10,
    });
    expect(mine.todayResult).toMatchObject({ date: "2026-11-24", status: "present", lateMinutes: 0 });
  });

  it("concurrent taps write one clock-in", async () => {
    const { companyId, adminId } = await createCompany(db);
    const tech = await staffWithRecord(db, companyId, adminId, "E0001");
    const at = sh("2026-11-25", "08:59");
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => clock(db, companyId, tech.id, "in", at)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as AppError).message).toBe("hr.attendance.alreadyClockedIn");
    const rows = await db
      .select()
      .from(attendanceEntries)
      .where(and(eq(attendanceEntries.companyId, companyId), eq(attendanceEntries.userId, tech.id)));
    expect(rows).toHaveLength(1);
  });

  it("people outside the company's staff cannot clock", async () => {
    const { companyId } = await createCompany(db);
    const other = await createCompany(db);
    const resident = await createUser(db, companyId, ["resident"]);
    const outsider = await createUser(db, other.companyId, ["technician"]);
    expect((await messageOf(clock(db, companyId, resident.id, "in"))).startsWith("errors.")).toBe(true);
    expect(await messageOf(clock(db, companyId, outsider.id, "in"))).toBe("errors.not_found");
  });

  it("the monthly sheet per community: per-person shifts, absences, totals; a correction is a new audited entry", async () => {
    const { companyId, adminId } = await createCompany(db);
    const { community } = await createEstate(db, companyId, { n: 1 });
    const a = await staffWithRecord(db, companyId, adminId, "E0001", community.id);
    const b = await staffWithRecord(db, companyId, adminId, "E0002", community.id);
    const elsewhere = await staffWithRecord(db, companyId, adminId, "E0003");
    await db.insert(workShifts).values([
      { companyId, userId: null, startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 },
      { companyId, userId: b.id, startMinute: 10 * 60, endMinute: 19 * 60 },
    ]);
    // Mon 23rd – Wed 25th; "now" is Thursday 26th at noon.
    await clock(db, companyId, a.id, "in", sh("2026-11-23", "08:40"));
    await clock(db, companyId, a.id, "out", sh("2026-11-23", "17:30"));
    await clock(db, companyId, a.id, "in", sh("2026-11-24", "08:30"));
    await clock(db, companyId, b.id, "in", sh("2026-11-23", "09:55"));
    await clock(db, companyId, b.id, "out", sh("2026-11-23", "19:00"));
    await clock(db, companyId, elsewhere.id, "in", sh("2026-11-23", "11:00"));
    const now = sh("2026-11-26", "12:00");

    const sheet = await monthSheet(db, companyId, "2026-11", { communityId: community.id, now });
    expect(sheet.rows.map((r) => r.employeeNo)).toEqual(["E0001", "E0002"]);
    const [ra, rb] = sheet.rows;
    expect(ra.shift).toEqual({ startMinute: 510, endMinute: 1050 });
    expect(rb.shift).toEqual({ startMinute: 600, endMinute: 1140 });
    // November 2026 workdays before the 26th: 2–6, 9–13, 16–20, 23–25 = 18.
    expect(ra.totals).toEqual({
      present: 2,
      late: 1,
      lateMinutes: 10,
      early: 0,
      earlyMinutes: 0,
      absent: 16,
      incomplete: 1,
      leave: 0,
    });
    expect(rb.totals).toEqual({
      present: 1,
      late: 0,
      lateMinutes: 0,
      early: 0,
      earlyMinutes: 0,
      absent: 17,
      incomplete: 0,
      leave: 0,
    });
    expect(sheet.totals).toMatchObject({ present: 3, absent: 33, late: 1, incomplete: 1 });
    expect((await monthSheet(db, companyId, "2026-11", { now })).rows).toHaveLength(3);

    // HR corrects a's missing clock-out on the 24th and b's absence on the 25th.
    const actor = { companyId, userId: adminId };
    await correctAttendance(
      db,
      actor,
      attendanceCorrectionSchema.parse({
        userId: a.id,
        workDate: "2026-11-24",
        kind: "out",
        time: "17:30",
        reason: "忘记打卡，主管确认",
      }),
    );
    await correctAttendance(
      db,
      actor,
      attendanceCorrectionSchema.parse({
        userId: b.id,
        workDate: "2026-11-25",
        kind: "in",
        time: "10:00",
        reason: "外出培训",
      }),
    );
    await correctAttendance(
      db,
      actor,
      attendanceCorrectionSchema.parse({
        userId: b.id,
        workDate: "2026-11-25",
        kind: "out",
        time: "19:00",
        reason: "外出培训",
      }),
    );
    const after = await monthSheet(db, companyId, "2026-11", { communityId: community.id, now });
    expect(after.rows[0].totals).toMatchObject({ present: 2, incomplete: 0, absent: 16 });
    expect(after.rows[1].totals).toMatchObject({ present: 2, absent: 16 });
    // The original clock entries are untouched; the corrections are new rows, each audited.
    const aRows = await db
      .select()
      .from(attendanceEntries)
      .where(and(eq(attendanceEntries.companyId, companyId), eq(attendanceEntries.userId, a.id)));
    expect(aRows.map((r) => r.source).sort()).toEqual(["clock", "clock", "clock", "correction"]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, "attendance.correct")));
    expect(audits).toHaveLength(3);
    expect(audits[0].after).toMatchObject({ reason: "忘记打卡，主管确认", kind: "out", workDate: "2026-11-24" });

    // Another company sees nobody and cannot correct these people.
    const other = await createCompany(db);
    expect((await monthSheet(db, other.companyId, "2026-11", { now })).rows).toEqual([]);
    expect(
      await messageOf(
        correctAttendance(
          db,
          { companyId: other.companyId, userId: other.adminId },
          attendanceCorrectionSchema.parse({
            userId: a.id,
            workDate: "2026-11-24",
            kind: "in",
            time: "09:00",
            reason: "越权测试",
          }),
        ),
      ),
    ).toBe("errors.not_found");
  });

  it("refuses a correction dated in the future and a reason that is too short", async () => {
    const { companyId, adminId } = await createCompany(db);
    const tech = await staffWithRecord(db, companyId, adminId, "E0001");
    const r = attendanceCorrectionSchema.safeParse({
      userId: tech.id,
      workDate: "2026-11-24",
      kind: "in",
      time: "9:00",
      reason: "x",
    });
    expect(r.success ? [] : r.error.issues.map((i) => i.message).sort()).toEqual([
      "hr.validation.reason",
      "hr.validation.time",
    ]);
    await expect(
      correctAttendance(
        db,
        { companyId, userId: adminId },
        attendanceCorrectionSchema.parse({
          userId: tech.id,
          workDate: "2999-01-01",
          kind: "in",
          time: "09:00",
          reason: "未来日期",
        }),
      ),
    ).rejects.toMatchObject({ fieldErrors: { workDate: ["hr.validation.futureDate"] } });
  });
});

describe("shifts", () => {
  it("HR sets the company default and a personal override (audited, updated in place); the sheet follows them", async () => {
    const { db } = await createTestDb();
    const { companyId, adminId } = await createCompany(db);
    const tech = await staffWithRecord(db, companyId, adminId, "E0001");
    const other = await staffWithRecord(db, companyId, adminId, "E0002");
    const actor = { companyId, userId: adminId };
    await setShift(db, actor, shiftSchema.parse({ userId: "", start: "08:00", end: "17:00" }));
    await setShift(db, actor, shiftSchema.parse({ userId: "", start: "08:30", end: "17:30" }));
    await setShift(db, actor, shiftSchema.parse({ userId: String(tech.id), start: "12:00", end: "21:00" }));
    const sheet = await monthSheet(db, companyId, "2026-11", { now: sh("2026-11-26", "12:00") });
    expect(sheet.rows.map((r) => [r.userId, r.shift])).toEqual([
      [tech.id, { startMinute: 720, endMinute: 1260 }],
      [other.id, { startMinute: 510, endMinute: 1050 }],
    ]);
    expect(await db.select().from(workShifts).where(eq(workShifts.companyId, companyId))).toHaveLength(2);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, "shift.set")))
      .orderBy(auditLog.id);
    expect(audits[1]).toMatchObject({
      entityId: "default",
      before: { startMinute: 480, endMinute: 1020 },
      after: { startMinute: 510, endMinute: 1050 },
    });
    // Another company's person cannot be given a shift here; the end must follow the start.
    const outsider = await createCompany(db);
    await expect(
      setShift(db, actor, shiftSchema.parse({ userId: String(outsider.adminId), start: "08:00", end: "17:00" })),
    ).rejects.toMatchObject({ code: "not_found" });
    const bad = shiftSchema.safeParse({ userId: "", start: "18:00", end: "09:00" });
    expect(bad.success ? null : bad.error.issues[0]).toMatchObject({
      path: ["end"],
      message: "hr.validation.shiftOrder",
    });
  });
});

describe("hire date on the sheet", () => {
  it("a person hired mid-month is absent only from the hire date on", async () => {
    const { db } = await createTestDb();
    const { companyId, adminId } = await createCompany(db);
    const user = await createUser(db, companyId, ["butler"], "新人");
    await createStaffRecord(
      db,
      { companyId, userId: adminId },
      staffRecordSchema.parse({
        userId: user.id,
        employeeNo: "N1",
        name: "新人",
        phone: "",
        email: "",
        communityId: "",
        position: "管家",
        hireDate: "2026-11-23",
        status: "active",
      }),
    );
    const sheet = await monthSheet(db, companyId, "2026-11", { now: sh("2026-11-26", "12:00") });
    expect(sheet.rows[0].totals.absent).toBe(3); // 23rd, 24th, 25th
    expect(sheet.rows[0].days.find((d) => d.date === "2026-11-20")?.status).toBe("notHired");
  });
});
