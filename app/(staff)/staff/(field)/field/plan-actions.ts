"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import {
  addCheckpoint,
  changeCheckpoint,
  renameCheckpoint,
  setCleaningAreaActive,
  setPatrolRouteActive,
  updateCleaningArea,
  updatePatrolRoute,
} from "@/lib/field/edit";
import { createCleaningArea, createPatrolRoute } from "@/lib/field/plans";
import {
  activeSchema,
  areaEditSchema,
  areaFormSchema,
  checkpointAddSchema,
  checkpointOpSchema,
  checkpointRenameSchema,
  routeEditSchema,
  routeFormSchema,
} from "@/lib/field/schemas";

/**
 * The supervisor's editing actions for cleaning areas and patrol routes (issue 19 point 1):
 * supervisors, project managers and admins; the commands scope every row to the company and audit.
 */
const roles = FIELD_SUPERVISOR_ROLES;
const actorOf = (ctx: { companyId: number; user: { id: number } }) => ({
  companyId: ctx.companyId,
  userId: ctx.user.id,
});
const AREAS = "/staff/field/areas";
const ROUTES = "/staff/field/routes";

export const createAreaAction = formAction(
  { schema: areaFormSchema, roles, arrays: ["weekdays"] },
  async (input, ctx) => {
    const row = await createCleaningArea(ctx.db, actorOf(ctx), input);
    revalidatePath(AREAS);
    return row;
  },
);

export const updateAreaAction = formAction(
  { schema: areaEditSchema, roles, arrays: ["weekdays"] },
  async (input, ctx) => {
    const row = await updateCleaningArea(ctx.db, actorOf(ctx), input);
    revalidatePath(AREAS, "layout");
    return row;
  },
);

export const areaActiveAction = formAction({ schema: activeSchema, roles }, async (input, ctx) => {
  const row = await setCleaningAreaActive(ctx.db, actorOf(ctx), input);
  revalidatePath(AREAS, "layout");
  return row;
});

export const createRouteAction = formAction({ schema: routeFormSchema, roles }, async (input, ctx) => {
  const row = await createPatrolRoute(ctx.db, actorOf(ctx), input);
  revalidatePath(ROUTES);
  return { id: row.id };
});

export const updateRouteAction = formAction({ schema: routeEditSchema, roles }, async (input, ctx) => {
  const row = await updatePatrolRoute(ctx.db, actorOf(ctx), input);
  revalidatePath(ROUTES, "layout");
  return row;
});

export const routeActiveAction = formAction({ schema: activeSchema, roles }, async (input, ctx) => {
  const row = await setPatrolRouteActive(ctx.db, actorOf(ctx), input);
  revalidatePath(ROUTES, "layout");
  return row;
});

export const addCheckpointAction = formAction({ schema: checkpointAddSchema, roles }, async (input, ctx) => {
  const row = await addCheckpoint(ctx.db, actorOf(ctx), input);
  revalidatePath(ROUTES, "layout");
  return row;
});

export const renameCheckpointAction = formAction({ schema: checkpointRenameSchema, roles }, async (input, ctx) => {
  const row = await renameCheckpoint(ctx.db, actorOf(ctx), input);
  revalidatePath(ROUTES, "layout");
  return row;
});

export const checkpointAction = formAction({ schema: checkpointOpSchema, roles }, async (input, ctx) => {
  const row = await changeCheckpoint(ctx.db, actorOf(ctx), input);
  revalidatePath(ROUTES, "layout");
  return row;
});
