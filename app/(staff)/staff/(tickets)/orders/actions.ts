"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import type { ActionContext } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView } from "@/lib/registry/view";
import {
  canSeeOrder,
  EMERGENCY_ROLES,
  INTAKE_ROLES,
  loadOrderScope,
  ORDER_STAFF_ROLES,
  TRIAGE_ROLES,
} from "@/lib/tickets/access";
import { triageComplaint } from "@/lib/flows/triage-complaint";
import * as orders from "@/lib/tickets/commands";
import { redispatchOrder } from "@/lib/tickets/dispatch";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { acceptOrders } from "@/lib/tickets/bulk";
import { ASSIGN_ROLES, assignOrders } from "@/lib/tickets/assign";
import {
  bulkAcceptSchema,
  bulkOrdersSchema,
  commentSchema,
  emergencySchema,
  intakeSchema,
  orderIdSchema,
  reasonSchema,
  resolveSchema,
  triageSchema,
} from "@/lib/tickets/schemas";
import { intakeOrder, reportEmergency, resolveWithPhotos } from "@/lib/tickets/submit";

/**
 * Staff work-order actions, each built with formAction (= authorizedAction on FormData):
 * schema → session → role → company. The order must be visible to the user (else
 * not_found); the commands check the rest (only a dispatched person accepts; the
 * transition table).
 */
const actor = (ctx: ActionContext) => ({ companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles });
const refresh = (id?: number) => {
  revalidatePath("/staff/orders", "layout");
  if (id) revalidatePath(`/requests/${id}`);
};

async function assertVisible(ctx: ActionContext, id: number) {
  const scope = await loadOrderScope(ctx.db, ctx.companyId, { id: ctx.user.id, roles: ctx.roles });
  if (!(await canSeeOrder(ctx.db, ctx.companyId, scope, id))) throw new AppError("not_found");
}

export const triageAction = formAction({ schema: triageSchema, roles: TRIAGE_ROLES }, async (input, ctx) => {
  await assertVisible(ctx, input.id);
  await triageComplaint(ctx.db, actor(ctx), input);
  refresh(input.id);
  return null;
});

/** No visibility check first: the command answers not-found to anyone who cannot see the order, forbidden to one who can but was not dispatched. */
export const acceptAction = formAction({ schema: orderIdSchema, roles: ORDER_STAFF_ROLES }, async ({ id }, ctx) => {
  await orders.acceptOrder(ctx.db, actor(ctx), id);
  refresh(id);
  return null;
});

/** 批量接单: the ticked orders dispatched to me and still waiting; the command's query skips any other id. */
export const bulkAcceptAction = formAction(
  { schema: bulkAcceptSchema, roles: ORDER_STAFF_ROLES, arrays: ["ids"] },
  async ({ ids }, ctx) => {
    await acceptOrders(ctx.db, actor(ctx), ids);
    refresh();
    return null;
  },
);

/** 批量派单 (or accept) from the queue of a supervisor, PM, admin or front desk; the command's query skips ids they may not hand out. */
export const bulkOrdersAction = formAction(
  { schema: bulkOrdersSchema, roles: ASSIGN_ROLES, arrays: ["ids"] },
  async ({ ids, op, userId }, ctx) => {
    if (op === "accept") await acceptOrders(ctx.db, actor(ctx), ids);
    else await assignOrders(ctx.db, actor(ctx), { ids, userId: userId! });
    refresh();
    return null;
  },
);

export const startAction = formAction({ schema: orderIdSchema, roles: ORDER_STAFF_ROLES }, async ({ id }, ctx) => {
  await assertVisible(ctx, id);
  await orders.startOrder(ctx.db, actor(ctx), id);
  refresh(id);
  return null;
});

export const resolveAction = formAction(
  { schema: resolveSchema, roles: ORDER_STAFF_ROLES, arrays: ["checklistDone"] },
  async (input, ctx, fd) => {
    await assertVisible(ctx, input.id);
    await resolveWithPhotos(ctx.db, actor(ctx), input, filesOf(fd));
    refresh(input.id);
    return null;
  },
);

export const redispatchAction = formAction(
  { schema: orderIdSchema, roles: orders.MANAGE_ROLES },
  async ({ id }, ctx) => {
    await assertVisible(ctx, id);
    await redispatchOrder(ctx.db, actor(ctx), id);
    refresh(id);
    return null;
  },
);

export const closeAction = formAction({ schema: orderIdSchema, roles: ORDER_STAFF_ROLES }, async ({ id }, ctx) => {
  await assertVisible(ctx, id);
  await orders.closeOrder(ctx.db, actor(ctx), id);
  refresh(id);
  return null;
});

export const cancelAction = formAction({ schema: reasonSchema, roles: orders.MANAGE_ROLES }, async (input, ctx) => {
  await assertVisible(ctx, input.id);
  await orders.cancelOrder(ctx.db, actor(ctx), input);
  refresh(input.id);
  return null;
});

export const reopenAction = formAction({ schema: reasonSchema, roles: orders.MANAGE_ROLES }, async (input, ctx) => {
  await assertVisible(ctx, input.id);
  await orders.reopenOrder(ctx.db, actor(ctx), input);
  refresh(input.id);
  return null;
});

export const commentAction = formAction({ schema: commentSchema, roles: ORDER_STAFF_ROLES }, async (input, ctx) => {
  await assertVisible(ctx, input.id);
  await orders.addComment(ctx.db, actor(ctx), input.id, input.body);
  refresh(input.id);
  return null;
});

/** Front desk intake (any household); butlers, supervisors and project managers within their scope. */
export const intakeAction = formAction({ schema: intakeSchema, roles: INTAKE_ROLES }, async (input, ctx, fd) => {
  const view = await loadRegistryView(ctx.db, ctx.companyId, { userId: ctx.user.id, roles: ctx.roles });
  if (view.kind !== "all") {
    const p = householdPlacementSubquery(ctx.db, ctx.companyId);
    const [row] = await ctx.db
      .select({ butler: p.butlerUserId, community: p.communityId })
      .from(p)
      .where(eq(p.householdId, input.householdId));
    const ok =
      row && ((row.butler != null && view.butlerIds.includes(row.butler)) || view.communityIds.includes(row.community));
    if (!ok) throw new AppError("not_found");
  }
  const o = await intakeOrder(ctx.db, actor(ctx), input, filesOf(fd));
  refresh();
  return { id: o.id };
});

export const emergencyAction = formAction({ schema: emergencySchema, roles: EMERGENCY_ROLES }, async (input, ctx) => {
  const o = await reportEmergency(ctx.db, actor(ctx), input);
  revalidatePath("/staff/emergencies");
  return { id: o.id };
});
