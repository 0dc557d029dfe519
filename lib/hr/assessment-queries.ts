import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { assessments, communities, memberships, staffRecords } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { rankWithin } from "./kpi";

const currentRevision = (a: typeof assessments) =>
  sql`${a.revision} = (select max(a2.revision) from ${assessments} a2 where a2.company_id = ${a.companyId} and a2.user_id = ${a.userId} and a2.period = ${a.period})`;

const listColumns = {
  id: assessments.id,
  userId: assessments.userId,
  name: staffRecords.name,
  employeeNo: staffRecords.employeeNo,
  period: assessments.period,
  revision: assessments.revision,
  role: assessments.role,
  communityId: assessments.communityId,
  communityName: communities.name,
  status: assessments.status,
  managerScore: assessments.managerScore,
  overall: assessments.overall,
  grade: assessments.grade,
  kpis: assessments.kpis,
};

/** The current revision of every review of a period. */
export async function listAssessments(db: DbOrTx, companyId: number, period: string) {
  return db
    .select(listColumns)
    .from(assessments)
    .leftJoin(staffRecords, and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, assessments.userId)))
    .leftJoin(communities, and(eq(communities.id, assessments.communityId), eq(communities.companyId, companyId)))
    .where(and(eq(assessments.companyId, companyId), eq(assessments.period, period), currentRevision(assessments)))
    .orderBy(asc(assessments.role), asc(staffRecords.employeeNo));
}

/** Final reviews of a period ranked by overall score within each role and community. */
export async function assessmentRanking(db: DbOrTx, companyId: number, period: string) {
  const rows = (await listAssessments(db, companyId, period)).filter((r) => r.status === "final");
  const ranked = rankWithin(rows, (r) => `${r.role}/${r.communityId ?? ""}`);
  return ranked.sort(
    (a, b) =>
      a.role.localeCompare(b.role) || (a.communityName ?? "").localeCompare(b.communityName ?? "") || a.rank - b.rank,
  );
}

const reviewer = alias(staffRecords, "reviewer");

/** One review with every revision of it (newest first) and the reviewer's name. */
export async function getAssessment(db: DbOrTx, companyId: number, id: number) {
  const [a] = await db
    .select({
      ...listColumns,
      comment: assessments.comment,
      gradeOverride: assessments.gradeOverride,
      reason: assessments.reason,
      finalisedAt: assessments.finalisedAt,
      reviewerName: reviewer.name,
    })
    .from(assessments)
    .leftJoin(staffRecords, and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, assessments.userId)))
    .leftJoin(communities, and(eq(communities.id, assessments.communityId), eq(communities.companyId, companyId)))
    .leftJoin(reviewer, and(eq(reviewer.companyId, companyId), eq(reviewer.userId, assessments.reviewerUserId)))
    .where(and(eq(assessments.companyId, companyId), eq(assessments.id, id)));
  if (!a) return null;
  const revisions = await db
    .select({
      id: assessments.id,
      revision: assessments.revision,
      status: assessments.status,
      managerScore: assessments.managerScore,
      overall: assessments.overall,
      grade: assessments.grade,
      reason: assessments.reason,
      finalisedAt: assessments.finalisedAt,
    })
    .from(assessments)
    .where(
      and(eq(assessments.companyId, companyId), eq(assessments.userId, a.userId), eq(assessments.period, a.period)),
    )
    .orderBy(desc(assessments.revision));
  return { ...a, revisions, isCurrent: revisions[0]?.id === a.id };
}

/** Staff who can be assessed (butlers and technicians with a record, not exited), for the picker. */
export async function assessablePeople(db: DbOrTx, companyId: number) {
  return db
    .selectDistinct({ userId: staffRecords.userId, name: staffRecords.name, employeeNo: staffRecords.employeeNo })
    .from(staffRecords)
    .innerJoin(
      memberships,
      and(
        eq(memberships.companyId, companyId),
        eq(memberships.userId, staffRecords.userId),
        inArray(memberships.role, ["butler", "technician"]),
      ),
    )
    .where(and(eq(staffRecords.companyId, companyId), sql`${staffRecords.status} <> 'exited'`))
    .orderBy(asc(staffRecords.employeeNo));
}

/** A person's reviews (current revision of each period), newest period first. */
export async function assessmentsOf(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select({
      id: assessments.id,
      period: assessments.period,
      revision: assessments.revision,
      status: assessments.status,
      overall: assessments.overall,
      grade: assessments.grade,
    })
    .from(assessments)
    .where(and(eq(assessments.companyId, companyId), eq(assessments.userId, userId), currentRevision(assessments)))
    .orderBy(desc(assessments.period));
}
