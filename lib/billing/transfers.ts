import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { buildings, communities, householdUnits, units } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export interface TransferParties {
  unitLabel: string;
  date: string;
  sellerId: number;
  buyerId: number;
}

/**
 * The two parties of the transfer of `unitId` on `date`: the holding that ended that day and
 * the one that began. Tenant-scoped; null when no such transfer exists in the company.
 */
export async function transferParties(
  db: DbOrTx,
  companyId: number,
  unitId: number,
  date: string,
): Promise<TransferParties | null> {
  const [row] = await db
    .select({
      sellerId: sql<
        number | null
      >`(select x.household_id from household_units x where x.unit_id = ${unitId} and x.company_id = ${companyId} and x.to_date = ${date})`,
      buyerId: householdUnits.householdId,
      communityName: communities.name,
      buildingCode: buildings.code,
      number: units.number,
    })
    .from(householdUnits)
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .where(
      and(
        eq(householdUnits.companyId, companyId),
        eq(householdUnits.unitId, unitId),
        eq(householdUnits.fromDate, date),
      ),
    );
  if (!row || row.sellerId == null) return null;
  return {
    unitLabel: `${row.communityName} ${row.buildingCode}-${row.number}`,
    date,
    sellerId: Number(row.sellerId),
    buyerId: row.buyerId,
  };
}
