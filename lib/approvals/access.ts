import { and, eq, inArray } from "drizzle-orm";
import { communityManagers, memberships, staffRecords, supervisorButlers } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import type { ActorFacts, StepRole } from "./rules";

/** Who sees every request of the company (the "all requests" page). */
export const ALL_REQUESTS_ROLES: readonly Role[] = ["finance", "admin"];
/** Who changes the approval chains. */
export const CHAIN_ADMIN_ROLES: readonly Role[] = ["admin"];

/** The facts the step check needs about a person: team, own community, managed communities. */
export async function loadActorFacts(
  db: DbOrTx,
  companyId: number,
  userId: number,
  roles: readonly Role[],
): Promise<ActorFacts> {
  const [team, record, managed] = await Promise.all([
    roles.includes("supervisor")
      ? db
          .select({ id: supervisorButlers.butlerUserId })
          .from(supervisorButlers)
          .where(and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.supervisorUserId, userId)))
      : Promise.resolve([]),
    db
      .select({ communityId: staffRecords.communityId })
      .from(staffRecords)
      .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, userId))),
    roles.includes("project_manager")
      ? db
          .select({ id: communityManagers.communityId })
          .from(communityManagers)
          .where(and(eq(communityManagers.companyId, companyId), eq(communityManagers.managerUserId, userId)))
      : Promise.resolve([]),
  ]);
  return {
    userId,
    roles,
    teamUserIds: team.map((t) => t.id),
    ownCommunityId: record[0]?.communityId ?? null,
    managedCommunityIds: managed.map((m) => m.id),
  };
}

/** The people who may decide a step (to notify them): scoped like stepDenial, the requester excluded. */
export async function eligibleApprovers(
  db: DbOrTx,
  companyId: number,
  role: StepRole,
  req: { requesterUserId: number; communityId: number },
): Promise<number[]> {
  let ids: number[] = [];
  if (role === "supervisor") {
    const [leads, local] = await Promise.all([
      db
        .select({ id: supervisorButlers.supervisorUserId })
        .from(supervisorButlers)
        .where(
          and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.butlerUserId, req.requesterUserId)),
        ),
      db
        .select({ id: staffRecords.userId })
        .from(staffRecords)
        .innerJoin(
          memberships,
          and(
            eq(memberships.userId, staffRecords.userId),
            eq(memberships.companyId, companyId),
            eq(memberships.role, "supervisor"),
          ),
        )
        .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.communityId, req.communityId))),
    ]);
    ids = [...leads, ...local].map((r) => r.id);
  } else if (role === "project_manager") {
    ids = (
      await db
        .select({ id: communityManagers.managerUserId })
        .from(communityManagers)
        .where(and(eq(communityManagers.companyId, companyId), eq(communityManagers.communityId, req.communityId)))
    ).map((r) => r.id);
  } else {
    ids = (
      await db
        .select({ id: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.companyId, companyId), inArray(memberships.role, [role])))
    ).map((r) => r.id);
  }
  return [...new Set(ids)].filter((id) => id !== req.requesterUserId);
}
