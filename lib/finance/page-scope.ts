import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { communities, communityManagers } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import type { DbOrTx } from "@/lib/db/client";
import { reportScopeFor } from "./access";
import type { CommunityScope } from "./reports";

/**
 * The report scope of a request: the communities the person may see (all for finance/admin,
 * the managed ones for a project manager), and the chosen one if it is among them.
 */
export async function resolveReportScope(db: DbOrTx, user: SessionUser, requested: string | undefined) {
  const managed = (
    await db
      .select({ id: communityManagers.communityId })
      .from(communityManagers)
      .where(and(eq(communityManagers.companyId, user.companyId), eq(communityManagers.managerUserId, user.id)))
  ).map((r) => r.id);
  const allowed = reportScopeFor(user.roles, managed);
  const options = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(
      and(
        eq(communities.companyId, user.companyId),
        allowed === "all" ? undefined : inArray(communities.id, allowed.length ? allowed : [-1]),
      ),
    )
    .orderBy(asc(communities.name));
  const chosen = options.find((c) => String(c.id) === requested) ?? null;
  const scope: CommunityScope = chosen ? [chosen.id] : allowed;
  return { scope, options, chosen, companyWide: allowed === "all", readOnly: allowed !== "all" };
}
