import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { communities, staffRecords, trainingCourses, trainingEnrolments } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { trainingHoursByPerson } from "./kpi";
import type { CourseInput } from "./schemas";
import type { Actor } from "@/lib/auth/actor";

/**
 * Training (SPEC §9): HR creates courses and enrols staff; attendance is marked once, then a
 * completion with a score 0–100 once. Hours count the completed courses of a calendar year.
 */
export async function createCourse(db: Db, actor: Actor, input: CourseInput) {
  const { hours, ...rest } = input;
  if (rest.communityId !== null) {
    const [c] = await db
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.companyId, actor.companyId), eq(communities.id, rest.communityId)));
    if (!c) throw AppError.field("communityId", "validation.required", "not_found");
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingCourses)
      .values({ companyId: actor.companyId, ...rest, hoursTenths: hours, createdBy: actor.userId })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "training.course_create",
      entity: "training_course",
      entityId: row.id,
      after: input,
    });
    return row;
  });
}

export async function enrol(db: Db, actor: Actor, input: { courseId: number; userId: number }) {
  const [course] = await db
    .select()
    .from(trainingCourses)
    .where(and(eq(trainingCourses.companyId, actor.companyId), eq(trainingCourses.id, input.courseId)));
  if (!course) throw new AppError("not_found");
  const [person] = await db
    .select({ id: staffRecords.id })
    .from(staffRecords)
    .where(
      and(
        eq(staffRecords.companyId, actor.companyId),
        eq(staffRecords.userId, input.userId),
        ne(staffRecords.status, "exited"),
      ),
    );
  if (!person) throw AppError.field("userId", "hr.validation.notStaff", "not_found");
  try {
    return await db.transaction(async (tx) => {
      if (course.capacity !== null) {
        const [{ n }] = await tx
          .select({ n: count() })
          .from(trainingEnrolments)
          .where(eq(trainingEnrolments.courseId, course.id));
        if (n >= course.capacity) throw AppError.field("userId", "hr.validation.courseFull", "conflict");
      }
      const [row] = await tx
        .insert(trainingEnrolments)
        .values({ companyId: actor.companyId, courseId: course.id, userId: input.userId, enrolledBy: actor.userId })
        .returning();
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "training.enrol",
        entity: "training_enrolment",
        entityId: row.id,
        after: input,
      });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e, "user_id") || isUniqueViolation(e, "course_id"))
      throw AppError.field("userId", "hr.validation.alreadyEnrolled", "conflict");
    throw e;
  }
}

async function enrolmentOf(db: DbOrTx, companyId: number, enrolmentId: number) {
  const [row] = await db
    .select()
    .from(trainingEnrolments)
    .where(and(eq(trainingEnrolments.companyId, companyId), eq(trainingEnrolments.id, enrolmentId)));
  if (!row) throw new AppError("not_found");
  return row;
}

/** Marks attendance once (a second mark is a conflict, not a change). */
export async function markAttended(db: Db, actor: Actor, enrolmentId: number, now = new Date()) {
  await enrolmentOf(db, actor.companyId, enrolmentId);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(trainingEnrolments)
      .set({ attendedAt: now })
      .where(
        and(
          eq(trainingEnrolments.companyId, actor.companyId),
          eq(trainingEnrolments.id, enrolmentId),
          isNull(trainingEnrolments.attendedAt),
        ),
      )
      .returning({ id: trainingEnrolments.id });
    if (done.length === 0) throw AppError.field("enrolmentId", "hr.validation.alreadyAttended", "conflict");
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "training.attend",
      entity: "training_enrolment",
      entityId: enrolmentId,
    });
  });
}

/** Completes an attended enrolment with a score 0–100, once. */
export async function completeEnrolment(
  db: Db,
  actor: Actor,
  input: { enrolmentId: number; score: number },
  now = new Date(),
) {
  const e = await enrolmentOf(db, actor.companyId, input.enrolmentId);
  if (!e.attendedAt) throw AppError.field("score", "hr.validation.notAttended");
  await db.transaction(async (tx) => {
    const done = await tx
      .update(trainingEnrolments)
      .set({ completedAt: now, score: input.score })
      .where(
        and(
          eq(trainingEnrolments.companyId, actor.companyId),
          eq(trainingEnrolments.id, input.enrolmentId),
          isNotNull(trainingEnrolments.attendedAt),
          isNull(trainingEnrolments.completedAt),
        ),
      )
      .returning({ id: trainingEnrolments.id });
    if (done.length === 0) throw AppError.field("score", "hr.validation.alreadyCompleted", "conflict");
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "training.complete",
      entity: "training_enrolment",
      entityId: input.enrolmentId,
      after: { score: input.score },
    });
  });
}

export async function listCourses(db: DbOrTx, companyId: number) {
  return db
    .select({
      id: trainingCourses.id,
      title: trainingCourses.title,
      date: trainingCourses.date,
      hoursTenths: trainingCourses.hoursTenths,
      trainer: trainingCourses.trainer,
      capacity: trainingCourses.capacity,
      communityName: communities.name,
      enrolled: sql<number>`(select count(*) from ${trainingEnrolments} te where te.course_id = ${trainingCourses.id})`,
      completed: sql<number>`(select count(*) from ${trainingEnrolments} te where te.course_id = ${trainingCourses.id} and te.completed_at is not null)`,
    })
    .from(trainingCourses)
    .leftJoin(communities, and(eq(communities.id, trainingCourses.communityId), eq(communities.companyId, companyId)))
    .where(eq(trainingCourses.companyId, companyId))
    .orderBy(desc(trainingCourses.date), desc(trainingCourses.id));
}

export async function getCourse(db: DbOrTx, companyId: number, id: number) {
  const [course] = await db
    .select({ course: trainingCourses, communityName: communities.name })
    .from(trainingCourses)
    .leftJoin(communities, and(eq(communities.id, trainingCourses.communityId), eq(communities.companyId, companyId)))
    .where(and(eq(trainingCourses.companyId, companyId), eq(trainingCourses.id, id)));
  if (!course) return null;
  const enrolments = await db
    .select({
      id: trainingEnrolments.id,
      userId: trainingEnrolments.userId,
      name: staffRecords.name,
      employeeNo: staffRecords.employeeNo,
      attendedAt: trainingEnrolments.attendedAt,
      completedAt: trainingEnrolments.completedAt,
      score: trainingEnrolments.score,
    })
    .from(trainingEnrolments)
    .leftJoin(
      staffRecords,
      and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, trainingEnrolments.userId)),
    )
    .where(and(eq(trainingEnrolments.companyId, companyId), eq(trainingEnrolments.courseId, id)))
    .orderBy(asc(staffRecords.employeeNo));
  return { ...course.course, communityName: course.communityName, enrolments };
}

/** A person's training record (their own page, or HR's view of them). */
export async function trainingRecord(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select({
      id: trainingEnrolments.id,
      courseId: trainingCourses.id,
      title: trainingCourses.title,
      date: trainingCourses.date,
      hoursTenths: trainingCourses.hoursTenths,
      trainer: trainingCourses.trainer,
      attendedAt: trainingEnrolments.attendedAt,
      completedAt: trainingEnrolments.completedAt,
      score: trainingEnrolments.score,
    })
    .from(trainingEnrolments)
    .innerJoin(
      trainingCourses,
      and(eq(trainingCourses.id, trainingEnrolments.courseId), eq(trainingCourses.companyId, companyId)),
    )
    .where(and(eq(trainingEnrolments.companyId, companyId), eq(trainingEnrolments.userId, userId)))
    .orderBy(desc(trainingCourses.date));
}

/** Completed training hours (tenths) per person in a calendar year, for everyone or one person. */
export async function trainingHours(
  db: DbOrTx,
  companyId: number,
  year: number,
  userId?: number,
): Promise<Map<number, number>> {
  const rows = await db
    .select({
      userId: trainingEnrolments.userId,
      date: trainingCourses.date,
      hoursTenths: trainingCourses.hoursTenths,
      completedAt: trainingEnrolments.completedAt,
    })
    .from(trainingEnrolments)
    .innerJoin(
      trainingCourses,
      and(eq(trainingCourses.id, trainingEnrolments.courseId), eq(trainingCourses.companyId, companyId)),
    )
    .where(
      and(
        eq(trainingEnrolments.companyId, companyId),
        userId !== undefined ? eq(trainingEnrolments.userId, userId) : undefined,
        gte(trainingCourses.date, `${year}-01-01`),
        lt(trainingCourses.date, `${year + 1}-01-01`),
        isNotNull(trainingEnrolments.completedAt),
      ),
    );
  return trainingHoursByPerson(
    rows.map((r) => ({ ...r, completed: r.completedAt !== null })),
    year,
  );
}

export const formatHours = (tenths: number) => (tenths / 10).toFixed(1);
