"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { ASSIGNMENT_ROLES, REGISTRY_EDIT_ROLES } from "@/lib/registry/access";
import { assignCommunityManager, assignSupervisor, assignUnitRangeButler } from "@/lib/registry/commands/assignments";
import {
  createBuilding,
  createCommunity,
  createUnit,
  setActive,
  updateBuilding,
  updateCommunity,
  updateUnit,
} from "@/lib/registry/commands/estate";
import { createHousehold, updateHousehold } from "@/lib/registry/commands/households";
import { moveBuildingButler } from "@/lib/registry/building-moves";
import { assertCanAssign, assertCanEdit, communityOf } from "@/lib/registry/guards";
import {
  activeSchema,
  buildingMoveSchema,
  buildingSchema,
  communityManagerSchema,
  communitySchema,
  householdSchema,
  supervisorSchema,
  unitRangeButlerSchema,
  unitSchema,
  communityUpdateSchema,
  buildingUpdateSchema,
  unitUpdateSchema,
  householdUpdateSchema,
} from "@/lib/registry/schemas";

/**
 * Registry actions. Each checks the role list, then — for project managers — that the
 * row's community is theirs (assertCanEdit / assertCanAssign), and every command scopes
 * its queries to the company.
 */
const actor = (ctx: { companyId: number; user: { id: number } }) => ({ companyId: ctx.companyId, userId: ctx.user.id });
const refresh = () => revalidatePath("/staff/registry", "layout");

export const createCommunityAction = authorizedAction(
  { schema: communitySchema, roles: ["admin", "front_desk"] },
  async (input, ctx) => {
    const row = await createCommunity(ctx.db, actor(ctx), input);
    refresh();
    return { id: row.id };
  },
);

export const updateCommunityAction = authorizedAction(
  { schema: communityUpdateSchema, roles: REGISTRY_EDIT_ROLES },
  async ({ id, ...input }, ctx) => {
    await assertCanEdit(ctx, id);
    await updateCommunity(ctx.db, actor(ctx), id, input);
    refresh();
    return null;
  },
);

export const createBuildingAction = authorizedAction(
  { schema: buildingSchema, roles: REGISTRY_EDIT_ROLES },
  async (input, ctx) => {
    await assertCanEdit(ctx, input.communityId);
    const row = await createBuilding(ctx.db, actor(ctx), input);
    refresh();
    return { id: row.id };
  },
);

export const updateBuildingAction = authorizedAction(
  { schema: buildingUpdateSchema, roles: REGISTRY_EDIT_ROLES },
  async ({ id, ...input }, ctx) => {
    await assertCanEdit(ctx, await communityOf(ctx.db, ctx.companyId, { buildingId: id }));
    await updateBuilding(ctx.db, actor(ctx), id, input);
    refresh();
    return null;
  },
);

export const createUnitAction = authorizedAction(
  { schema: unitSchema, roles: REGISTRY_EDIT_ROLES },
  async (input, ctx) => {
    await assertCanEdit(ctx, await communityOf(ctx.db, ctx.companyId, { buildingId: input.buildingId }));
    const row = await createUnit(ctx.db, actor(ctx), input);
    refresh();
    return { id: row.id };
  },
);

export const updateUnitAction = authorizedAction(
  { schema: unitUpdateSchema, roles: REGISTRY_EDIT_ROLES },
  async ({ id, ...input }, ctx) => {
    await assertCanEdit(ctx, await communityOf(ctx.db, ctx.companyId, { unitId: id }));
    await updateUnit(ctx.db, actor(ctx), id, input);
    refresh();
    return null;
  },
);

export const setActiveAction = authorizedAction(
  { schema: activeSchema, roles: REGISTRY_EDIT_ROLES },
  async ({ entity, id, active }, ctx) => {
    const communityId =
      entity === "community"
        ? id
        : entity === "building"
          ? await communityOf(ctx.db, ctx.companyId, { buildingId: id })
          : entity === "unit"
            ? await communityOf(ctx.db, ctx.companyId, { unitId: id })
            : await communityOf(ctx.db, ctx.companyId, { householdId: id }).catch(() => null);
    if (communityId !== null) await assertCanEdit(ctx, communityId);
    else if (!ctx.roles.some((r) => r === "admin" || r === "front_desk")) throw new AppError("forbidden");
    await setActive(ctx.db, actor(ctx), entity, id, active);
    refresh();
    return null;
  },
);

export const createHouseholdAction = authorizedAction(
  { schema: householdSchema, roles: REGISTRY_EDIT_ROLES },
  async (input, ctx) => {
    await assertCanEdit(ctx, await communityOf(ctx.db, ctx.companyId, { unitId: input.unitIds[0] }));
    const row = await createHousehold(ctx.db, actor(ctx), input);
    refresh();
    return { id: row.id };
  },
);

export const updateHouseholdAction = authorizedAction(
  { schema: householdUpdateSchema, roles: REGISTRY_EDIT_ROLES },
  async ({ id, ...input }, ctx) => {
    await assertCanEdit(ctx, await communityOf(ctx.db, ctx.companyId, { householdId: id }));
    await updateHousehold(ctx.db, actor(ctx), id, input);
    refresh();
    return null;
  },
);

/** Moves a building (and the households following it) to a butler; the page confirms first and offers an undo. */
export const assignBuildingButlerAction = authorizedAction(
  { schema: buildingMoveSchema, roles: ASSIGNMENT_ROLES },
  async (input, ctx) => {
    await assertCanAssign(ctx, await communityOf(ctx.db, ctx.companyId, { buildingId: input.buildingId }));
    const result = await moveBuildingButler(ctx.db, actor(ctx), input);
    refresh();
    return result;
  },
);

export const assignUnitRangeButlerAction = authorizedAction(
  { schema: unitRangeButlerSchema, roles: ASSIGNMENT_ROLES },
  async (input, ctx) => {
    await assertCanAssign(ctx, await communityOf(ctx.db, ctx.companyId, { buildingId: input.buildingId }));
    const result = await assignUnitRangeButler(
      ctx.db,
      actor(ctx),
      input.buildingId,
      input.from,
      input.to,
      input.butlerUserId,
    );
    refresh();
    return result;
  },
);

export const assignSupervisorAction = authorizedAction(
  { schema: supervisorSchema, roles: ["admin"] },
  async (input, ctx) => {
    await assignSupervisor(ctx.db, actor(ctx), input.butlerUserId, input.supervisorUserId);
    refresh();
    return null;
  },
);

export const assignCommunityManagerAction = authorizedAction(
  { schema: communityManagerSchema, roles: ["admin"] },
  async (input, ctx) => {
    await assignCommunityManager(ctx.db, actor(ctx), input.communityId, input.managerUserId);
    refresh();
    return null;
  },
);
