import "server-only";
import { and, count, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import {
  approvalRequests,
  approvalSteps,
  communityManagers,
  notifications,
  residentLinks,
  staffRecords,
  supervisorButlers,
} from "@/db/schema";
import type { ActorFacts } from "@/lib/approvals/rules";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { registryViewFor } from "@/lib/registry/access";
import { decidableInView } from "@/lib/residents/queries";
import { approvalScope } from "@/lib/residents/rules";

/** A count shown beside a navigation entry (work waiting for the viewer). */
export type NavBadge = "pendingRegistrations" | "approvalsWaiting";

/*
 * What the shell shows on every page — the sidebar badges and the bell — in two queries per
 * request: the viewer's assignments (one query, shared by the approvals and registry rules) and
 * every count (one query of scalar subqueries). The counts are scoped exactly like the pages they
 * open (tests/integration/portal/shell-counts.test.ts compares them with those pages' own queries).
 */

export interface ShellViewer {
  id: number;
  companyId: number;
  roles: readonly Role[];
}

/** The viewer's team, managed communities and own community, in one query (ActorFacts of lib/approvals). */
export async function loadViewerFacts(db: DbOrTx, companyId: number, viewer: ShellViewer): Promise<ActorFacts> {
  const row = await db.get<{ team: string; managed: string; own: number | null }>(sql`select
    (select json_group_array(${supervisorButlers.butlerUserId}) from ${supervisorButlers}
      where ${supervisorButlers.companyId} = ${companyId} and ${supervisorButlers.supervisorUserId} = ${viewer.id}) as team,
    (select json_group_array(${communityManagers.communityId}) from ${communityManagers}
      where ${communityManagers.companyId} = ${companyId} and ${communityManagers.managerUserId} = ${viewer.id}) as managed,
    (select ${staffRecords.communityId} from ${staffRecords}
      where ${staffRecords.companyId} = ${companyId} and ${staffRecords.userId} = ${viewer.id}) as own`);
  return {
    userId: viewer.id,
    roles: viewer.roles,
    teamUserIds: (JSON.parse(row?.team ?? "[]") as number[]).sort((a, b) => a - b),
    managedCommunityIds: (JSON.parse(row?.managed ?? "[]") as number[]).sort((a, b) => a - b),
    ownCommunityId: row?.own ?? null,
  };
}

/** Pending approval steps the actor may decide: lib/approvals/rules.ts stepDenial, as SQL. */
export function decidableStep(facts: ActorFacts): SQL {
  const notOwn = ne(approvalRequests.requesterUserId, facts.userId);
  if (facts.roles.includes("admin")) return notOwn;
  const none = sql`0`;
  const inIds = (
    col: typeof approvalRequests.communityId | typeof approvalRequests.requesterUserId,
    ids: readonly number[],
  ) => (ids.length ? inArray(col, [...ids]) : none);
  const supervisorScope = or(
    inIds(approvalRequests.requesterUserId, facts.teamUserIds),
    facts.ownCommunityId === null ? none : eq(approvalRequests.communityId, facts.ownCommunityId),
  );
  const scoped = or(
    sql`${approvalSteps.role} not in ('supervisor', 'project_manager')`,
    and(eq(approvalSteps.role, "supervisor"), supervisorScope),
    and(eq(approvalSteps.role, "project_manager"), inIds(approvalRequests.communityId, facts.managedCommunityIds)),
  );
  const roles = facts.roles as string[];
  return and(notOwn, roles.length ? inArray(approvalSteps.role, roles) : none, scoped) as SQL;
}

function waitingCount(db: DbOrTx, companyId: number, facts: ActorFacts) {
  return db
    .select({ n: count() })
    .from(approvalRequests)
    .innerJoin(
      approvalSteps,
      and(
        eq(approvalSteps.requestId, approvalRequests.id),
        eq(approvalSteps.round, approvalRequests.round),
        eq(approvalSteps.position, approvalRequests.currentStep),
      ),
    )
    .where(
      and(
        eq(approvalRequests.companyId, companyId),
        eq(approvalRequests.status, "pending"),
        eq(approvalSteps.status, "pending"),
        decidableStep(facts),
      ),
    );
}

function registrationsCount(db: DbOrTx, companyId: number, facts: ActorFacts) {
  const scope = approvalScope(facts.roles);
  const where =
    scope.kind === "none"
      ? sql`0`
      : scope.kind === "company"
        ? eq(residentLinks.companyId, companyId)
        : decidableInView(
            db,
            companyId,
            registryViewFor(scope.roles, {
              userId: facts.userId,
              teamButlerIds: [...facts.teamUserIds],
              managedCommunityIds: [...facts.managedCommunityIds],
            }),
          );
  return db
    .select({ n: count() })
    .from(residentLinks)
    .where(and(where, eq(residentLinks.status, "pending")));
}

export interface ShellCounts {
  badges: Partial<Record<NavBadge, number>>;
  unread: number;
}

/**
 * The bell's unread count and the wanted sidebar badges, in one query (plus the viewer's facts
 * when a badge needs them).
 */
export async function loadShellCounts(
  db: DbOrTx,
  viewer: ShellViewer,
  wanted: readonly NavBadge[],
  /** The viewer's facts when the caller has them already (else loaded here when a badge needs them). */
  knownFacts?: ActorFacts | null,
): Promise<ShellCounts> {
  const { companyId } = viewer;
  const facts = knownFacts ?? (wanted.length ? await loadViewerFacts(db, companyId, viewer) : null);
  const unread = db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(eq(notifications.companyId, companyId), eq(notifications.userId, viewer.id), isNull(notifications.readAt)),
    );
  const parts: SQL[] = [sql`(${unread}) as unread`];
  if (facts && wanted.includes("pendingRegistrations"))
    parts.push(sql`(${registrationsCount(db, companyId, facts)}) as pendingRegistrations`);
  if (facts && wanted.includes("approvalsWaiting"))
    parts.push(sql`(${waitingCount(db, companyId, facts)}) as approvalsWaiting`);
  const row = await db.get<Record<string, number | null>>(sql`select ${sql.join(parts, sql`, `)}`);
  const badges: Partial<Record<NavBadge, number>> = {};
  for (const b of wanted) badges[b] = Number(row?.[b] ?? 0);
  return { badges, unread: Number(row?.unread ?? 0) };
}
