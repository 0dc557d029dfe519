import { and, asc, eq, inArray, notExists, sql, type SQL } from "drizzle-orm";
import { bills, buildings, householdPlacements, households, units } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { everyHouseholdPlaced, readInOrder } from "@/lib/registry/households-page";

/*
 * One page of the bills list without sorting the month's bills: the list's order is the
 * building code, then the unit number (each by length, then text), then the bill. Bills of
 * households without a placement come first (their building is null); then the buildings are
 * walked in that order, a few codes at a time (1, 2, 4 … codes per query), each query reading
 * only those buildings' bills (household_placements_building_idx, then each household's bills)
 * until the page is full. A first page reads one or two buildings, page n about n × 50 bills.
 */

export interface BillRow {
  id: number;
  householdId: number;
  householdName: string;
  buildingCode: string | null;
  unitNumber: string | null;
  dueDate: string;
  amountFen: number;
  allocatedFen: number;
  voided: boolean;
}

const columns = {
  id: bills.id,
  householdId: bills.householdId,
  householdName: households.name,
  buildingCode: buildings.code,
  unitNumber: units.number,
  dueDate: bills.dueDate,
  amountFen: sql<number>`${bills.linesFen} + ${bills.adjustmentFen}`,
  allocatedFen: bills.allocatedFen,
  voided: bills.voided,
};

/** The company's building ids grouped by code, in the list's order (or the one building asked for). */
async function codeGroups(db: DbOrTx, companyId: number, buildingId?: number): Promise<number[][]> {
  const rows = await db
    .select({ id: buildings.id, code: buildings.code })
    .from(buildings)
    .where(and(eq(buildings.companyId, companyId), buildingId ? eq(buildings.id, buildingId) : undefined))
    .orderBy(sql`length(${buildings.code})`, asc(buildings.code), asc(buildings.id));
  const groups: number[][] = [];
  let last: string | null = null;
  for (const r of rows) {
    if (r.code === last) groups.at(-1)!.push(r.id);
    else groups.push([r.id]);
    last = r.code;
  }
  return groups;
}

/** Bills of the households without a placement (none in a registry where every household has a unit). */
async function unplacedBills(db: DbOrTx, companyId: number, where: SQL, limit: number): Promise<BillRow[]> {
  const p = householdPlacements;
  if (await everyHouseholdPlaced(db, companyId)) return [];
  return db
    .select({ ...columns, buildingCode: sql<string | null>`null`, unitNumber: sql<string | null>`null` })
    .from(bills)
    .innerJoin(households, eq(households.id, bills.householdId))
    .where(
      and(
        where,
        notExists(
          db
            .select({ one: sql`1` })
            .from(p)
            .where(eq(p.householdId, bills.householdId)),
        ),
      ),
    )
    .orderBy(asc(bills.id))
    .limit(limit);
}

/** The bills of some buildings in the list's order, read from their households (CROSS JOIN: SQLite keeps this table order). */
async function buildingBills(
  db: DbOrTx,
  companyId: number,
  ids: number[],
  where: SQL,
  limit: number,
): Promise<BillRow[]> {
  const p = householdPlacements;
  return db
    .select(columns)
    .from(p)
    .crossJoin(bills)
    .crossJoin(households)
    .crossJoin(units)
    .crossJoin(buildings)
    .where(
      and(
        eq(p.companyId, companyId),
        inArray(p.buildingId, ids),
        eq(bills.householdId, p.householdId),
        eq(households.id, p.householdId),
        eq(units.id, p.unitId),
        eq(buildings.id, p.buildingId),
        where,
      ),
    )
    .orderBy(
      sql`length(${buildings.code})`,
      asc(buildings.code),
      sql`length(${units.number})`,
      asc(units.number),
      asc(bills.id),
    )
    .limit(limit) as unknown as Promise<BillRow[]>;
}

/** Rows offset … offset + limit of the bills matching `where` (a condition on bills, company and period included). */
export async function billsPage(
  db: DbOrTx,
  companyId: number,
  where: SQL,
  { offset, limit, buildingId }: { offset: number; limit: number; buildingId?: number },
): Promise<BillRow[]> {
  const need = offset + limit;
  const [groups, first] = await Promise.all([
    codeGroups(db, companyId, buildingId),
    buildingId ? Promise.resolve([]) : unplacedBills(db, companyId, where, need),
  ]);
  // Whole codes only: within a code, the bills of its buildings interleave by unit number.
  const out = await readInOrder(groups, need, first, (batch, rest) =>
    buildingBills(db, companyId, batch.flat(), where, rest),
  );
  return out.slice(offset, need);
}
