import { and, asc, count, eq, inArray, notExists, sql, type SQL } from "drizzle-orm";
import { buildings, communities, householdPlacements, households } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Rows offset … offset + limit of the list without sorting every household: households without a
 * placement first (their community is null), then the buildings in the list's order (community
 * name, then building code by length and text), a few at a time (1, 2, 4 … per query), each
 * query reading only those buildings' households (household_placements_building_idx) until the
 * page is full — the bills list's walk (lib/billing/queries/bills-page.ts). Community names are
 * unique in a company and building codes in a community, so no two buildings' households interleave.
 */
export async function inListOrder<Row>(
  db: DbOrTx,
  companyId: number,
  communityId: number | undefined,
  offset: number,
  limit: number,
  read: (extra: SQL, limit: number) => Promise<Row[]>,
): Promise<Row[]> {
  const need = offset + limit;
  const p = householdPlacements;
  const [rows, [all], [placed]] = await Promise.all([
    db
      .select({ id: buildings.id })
      .from(buildings)
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(and(eq(buildings.companyId, companyId), communityId ? eq(buildings.communityId, communityId) : undefined))
      .orderBy(asc(communities.name), sql`length(${buildings.code})`, asc(buildings.code), asc(buildings.id)),
    db.select({ n: count() }).from(households).where(eq(households.companyId, companyId)),
    db.select({ n: count() }).from(p).where(eq(p.companyId, companyId)),
  ]);
  const order = rows.map((r) => r.id);
  const out: Row[] = [];
  // Unplaced households: none in a registry where every household has a unit (the counts agree).
  if (!communityId && Number(all.n) !== Number(placed.n))
    out.push(
      ...(await read(
        notExists(
          db
            .select({ one: sql`1` })
            .from(p)
            .where(eq(p.householdId, households.id)),
        ),
        need,
      )),
    );
  let i = 0;
  for (let size = 1; out.length < need && i < order.length; size *= 2) {
    const batch = order.slice(i, i + size);
    i += batch.length;
    out.push(
      ...(await read(
        inArray(
          households.id,
          db
            .select({ id: p.householdId })
            .from(p)
            .where(and(eq(p.companyId, companyId), inArray(p.buildingId, batch))),
        ),
        need - out.length,
      )),
    );
  }
  return out.slice(offset, need);
}
