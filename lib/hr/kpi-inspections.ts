import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { buildingButlers, buildings, communities, inspectionItems, inspections, technicianSkills } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { pct, type AssessedRole } from "./kpi";

/**
 * The quality-inspection KPI (issue 19 point 3): Σ score ÷ Σ max (%) of the inspection items of
 * the person's team in the communities they answer for, over the period's months — butlers answer
 * for customer service in the communities of their buildings, technicians for engineering in the
 * communities of their skills (a skill without a community = every community). Null without
 * inspections. Set-based: one grouped query for all the people.
 */
export async function inspectionKpis(
  db: DbOrTx,
  companyId: number,
  role: AssessedRole,
  months: readonly string[],
  userIds: readonly number[],
): Promise<Map<number, number | null>> {
  const places = role === "butler" ? butlerPlaces(db, companyId, userIds) : technicianPlaces(db, companyId, userIds);
  const rows = await db
    .select({
      userId: places.userId,
      score: sql<number>`sum(${inspectionItems.score})`.mapWith(Number),
      maxScore: sql<number>`sum(${inspectionItems.maxScore})`.mapWith(Number),
    })
    .from(places)
    .innerJoin(
      inspections,
      and(
        eq(inspections.communityId, places.communityId),
        eq(inspections.companyId, companyId),
        inArray(inspections.month, [...months]),
      ),
    )
    .innerJoin(
      inspectionItems,
      and(
        eq(inspectionItems.inspectionId, inspections.id),
        eq(inspectionItems.companyId, companyId),
        eq(inspectionItems.team, role === "butler" ? "customer_service" : "engineering"),
      ),
    )
    .groupBy(places.userId);
  const out = new Map<number, number | null>(userIds.map((id) => [id, null]));
  for (const r of rows) out.set(Number(r.userId), pct(r.score, r.maxScore));
  return out;
}

/** (butler, community) once per community where the butler has a building. */
function butlerPlaces(db: DbOrTx, companyId: number, userIds: readonly number[]) {
  return db
    .selectDistinct({ userId: buildingButlers.butlerUserId, communityId: buildings.communityId })
    .from(buildingButlers)
    .innerJoin(buildings, and(eq(buildings.id, buildingButlers.buildingId), eq(buildings.companyId, companyId)))
    .where(and(eq(buildingButlers.companyId, companyId), inArray(buildingButlers.butlerUserId, [...userIds])))
    .as("places");
}

/** (technician, community) once per community a skill of theirs covers. */
function technicianPlaces(db: DbOrTx, companyId: number, userIds: readonly number[]) {
  return db
    .selectDistinct({
      userId: technicianSkills.userId,
      communityId: sql<number>`${communities.id}`.as("place_community"),
    })
    .from(technicianSkills)
    .innerJoin(
      communities,
      and(
        eq(communities.companyId, companyId),
        or(isNull(technicianSkills.communityId), eq(technicianSkills.communityId, communities.id)),
      ),
    )
    .where(and(eq(technicianSkills.companyId, companyId), inArray(technicianSkills.userId, [...userIds])))
    .as("places");
}
