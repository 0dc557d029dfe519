import { and, asc, countDistinct, eq, inArray, isNull } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communities,
  householdUnits,
  households,
  unitButlers,
  units,
  users,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbOrTx } from "@/lib/db/client";
import { assignBuildingButlerTx } from "./commands/assignments";

/**
 * Moving a building to another butler moves every household of it that follows the building's
 * butler (units without a unit-range butler of their own): the page shows how many before the
 * person confirms, and an undo is a new audited move back that only applies while nobody else
 * has moved the building since.
 */

/** Active households per building that follow the building's butler. */
export async function buildingMoveSizes(db: DbOrTx, companyId: number, buildingIds?: readonly number[]) {
  const rows = await db
    .select({ buildingId: units.buildingId, n: countDistinct(householdUnits.householdId) })
    .from(householdUnits)
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(households, and(eq(households.id, householdUnits.householdId), eq(households.active, true)))
    .leftJoin(unitButlers, eq(unitButlers.unitId, units.id))
    .where(
      and(
        eq(householdUnits.companyId, companyId),
        isNull(unitButlers.unitId),
        buildingIds ? inArray(units.buildingId, [...buildingIds]) : undefined,
      ),
    )
    .groupBy(units.buildingId);
  return new Map(rows.map((r) => [r.buildingId, r.n]));
}

/** Every active building of the company (or of the given communities) with its butler and move size. */
export async function listBuildingButlers(db: DbOrTx, companyId: number, communityIds?: readonly number[]) {
  const rows = await db
    .select({
      id: buildings.id,
      code: buildings.code,
      name: buildings.name,
      communityId: communities.id,
      communityName: communities.name,
      butlerId: buildingButlers.butlerUserId,
      butlerName: users.name,
    })
    .from(buildings)
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .leftJoin(buildingButlers, eq(buildingButlers.buildingId, buildings.id))
    .leftJoin(users, eq(users.id, buildingButlers.butlerUserId))
    .where(
      and(
        eq(buildings.companyId, companyId),
        eq(buildings.active, true),
        communityIds ? inArray(buildings.communityId, [...communityIds]) : undefined,
      ),
    )
    .orderBy(asc(communities.name), asc(buildings.code));
  const sizes = await buildingMoveSizes(
    db,
    companyId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, households: sizes.get(r.id) ?? 0 }));
}

/**
 * Gives a building to a butler (null: nobody), audited; with `expectedButlerUserId` (an undo,
 * or a confirm made on what the page showed) it refuses when the building's butler is no longer
 * that person. Returns how many households moved and who had the building before.
 */
export async function moveBuildingButler(
  db: Db,
  actor: Actor,
  input: { buildingId: number; butlerUserId: number | null; expectedButlerUserId?: number | null },
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ butlerUserId: buildingButlers.butlerUserId })
      .from(buildingButlers)
      .innerJoin(buildings, eq(buildings.id, buildingButlers.buildingId))
      .where(and(eq(buildings.companyId, actor.companyId), eq(buildingButlers.buildingId, input.buildingId)));
    const previous = before?.butlerUserId ?? null;
    if (input.expectedButlerUserId !== undefined && input.expectedButlerUserId !== previous)
      throw new AppError("conflict", "errors.buildingMoved");
    await assignBuildingButlerTx(tx, actor, input.buildingId, input.butlerUserId);
    const moved =
      previous === input.butlerUserId
        ? 0
        : ((await buildingMoveSizes(tx, actor.companyId, [input.buildingId])).get(input.buildingId) ?? 0);
    return { moved, previous };
  });
}
