import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { buildings, units } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { listFreeUnits } from "./households";

/** The unit choices for the household form: the community's free units plus the ones the household holds. */
export async function unitOptions(db: DbOrTx, companyId: number, communityId: number, heldUnitIds: number[] = []) {
  const [free, held] = await Promise.all([
    listFreeUnits(db, companyId, communityId),
    heldUnitIds.length
      ? db
          .select({
            id: units.id,
            number: units.number,
            type: units.type,
            buildingCode: buildings.code,
            buildingName: buildings.name,
          })
          .from(units)
          .innerJoin(buildings, eq(buildings.id, units.buildingId))
          .where(and(eq(units.companyId, companyId), inArray(units.id, heldUnitIds)))
          .orderBy(sql`length(${units.number})`, asc(units.number))
      : Promise.resolve([]),
  ]);
  return [...held, ...free].map((u) => ({ id: u.id, label: `${u.buildingCode}-${u.number}`, type: u.type }));
}
