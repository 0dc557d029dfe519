import { and, eq, inArray, sql, isNull } from "drizzle-orm";
import { buildings, communities, householdUnits, residentLinks, units } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView } from "@/lib/registry/view";

export { ACTIVITY_ROLES, NOTICE_ROLES, SHOP_ROLES } from "./roles";

/** The communities of a resident's approved households (through their units). */
export async function residentCommunityIds(db: DbOrTx, companyId: number, userId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: buildings.communityId })
    .from(residentLinks)
    .innerJoin(
      householdUnits,
      and(
        eq(householdUnits.householdId, residentLinks.householdId),
        eq(householdUnits.companyId, companyId),
        isNull(householdUnits.toDate),
      ),
    )
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        eq(residentLinks.status, "approved"),
      ),
    );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * The communities a staff member writes announcements and runs activities for: every one
 * for admin and front desk; a project manager's own; a butler's or supervisor's team's
 * (where their households are).
 */
export async function staffCommunityIds(
  db: DbOrTx,
  companyId: number,
  viewer: { userId: number; roles: readonly Role[] },
): Promise<number[]> {
  if (viewer.roles.includes("admin") || viewer.roles.includes("front_desk")) {
    const rows = await db.select({ id: communities.id }).from(communities).where(eq(communities.companyId, companyId));
    return rows.map((r) => r.id);
  }
  const view = await loadRegistryView(db, companyId, viewer);
  if (view.kind === "all") {
    const rows = await db.select({ id: communities.id }).from(communities).where(eq(communities.companyId, companyId));
    return rows.map((r) => r.id);
  }
  const ids = new Set(view.communityIds);
  if (view.butlerIds.length) {
    const placement = householdPlacementSubquery(db, companyId);
    const rows = await db
      .selectDistinct({ id: sql<number>`${placement.communityId}` })
      .from(placement)
      .where(inArray(placement.butlerUserId, view.butlerIds));
    rows.forEach((r) => ids.add(Number(r.id)));
  }
  return [...ids].sort((a, b) => a - b);
}

/** Names of the given communities (company-scoped). */
export async function communityNames(db: DbOrTx, companyId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(and(eq(communities.companyId, companyId), inArray(communities.id, ids)))
    .orderBy(communities.id);
}
