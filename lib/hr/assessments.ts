import { and, desc, eq, sql } from "drizzle-orm";
import { assessments, memberships, staffRecords } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { finalGrade, overallScore, type AssessedRole, type Grade } from "./kpi";
import { computeKpis } from "./kpi-queries";
import type { AssessmentCorrection, AssessmentInput } from "./schemas";
import type { Actor } from "@/lib/auth/actor";

/**
 * Assessments (SPEC §9). A review is per person and period; its KPIs are computed from the
 * system (kpi-queries.ts) each time the draft is saved and once more when it is finalised,
 * then stored with the overall score and grade. A final review is never edited: a correction
 * is a new revision (final at once) with a reason; the highest revision is the current one.
 */

/** Who is assessed as what: a butler as a butler, else a technician; others are not assessed. */
async function assessedPerson(db: DbOrTx, companyId: number, userId: number) {
  const [rec] = await db
    .select({ communityId: staffRecords.communityId })
    .from(staffRecords)
    .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, userId)));
  if (!rec) throw AppError.field("userId", "hr.validation.notStaff", "not_found");
  const roles = (
    await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
  ).map((r) => r.role);
  const role: AssessedRole | null = roles.includes("butler")
    ? "butler"
    : roles.includes("technician")
      ? "technician"
      : null;
  if (!role) throw AppError.field("userId", "hr.validation.notAssessable");
  return { role, communityId: rec.communityId };
}

async function scored(
  db: DbOrTx,
  companyId: number,
  role: AssessedRole,
  userId: number,
  period: string,
  timeZone: string,
  managerScore: number,
  gradeOverride: Grade | null,
) {
  const kpis = ((await computeKpis(db, companyId, role, period, timeZone, [userId])).get(userId) ?? {}) as Record<
    string,
    number | null
  >;
  const overall = overallScore(role, kpis, managerScore);
  return { kpis, overall, grade: finalGrade(overall, gradeOverride) };
}

/** The newest revision of a person's review for a period, if any. */
async function latestRevision(tx: DbOrTx, companyId: number, userId: number, period: string) {
  const [cur] = await tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.companyId, companyId), eq(assessments.userId, userId), eq(assessments.period, period)))
    .orderBy(desc(assessments.revision))
    .limit(1);
  return cur;
}

/** Creates the draft review of a person for a period, or updates the draft; a final one is locked. */
export async function saveAssessment(db: Db, actor: Actor, input: AssessmentInput, timeZone: string) {
  const who = await assessedPerson(db, actor.companyId, input.userId);
  const s = await scored(
    db,
    actor.companyId,
    who.role,
    input.userId,
    input.period,
    timeZone,
    input.managerScore,
    input.gradeOverride,
  );
  const fields = {
    managerScore: input.managerScore,
    comment: input.comment,
    gradeOverride: input.gradeOverride,
    ...s,
    reviewerUserId: actor.userId,
  };
  try {
    return await db.transaction(async (tx) => {
      const cur = await latestRevision(tx, actor.companyId, input.userId, input.period);
      if (cur && cur.status === "final") throw AppError.field("period", "hr.validation.assessmentFinal", "conflict");
      let id: number;
      if (cur) {
        const done = await tx
          .update(assessments)
          .set(fields)
          .where(
            and(
              eq(assessments.id, cur.id),
              eq(assessments.companyId, actor.companyId),
              eq(assessments.status, "draft"),
            ),
          )
          .returning({ id: assessments.id });
        if (!done.length) throw AppError.field("period", "hr.validation.assessmentFinal", "conflict");
        id = cur.id;
      } else {
        const [row] = await tx
          .insert(assessments)
          .values({
            companyId: actor.companyId,
            userId: input.userId,
            period: input.period,
            revision: 1,
            role: who.role,
            communityId: who.communityId,
            status: "draft",
            ...fields,
          })
          .returning({ id: assessments.id });
        id = row.id;
      }
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "assessment.save",
        entity: "assessment",
        entityId: id,
        before: cur ? { managerScore: cur.managerScore, comment: cur.comment, gradeOverride: cur.gradeOverride } : null,
        after: { ...input, overall: s.overall, grade: s.grade },
      });
      return { id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "revision") || isUniqueViolation(e, "period"))
      throw AppError.field("period", "hr.validation.assessmentFinal", "conflict");
    throw e;
  }
}

/** Finalises a draft: KPIs computed once more and stored; the row is locked from then on. */
export async function finaliseAssessment(db: Db, actor: Actor, id: number, timeZone: string, now = new Date()) {
  const [a] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.companyId, actor.companyId), eq(assessments.id, id)));
  if (!a) throw new AppError("not_found");
  if (a.status === "final") throw new AppError("conflict", "hr.validation.assessmentFinal");
  const s = await scored(db, actor.companyId, a.role, a.userId, a.period, timeZone, a.managerScore, a.gradeOverride);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(assessments)
      .set({ ...s, status: "final", finalisedAt: now, reviewerUserId: actor.userId })
      .where(and(eq(assessments.id, id), eq(assessments.companyId, actor.companyId), eq(assessments.status, "draft")))
      .returning({ id: assessments.id });
    if (!done.length) throw new AppError("conflict", "hr.validation.assessmentFinal");
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "assessment.finalise",
      entity: "assessment",
      entityId: id,
      after: { ...s },
    });
  });
}

/** Corrects a final review: a new, final revision with the reason; the old one stays as it was. */
export async function correctAssessment(
  db: Db,
  actor: Actor,
  input: AssessmentCorrection,
  timeZone: string,
  now = new Date(),
) {
  const [a] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.companyId, actor.companyId), eq(assessments.id, input.id)));
  if (!a) throw new AppError("not_found");
  if (a.status !== "final") throw AppError.field("reason", "hr.validation.correctDraft");
  const s = await scored(
    db,
    actor.companyId,
    a.role,
    a.userId,
    a.period,
    timeZone,
    input.managerScore,
    input.gradeOverride,
  );
  try {
    return await db.transaction(async (tx) => {
      const [latest] = await tx
        .select({ revision: sql<number>`max(${assessments.revision})` })
        .from(assessments)
        .where(
          and(
            eq(assessments.companyId, actor.companyId),
            eq(assessments.userId, a.userId),
            eq(assessments.period, a.period),
          ),
        );
      if (Number(latest.revision) !== a.revision) throw AppError.field("reason", "hr.validation.notLatest", "conflict");
      const [row] = await tx
        .insert(assessments)
        .values({
          companyId: actor.companyId,
          userId: a.userId,
          period: a.period,
          revision: a.revision + 1,
          role: a.role,
          communityId: a.communityId,
          status: "final",
          managerScore: input.managerScore,
          comment: input.comment,
          gradeOverride: input.gradeOverride,
          reason: input.reason,
          ...s,
          reviewerUserId: actor.userId,
          finalisedAt: now,
        })
        .returning({ id: assessments.id });
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "assessment.correct",
        entity: "assessment",
        entityId: row.id,
        before: { id: a.id, managerScore: a.managerScore, overall: a.overall, grade: a.grade },
        after: { ...input, overall: s.overall, grade: s.grade },
      });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "revision") || isUniqueViolation(e, "period"))
      throw AppError.field("reason", "hr.validation.notLatest", "conflict");
    throw e;
  }
}
