import { and, eq, inArray, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { communityManagers, supervisorButlers } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { registryViewFor, type RegistryView } from "./access";

export interface Viewer {
  userId: number;
  roles: readonly Role[];
}

/** The facts the access rule needs, loaded in two small queries. */
export async function loadRegistryFacts(db: DbOrTx, companyId: number, userId: number) {
  const [team, managed] = await Promise.all([
    db
      .select({ id: supervisorButlers.butlerUserId })
      .from(supervisorButlers)
      .where(and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.supervisorUserId, userId))),
    db
      .select({ id: communityManagers.communityId })
      .from(communityManagers)
      .where(and(eq(communityManagers.companyId, companyId), eq(communityManagers.managerUserId, userId))),
  ]);
  return { userId, teamButlerIds: team.map((r) => r.id), managedCommunityIds: managed.map((r) => r.id) };
}

export async function loadRegistryView(db: DbOrTx, companyId: number, viewer: Viewer): Promise<RegistryView> {
  return registryViewFor(viewer.roles, await loadRegistryFacts(db, companyId, viewer.userId));
}

/** The WHERE condition that keeps only the households the view may see, on a placement subquery or household_placements. */
export function visibleHouseholds(
  view: RegistryView,
  placement: { butlerUserId: SQLWrapper; communityId: SQLWrapper },
): SQL | undefined {
  if (view.kind === "all") return undefined;
  const parts: SQL[] = [];
  if (view.butlerIds.length) parts.push(inArray(placement.butlerUserId, view.butlerIds));
  if (view.communityIds.length) parts.push(inArray(placement.communityId, view.communityIds));
  return parts.length ? or(...parts) : sql`0`;
}
