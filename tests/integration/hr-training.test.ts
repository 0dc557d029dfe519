import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { trainingEnrolments } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { createStaffRecord } from "@/lib/hr/commands";
import { completeSchema, courseSchema, staffRecordSchema } from "@/lib/hr/schemas";
import {
  completeEnrolment,
  createCourse,
  enrol,
  getCourse,
  listCourses,
  markAttended,
  trainingHours,
  trainingRecord,
} from "@/lib/hr/training";
import { createCompany, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

let n = 0;
const err = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => ({ code: e.code, fields: e.fieldErrors }),
  );

async function world(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const actor = { companyId, userId: adminId };
  const people = [];
  for (const name of ["甲", "乙", "丙"]) {
    const u = await createUser(db, companyId, ["butler"], name);
    await createStaffRecord(
      db,
      actor,
      staffRecordSchema.parse({
        userId: u.id,
        employeeNo: `T${++n}`,
        name,
        phone: "",
        email: "",
        communityId: "",
        position: "管家",
        hireDate: "2024-01-01",
        status: "active",
      }),
    );
    people.push(u);
  }
  return { companyId, actor, people };
}

const course = (v: Record<string, string> = {}) =>
  courseSchema.parse({
    title: "服务礼仪",
    date: "2026-03-10",
    hours: "1.5",
    trainer: "王老师",
    communityId: "",
    capacity: "2",
    ...v,
  });

describe("training", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("enrol, attend, complete with a score; hours per person per year", async () => {
    const { companyId, actor, people } = await world(db);
    const c1 = await createCourse(db, actor, course());
    const c2 = await createCourse(db, actor, course({ title: "消防", date: "2026-06-01", hours: "2", capacity: "" }));
    const c3 = await createCourse(db, actor, course({ title: "去年", date: "2025-12-01", hours: "3", capacity: "" }));
    const e1 = await enrol(db, actor, { courseId: c1.id, userId: people[0].id });
    const e2 = await enrol(db, actor, { courseId: c2.id, userId: people[0].id });
    const e3 = await enrol(db, actor, { courseId: c3.id, userId: people[0].id });
    const e4 = await enrol(db, actor, { courseId: c1.id, userId: people[1].id });
    for (const e of [e1, e2, e3, e4]) await markAttended(db, actor, e.id);
    await completeEnrolment(db, actor, { enrolmentId: e1.id, score: 88 });
    await completeEnrolment(db, actor, { enrolmentId: e2.id, score: 0 });
    await completeEnrolment(db, actor, { enrolmentId: e3.id, score: 100 });
    const hours = await trainingHours(db, companyId, 2026);
    expect(hours.get(people[0].id)).toBe(35);
    expect(hours.get(people[1].id)).toBeUndefined();
    expect((await trainingHours(db, companyId, 2026, people[0].id)).get(people[0].id)).toBe(35);
    const record = await trainingRecord(db, companyId, people[0].id);
    expect(record.map((r) => [r.title, r.score])).toEqual([
      ["消防", 0],
      ["服务礼仪", 88],
      ["去年", 100],
    ]);
    expect((await getCourse(db, companyId, c1.id))?.enrolments.map((e) => e.name)).toEqual(["甲", "乙"]);
    expect((await listCourses(db, companyId)).find((c) => c.id === c1.id)).toMatchObject({ enrolled: 2, completed: 1 });
  });

  it("bad input: enrolling twice, a full course, completing without attending, a score out of range, attending twice", async () => {
    const { actor, people } = await world(db);
    const c = await createCourse(db, actor, course());
    const e = await enrol(db, actor, { courseId: c.id, userId: people[0].id });
    expect(await err(enrol(db, actor, { courseId: c.id, userId: people[0].id }))).toEqual({
      code: "conflict",
      fields: { userId: ["hr.validation.alreadyEnrolled"] },
    });
    await enrol(db, actor, { courseId: c.id, userId: people[1].id });
    expect(await err(enrol(db, actor, { courseId: c.id, userId: people[2].id }))).toEqual({
      code: "conflict",
      fields: { userId: ["hr.validation.courseFull"] },
    });
    expect(await err(completeEnrolment(db, actor, { enrolmentId: e.id, score: 90 }))).toEqual({
      code: "validation",
      fields: { score: ["hr.validation.notAttended"] },
    });
    for (const score of ["101", "-1", "9.5", ""]) {
      const r = completeSchema.safeParse({ enrolmentId: e.id, score });
      expect(r.success ? null : r.error.issues[0].message).toBe(
        score === "" ? "validation.required" : "hr.validation.score",
      );
    }
    const bad = courseSchema.safeParse({ title: "", date: "2026-02-30", hours: "0", trainer: "x", capacity: "0" });
    expect(bad.success ? {} : bad.error.flatten().fieldErrors).toEqual({
      title: ["validation.required"],
      date: ["hr.validation.date"],
      hours: ["hr.validation.hours"],
      capacity: ["hr.validation.capacity"],
    });
    await markAttended(db, actor, e.id);
    expect((await err(markAttended(db, actor, e.id)))?.fields).toEqual({
      enrolmentId: ["hr.validation.alreadyAttended"],
    });
    await completeEnrolment(db, actor, { enrolmentId: e.id, score: 70 });
    expect((await err(completeEnrolment(db, actor, { enrolmentId: e.id, score: 99 })))?.fields).toEqual({
      score: ["hr.validation.alreadyCompleted"],
    });
    const [row] = await db.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, e.id));
    expect(row.score).toBe(70);
  });

  it("another company sees and touches nothing", async () => {
    const { companyId, actor, people } = await world(db);
    const c = await createCourse(db, actor, course());
    const e = await enrol(db, actor, { courseId: c.id, userId: people[0].id });
    const other = await createCompany(db);
    const o = { companyId: other.companyId, userId: other.adminId };
    expect(await getCourse(db, other.companyId, c.id)).toBeNull();
    expect((await err(enrol(db, o, { courseId: c.id, userId: people[1].id })))?.code).toBe("not_found");
    expect((await err(markAttended(db, o, e.id)))?.code).toBe("not_found");
    expect(await trainingRecord(db, other.companyId, people[0].id)).toEqual([]);
    const mine = await createCourse(db, o, course());
    expect((await err(enrol(db, o, { courseId: mine.id, userId: people[0].id })))?.fields).toEqual({
      userId: ["hr.validation.notStaff"],
    });
    expect((await listCourses(db, companyId)).map((x) => x.id)).toEqual([c.id]);
  });
});
