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
  const [rows, placed] = await Promise.all([
    db
      .select({ id: buildings.id })
      .from(buildings)
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(and(eq(buildings.companyId, companyId), communityId ? eq(buildings.communityId, communityId) : undefined))
      .orderBy(asc(communities.name), sql`length(${buildings.code})`, asc(buildings.code), asc(buildings.id)),
    everyHouseholdPlaced(db, companyId),
  ]);
  // Unplaced households first (none where every household has a unit), then the buildings.
  const first =
    communityId || placed
      ? []
      : await read(
          notExists(
            db
              .select({ one: sql`1` })
              .from(p)
              .where(eq(p.householdId, households.id)),
          ),
          need,
        );
  const out = await readInOrder(
    rows.map((r) => r.id),
    need,
    first,
    (batch, rest) =>
      read(
        inArray(
          households.id,
          db
            .select({ id: p.householdId })
            .from(p)
            .where(and(eq(p.companyId, companyId), inArray(p.buildingId, batch))),
        ),
        rest,
      ),
  );
  return out.slice(offset, need);
}

/** True when every household of the company has a placement (two index-only counts agree). */
export async function everyHouseholdPlaced(db: DbOrTx, companyId: number): Promise<boolean> {
  const [[all], [placed]] = await Promise.all([
    db.select({ n: count() }).from(households).where(eq(households.companyId, companyId)),
    db.select({ n: count() }).from(householdPlacements).where(eq(householdPlacements.companyId, companyId)),
  ]);
  return Number(all.n) === Number(placed.n);
}

/**
 * The walk shared by the bills and households lists: after `first`, reads the groups in their
 * order 1, 2, 4 … at a time until `need` rows are in; `read` gets a batch and the rows still needed.
 */
export async function readInOrder<G, Row>(
  groups: readonly G[],
  need: number,
  first: Row[],
  read: (batch: G[], rest: number) => Promise<Row[]>,
): Promise<Row[]> {
  const out = [...first];
  let i = 0;
  for (let size = 1; out.length < need && i < groups.length; size *= 2) {
    const batch = groups.slice(i, i + size);
    i += batch.length;
    out.push(...(await read(batch, need - out.length)));
  }
  return out;
}
