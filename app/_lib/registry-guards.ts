import "server-only";
import { notFound } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session";
import type { DbOrTx } from "@/lib/db/client";
import { canAssignInCommunity, canEditCommunity, registryViewFor, type RegistryView } from "@/lib/registry/access";
import { browsableBuildings, browsableCommunityIds } from "@/lib/registry/browse";
import { loadRegistryFacts } from "@/lib/registry/view";

/**
 * For community and building pages: 404 for another company's community and for one outside the
 * viewer's registry scope (a project manager's communities; a butler's or supervisor's buildings).
 * `buildings` is the WHERE condition on `buildings` the page adds to its building queries.
 */
export async function communityAccess(db: DbOrTx, user: SessionUser, communityId: number | null | undefined) {
  if (communityId == null) notFound();
  const facts = await loadRegistryFacts(db, user.companyId, user.id);
  const view: RegistryView = registryViewFor(user.roles, facts);
  const visible = await browsableCommunityIds(db, user.companyId, view);
  if (visible !== "all" && !visible.includes(communityId)) notFound();
  return {
    canEdit: canEditCommunity(user.roles, communityId, facts.managedCommunityIds),
    canAssign: canAssignInCommunity(user.roles, communityId, facts.managedCommunityIds),
    buildings: browsableBuildings(db, user.companyId, view),
  };
}

/** The buildings-scope of a viewer, for a building page's lookup (a building outside it reads as not found). */
export async function buildingScope(db: DbOrTx, user: SessionUser) {
  const view = registryViewFor(user.roles, await loadRegistryFacts(db, user.companyId, user.id));
  return browsableBuildings(db, user.companyId, view);
}

export function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}
