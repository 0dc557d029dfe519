import { and, eq } from "drizzle-orm";
import { buildings, householdUnits, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { canAssignInCommunity, canEditCommunity } from "./access";
import { loadRegistryFacts } from "./view";

interface Ctx {
  db: DbOrTx;
  companyId: number;
  user: { id: number };
  roles: readonly Role[];
}

/** The community a building / unit / household belongs to (company-scoped), or not_found. */
export async function communityOf(
  db: DbOrTx,
  companyId: number,
  ref: { buildingId?: number; unitId?: number; householdId?: number },
) {
  let row: { communityId: number } | undefined;
  if (ref.buildingId !== undefined)
    [row] = await db
      .select({ communityId: buildings.communityId })
      .from(buildings)
      .where(and(eq(buildings.companyId, companyId), eq(buildings.id, ref.buildingId)));
  else if (ref.unitId !== undefined)
    [row] = await db
      .select({ communityId: buildings.communityId })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(and(eq(units.companyId, companyId), eq(units.id, ref.unitId)));
  else if (ref.householdId !== undefined)
    [row] = await db
      .select({ communityId: buildings.communityId })
      .from(householdUnits)
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(and(eq(householdUnits.companyId, companyId), eq(householdUnits.householdId, ref.householdId)))
      .limit(1);
  if (!row) throw new AppError("not_found");
  return row.communityId;
}

/** Throws forbidden unless the user may edit the registry of that community. */
export async function assertCanEdit(ctx: Ctx, communityId: number) {
  const facts = await loadRegistryFacts(ctx.db, ctx.companyId, ctx.user.id);
  if (!canEditCommunity(ctx.roles, communityId, facts.managedCommunityIds)) throw new AppError("forbidden");
}

/** Throws forbidden unless the user may make assignments in that community. */
export async function assertCanAssign(ctx: Ctx, communityId: number) {
  const facts = await loadRegistryFacts(ctx.db, ctx.companyId, ctx.user.id);
  if (!canAssignInCommunity(ctx.roles, communityId, facts.managedCommunityIds)) throw new AppError("forbidden");
}
