import { aliasedTable, and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { billingGroupTotals, bills, buildings, communities, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { collectionRateBp } from "../rules";

/*
 * Collection rate (收缴率) by community, building or butler (issue 14 point 4): read from
 * billing_group_totals (company × period × the household's current building and butler, kept by
 * triggers: db/migrations/0028_placement_summaries_triggers.sql) instead of every bill of the
 * periods; collectionByGroupFromBills is the definition the tests compare it with.
 */

export type Grouping = "community" | "building" | "butler";

export interface CollectionRow {
  key: string | number | null;
  name: string | null;
  billedFen: number;
  collectedFen: number;
  rateBp: number | null;
}

/** The grouping's key and display name, given where the building and the butler come from. */
export function groupColumns(grouping: Grouping, buildingId: unknown, butlerUserId: unknown) {
  const butler = aliasedTable(users, "group_butler");
  if (grouping === "community")
    return { key: sql<number | null>`${communities.id}`, name: sql<string | null>`${communities.name}`, butler };
  if (grouping === "building")
    return {
      key: sql<number | null>`${buildingId}`,
      name: sql<string | null>`${communities.name} || ' ' || ${buildings.name}`,
      butler,
    };
  return { key: sql<number | null>`${butlerUserId}`, name: sql<string | null>`${butler.name}`, butler };
}

const toRow = (r: { key: number | null; name: string | null; billed: number; collected: number }): CollectionRow => ({
  key: r.key,
  name: r.name,
  billedFen: Number(r.billed),
  collectedFen: Number(r.collected),
  rateBp: collectionRateBp(Number(r.collected), Number(r.billed)),
});

/** Billed and collected on the bills of the periods from..to (voided excluded), by group, from the summary. */
export async function collectionByGroup(
  db: DbOrTx,
  companyId: number,
  from: string,
  to: string,
  grouping: Grouping,
): Promise<CollectionRow[]> {
  const t = billingGroupTotals;
  const g = groupColumns(grouping, sql`nullif(${t.buildingId}, 0)`, sql`nullif(${t.butlerUserId}, 0)`);
  const rows = await db
    .select({
      key: g.key,
      name: g.name,
      billed: sql<number>`sum(${t.billedFen})`,
      collected: sql<number>`sum(${t.collectedFen})`,
    })
    .from(t)
    .leftJoin(buildings, eq(buildings.id, t.buildingId))
    .leftJoin(communities, eq(communities.id, buildings.communityId))
    .leftJoin(g.butler, eq(g.butler.id, t.butlerUserId))
    .where(and(eq(t.companyId, companyId), gte(t.period, from), lte(t.period, to)))
    .groupBy(g.key, g.name)
    .having(sql`sum(${t.bills}) > 0`)
    .orderBy(asc(g.name));
  return rows.map(toRow);
}

/** The same figures from the bills and the live placement (the summary's definition; tests compare the two). */
export async function collectionByGroupFromBills(
  db: DbOrTx,
  companyId: number,
  from: string,
  to: string,
  grouping: Grouping,
): Promise<CollectionRow[]> {
  const placement = householdPlacementSubquery(db, companyId);
  const g = groupColumns(grouping, placement.buildingId, placement.butlerUserId);
  const rows = await db
    .select({
      key: g.key,
      name: g.name,
      billed: sql<number>`sum(${bills.linesFen} + ${bills.adjustmentFen})`,
      collected: sql<number>`sum(${bills.allocatedFen})`,
    })
    .from(bills)
    .leftJoin(placement, eq(placement.householdId, bills.householdId))
    .leftJoin(buildings, eq(buildings.id, placement.buildingId))
    .leftJoin(communities, eq(communities.id, buildings.communityId))
    .leftJoin(g.butler, eq(g.butler.id, placement.butlerUserId))
    .where(and(eq(bills.companyId, companyId), eq(bills.voided, false), gte(bills.period, from), lte(bills.period, to)))
    .groupBy(g.key, g.name)
    .orderBy(asc(g.name));
  return rows.map(toRow);
}
