import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  cleaningAreas,
  communities,
  inspectionItems,
  inspectionTemplates,
  inspections,
  users,
  workOrders,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { OPEN_STATUSES } from "@/lib/tickets/rules";
import { qualityPct } from "./inspection-rules";

/** Quality-inspection reads (issue 19 point 3), every one scoped to the company in its WHERE. */

export async function listTemplates(db: DbOrTx, companyId: number) {
  return db
    .select()
    .from(inspectionTemplates)
    .where(eq(inspectionTemplates.companyId, companyId))
    .orderBy(desc(inspectionTemplates.active), asc(inspectionTemplates.areaKind), asc(inspectionTemplates.id));
}

export async function templateById(db: DbOrTx, companyId: number, id: number) {
  const [row] = await db
    .select()
    .from(inspectionTemplates)
    .where(and(eq(inspectionTemplates.id, id), eq(inspectionTemplates.companyId, companyId)));
  return row ?? null;
}

/** What the phone's inspection form offers: communities, their active cleaning areas, the active templates. */
export async function inspectOptions(db: DbOrTx, companyId: number) {
  const [places, areas, templates] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.companyId, companyId))
      .orderBy(asc(communities.id)),
    db
      .select({ id: cleaningAreas.id, name: cleaningAreas.name, communityId: cleaningAreas.communityId })
      .from(cleaningAreas)
      .where(and(eq(cleaningAreas.companyId, companyId), eq(cleaningAreas.active, true)))
      .orderBy(asc(cleaningAreas.id)),
    db
      .select()
      .from(inspectionTemplates)
      .where(and(eq(inspectionTemplates.companyId, companyId), eq(inspectionTemplates.active, true)))
      .orderBy(asc(inspectionTemplates.id)),
  ]);
  return { communities: places, areas, templates };
}

/** The latest inspections, with where, who and the score. */
export async function recentInspections(db: DbOrTx, companyId: number, limit = 20) {
  return db
    .select({
      id: inspections.id,
      inspectedAt: inspections.inspectedAt,
      community: communities.name,
      area: cleaningAreas.name,
      template: inspectionTemplates.name,
      inspector: users.name,
      score: inspections.score,
      maxScore: inspections.maxScore,
      defects: inspections.defects,
    })
    .from(inspections)
    .innerJoin(communities, eq(communities.id, inspections.communityId))
    .innerJoin(inspectionTemplates, eq(inspectionTemplates.id, inspections.templateId))
    .innerJoin(users, eq(users.id, inspections.inspectorId))
    .leftJoin(cleaningAreas, eq(cleaningAreas.id, inspections.areaId))
    .where(eq(inspections.companyId, companyId))
    .orderBy(desc(inspections.id))
    .limit(limit);
}

const sum = (col: typeof inspectionItems.score | typeof inspectionItems.maxScore) =>
  sql<number>`coalesce(sum(${col}), 0)`.mapWith(Number);

/**
 * The quality score of each month in `months` per community and per team: Σ score ÷ Σ max of the
 * items inspected that month — two grouped queries, whatever the number of inspections.
 */
export async function monthlyQuality(db: DbOrTx, companyId: number, months: readonly string[]) {
  const scope = and(eq(inspections.companyId, companyId), inArray(inspections.month, [...months]));
  const items = and(eq(inspectionItems.inspectionId, inspections.id), eq(inspectionItems.companyId, companyId));
  const [byCommunity, byTeam] = await Promise.all([
    db
      .select({
        communityId: inspections.communityId,
        name: communities.name,
        month: inspections.month,
        score: sum(inspectionItems.score),
        maxScore: sum(inspectionItems.maxScore),
      })
      .from(inspections)
      .innerJoin(inspectionItems, items)
      .innerJoin(communities, eq(communities.id, inspections.communityId))
      .where(scope)
      .groupBy(inspections.communityId, communities.name, inspections.month),
    db
      .select({
        team: inspectionItems.team,
        month: inspections.month,
        score: sum(inspectionItems.score),
        maxScore: sum(inspectionItems.maxScore),
      })
      .from(inspections)
      .innerJoin(inspectionItems, items)
      .where(scope)
      .groupBy(inspectionItems.team, inspections.month),
  ]);
  const withPct = <T extends { score: number; maxScore: number }>(r: T) => ({
    ...r,
    pct: qualityPct(r.score, r.maxScore),
  });
  return { byCommunity: byCommunity.map(withPct), byTeam: byTeam.map(withPct) };
}

/** The workbench's figures: this month's quality score over all communities, and the open defect orders. */
export async function qualitySummary(db: DbOrTx, companyId: number, month: string) {
  const [[score], [open]] = await Promise.all([
    db
      .select({ score: sum(inspectionItems.score), maxScore: sum(inspectionItems.maxScore) })
      .from(inspections)
      .innerJoin(
        inspectionItems,
        and(eq(inspectionItems.inspectionId, inspections.id), eq(inspectionItems.companyId, companyId)),
      )
      .where(and(eq(inspections.companyId, companyId), eq(inspections.month, month))),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(inspectionItems)
      .innerJoin(workOrders, and(eq(workOrders.id, inspectionItems.workOrderId), eq(workOrders.companyId, companyId)))
      .where(and(eq(inspectionItems.companyId, companyId), inArray(workOrders.status, [...OPEN_STATUSES]))),
  ]);
  return { pct: qualityPct(score.score, score.maxScore), openDefects: open.n };
}
