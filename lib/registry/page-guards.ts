import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session";
import type { DbOrTx } from "@/lib/db/client";
import { canAssignInCommunity, canEditCommunity, type RegistryView } from "./access";
import { loadRegistryFacts } from "./view";
import { registryViewFor } from "./access";

/** For community and building pages: 404 for another company's row, 403 for a community outside a project manager's. */
export async function communityAccess(db: DbOrTx, user: SessionUser, communityId: number | null | undefined) {
  if (communityId == null) notFound();
  const facts = await loadRegistryFacts(db, user.companyId, user.id);
  const view: RegistryView = registryViewFor(user.roles, facts);
  if (view.kind !== "all" && !view.communityIds.includes(communityId)) forbidden();
  return {
    canEdit: canEditCommunity(user.roles, communityId, facts.managedCommunityIds),
    canAssign: canAssignInCommunity(user.roles, communityId, facts.managedCommunityIds),
  };
}

export function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}
