import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  approvalAttachments,
  approvalEvents,
  approvalLines,
  approvalRequests,
  approvalSteps,
  communities,
  financeCategories,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { stepDenial, type ActorFacts, type StepRole } from "./rules";

/** Approval reads, tenant-scoped. Lists are one query each (no N+1). */

const requester = aliasedTable(users, "requester");

function listColumns() {
  return {
    id: approvalRequests.id,
    type: approvalRequests.type,
    title: approvalRequests.title,
    status: approvalRequests.status,
    amountFen: approvalRequests.amountFen,
    communityId: approvalRequests.communityId,
    communityName: communities.name,
    requesterUserId: approvalRequests.requesterUserId,
    requesterName: requester.name,
    createdAt: approvalRequests.createdAt,
    submittedAt: approvalRequests.submittedAt,
    currentRole: sql<
      string | null
    >`(select s.role from ${approvalSteps} s where s.request_id = ${approvalRequests.id} and s.round = ${approvalRequests.round} and s.position = ${approvalRequests.currentStep})`,
  };
}

export type RequestListRow = Awaited<ReturnType<typeof myRequests>>[number];

export async function myRequests(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select(listColumns())
    .from(approvalRequests)
    .innerJoin(communities, eq(communities.id, approvalRequests.communityId))
    .innerJoin(requester, eq(requester.id, approvalRequests.requesterUserId))
    .where(and(eq(approvalRequests.companyId, companyId), eq(approvalRequests.requesterUserId, userId)))
    .orderBy(desc(approvalRequests.id))
    .limit(200);
}

export interface RequestFilters {
  status?: string;
  type?: string;
  communityId?: number;
}

/** Every request of the company (finance, admin), filtered. */
export async function allRequests(db: DbOrTx, companyId: number, f: RequestFilters) {
  return db
    .select(listColumns())
    .from(approvalRequests)
    .innerJoin(communities, eq(communities.id, approvalRequests.communityId))
    .innerJoin(requester, eq(requester.id, approvalRequests.requesterUserId))
    .where(
      and(
        eq(approvalRequests.companyId, companyId),
        f.status ? eq(approvalRequests.status, f.status as "pending") : undefined,
        f.type ? eq(approvalRequests.type, f.type as "expense") : undefined,
        f.communityId ? eq(approvalRequests.communityId, f.communityId) : undefined,
      ),
    )
    .orderBy(desc(approvalRequests.id))
    .limit(500);
}

/** Pending requests whose current step this person may decide (role and scope, not their own). */
export async function waitingFor(db: DbOrTx, companyId: number, facts: ActorFacts) {
  const roles = facts.roles.includes("admin") ? undefined : inArray(approvalSteps.role, facts.roles as string[]);
  const rows = await db
    .select({ ...listColumns(), stepRole: approvalSteps.role, stepPosition: approvalSteps.position })
    .from(approvalRequests)
    .innerJoin(
      approvalSteps,
      and(
        eq(approvalSteps.requestId, approvalRequests.id),
        eq(approvalSteps.round, approvalRequests.round),
        eq(approvalSteps.position, approvalRequests.currentStep),
      ),
    )
    .innerJoin(communities, eq(communities.id, approvalRequests.communityId))
    .innerJoin(requester, eq(requester.id, approvalRequests.requesterUserId))
    .where(
      and(
        eq(approvalRequests.companyId, companyId),
        eq(approvalRequests.status, "pending"),
        eq(approvalSteps.status, "pending"),
        roles,
      ),
    )
    .orderBy(asc(approvalRequests.submittedAt));
  return rows.filter((r) => stepDenial(r.stepRole as StepRole, facts, r) === null);
}

export async function countWaiting(db: DbOrTx, companyId: number, facts: ActorFacts): Promise<number> {
  return (await waitingFor(db, companyId, facts)).length;
}

/** One request with its lines, steps (every round), timeline and attachments; null when not in the company. */
export async function requestDetail(db: DbOrTx, companyId: number, id: number) {
  const [req] = await db
    .select({
      id: approvalRequests.id,
      type: approvalRequests.type,
      title: approvalRequests.title,
      description: approvalRequests.description,
      status: approvalRequests.status,
      amountFen: approvalRequests.amountFen,
      details: approvalRequests.details,
      leaveFrom: approvalRequests.leaveFrom,
      leaveTo: approvalRequests.leaveTo,
      round: approvalRequests.round,
      currentStep: approvalRequests.currentStep,
      communityId: approvalRequests.communityId,
      communityName: communities.name,
      categoryId: approvalRequests.categoryId,
      categoryCode: financeCategories.code,
      categoryName: financeCategories.name,
      requesterUserId: approvalRequests.requesterUserId,
      requesterName: requester.name,
      createdAt: approvalRequests.createdAt,
      approvedOn: approvalRequests.approvedOn,
    })
    .from(approvalRequests)
    .innerJoin(communities, eq(communities.id, approvalRequests.communityId))
    .innerJoin(requester, eq(requester.id, approvalRequests.requesterUserId))
    .leftJoin(financeCategories, eq(financeCategories.id, approvalRequests.categoryId))
    .where(and(eq(approvalRequests.companyId, companyId), eq(approvalRequests.id, id)));
  if (!req) return null;
  const [lines, steps, events, files] = await Promise.all([
    db
      .select()
      .from(approvalLines)
      .where(and(eq(approvalLines.companyId, companyId), eq(approvalLines.requestId, id)))
      .orderBy(asc(approvalLines.position)),
    db
      .select({
        round: approvalSteps.round,
        position: approvalSteps.position,
        role: approvalSteps.role,
        status: approvalSteps.status,
        comment: approvalSteps.comment,
        actedAt: approvalSteps.actedAt,
        actorUserId: approvalSteps.actorUserId,
        actorName: users.name,
      })
      .from(approvalSteps)
      .leftJoin(users, eq(users.id, approvalSteps.actorUserId))
      .where(and(eq(approvalSteps.companyId, companyId), eq(approvalSteps.requestId, id)))
      .orderBy(asc(approvalSteps.round), asc(approvalSteps.position)),
    db
      .select({
        id: approvalEvents.id,
        kind: approvalEvents.kind,
        round: approvalEvents.round,
        position: approvalEvents.position,
        comment: approvalEvents.comment,
        createdAt: approvalEvents.createdAt,
        actorName: users.name,
      })
      .from(approvalEvents)
      .leftJoin(users, eq(users.id, approvalEvents.actorUserId))
      .where(and(eq(approvalEvents.companyId, companyId), eq(approvalEvents.requestId, id)))
      .orderBy(asc(approvalEvents.id)),
    db
      .select({ id: approvalAttachments.id, mime: approvalAttachments.mime, size: approvalAttachments.size })
      .from(approvalAttachments)
      .where(and(eq(approvalAttachments.companyId, companyId), eq(approvalAttachments.requestId, id))),
  ]);
  return { ...req, lines, steps, events, files };
}
export type RequestDetail = NonNullable<Awaited<ReturnType<typeof requestDetail>>>;

/**
 * Who may open a request: its requester, finance and admin, whoever decided one of its steps,
 * and whoever may decide one of its current round's steps.
 */
export function canViewRequest(
  detail: Pick<RequestDetail, "requesterUserId" | "communityId" | "steps" | "round">,
  facts: ActorFacts,
): boolean {
  if (detail.requesterUserId === facts.userId) return true;
  if (facts.roles.includes("finance") || facts.roles.includes("admin")) return true;
  if (detail.steps.some((s) => s.actorUserId === facts.userId)) return true;
  return detail.steps.some((s) => s.round === detail.round && stepDenial(s.role as StepRole, facts, detail) === null);
}
