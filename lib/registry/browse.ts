import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { buildingButlers, buildings, unitButlers, units } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "./access";

/**
 * Which communities and buildings a registry view may browse (SPEC §2), as WHERE conditions on
 * `buildings` — the pages put them in their own queries, so a building outside the view is simply
 * not found. Company-wide roles browse everything; a project manager their communities; a butler
 * the buildings they serve (as the building's butler or a unit range's); a supervisor those of
 * their team's butlers and their own.
 */
export function browsableBuildings(db: DbOrTx, companyId: number, view: RegistryView): SQL | undefined {
  if (view.kind === "all") return undefined;
  const parts: SQL[] = [];
  if (view.communityIds.length) parts.push(inArray(buildings.communityId, view.communityIds));
  if (view.butlerIds.length) {
    const byBuilding = db
      .select({ id: buildingButlers.buildingId })
      .from(buildingButlers)
      .where(and(eq(buildingButlers.companyId, companyId), inArray(buildingButlers.butlerUserId, view.butlerIds)));
    const byUnitRange = db
      .select({ id: units.buildingId })
      .from(unitButlers)
      .innerJoin(units, eq(units.id, unitButlers.unitId))
      .where(and(eq(unitButlers.companyId, companyId), inArray(unitButlers.butlerUserId, view.butlerIds)));
    parts.push(inArray(buildings.id, byBuilding), inArray(buildings.id, byUnitRange));
  }
  return parts.length ? or(...parts) : sql`0`;
}

/** The communities the view may browse: "all", or the ids of those holding a browsable building (or managed). */
export async function browsableCommunityIds(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
): Promise<number[] | "all"> {
  if (view.kind === "all") return "all";
  const rows = await db
    .selectDistinct({ id: buildings.communityId })
    .from(buildings)
    .where(and(eq(buildings.companyId, companyId), browsableBuildings(db, companyId, view)));
  return [...new Set([...view.communityIds, ...rows.map((r) => r.id)])].sort((a, b) => a - b);
}
