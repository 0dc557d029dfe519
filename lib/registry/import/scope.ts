import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { canEditCommunity } from "../access";
import { loadRegistryFacts } from "../view";

/** The communities a user may import into and export (the registry's edit rule). */
export interface ImportScope {
  allows(communityId: number): boolean;
}

export const EVERY_COMMUNITY: ImportScope = { allows: () => true };

/** Admin and front desk: every community of the company; a project manager: the communities they run. */
export async function importScopeOf(
  db: DbOrTx,
  companyId: number,
  user: { id: number; roles: readonly Role[] },
): Promise<ImportScope> {
  const facts = await loadRegistryFacts(db, companyId, user.id);
  return { allows: (communityId) => canEditCommunity(user.roles, communityId, facts.managedCommunityIds) };
}
