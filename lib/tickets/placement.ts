import { and, eq, isNull } from "drizzle-orm";
import { householdUnits, households, residentLinks } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";

/** Where a household lives (its main unit and community), or not_found in this company. */
export async function placeHousehold(db: DbOrTx, companyId: number, householdId: number) {
  const p = householdPlacementSubquery(db, companyId, [householdId]);
  const [row] = await db
    .select({ id: households.id, unitId: p.unitId, communityId: p.communityId })
    .from(households)
    .leftJoin(p, eq(p.householdId, households.id))
    .where(and(eq(households.companyId, companyId), eq(households.id, householdId), eq(households.active, true)));
  if (!row) throw new AppError("not_found");
  return row;
}

/** A resident's request: only for a unit of one of its own approved households (else not_found, nothing written). */
export async function residentUnitHousehold(db: DbOrTx, companyId: number, userId: number, unitId: number) {
  const p = householdPlacementSubquery(db, companyId);
  const [row] = await db
    .select({ householdId: residentLinks.householdId, communityId: p.communityId })
    .from(residentLinks)
    .innerJoin(
      households,
      and(
        eq(households.id, residentLinks.householdId),
        eq(households.companyId, companyId),
        eq(households.active, true),
      ),
    )
    .innerJoin(
      householdUnits,
      and(
        eq(householdUnits.householdId, residentLinks.householdId),
        eq(householdUnits.unitId, unitId),
        isNull(householdUnits.toDate),
      ),
    )
    .leftJoin(p, eq(p.householdId, residentLinks.householdId))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        eq(residentLinks.status, "approved"),
      ),
    );
  if (!row) throw new AppError("not_found");
  return row;
}
