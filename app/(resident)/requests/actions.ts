"use server";

import { revalidatePath } from "next/cache";
import * as orders from "@/lib/tickets/commands";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { confirmSchema, reasonSchema, residentRequestSchema } from "@/lib/tickets/schemas";
import { submitResidentRequest } from "@/lib/tickets/submit";

/** Resident actions: the commands check the household link (another household's order → not_found). */
const actor = (ctx: {
  companyId: number;
  user: { id: number };
  roles: readonly import("@/lib/auth/roles").Role[];
}) => ({
  companyId: ctx.companyId,
  userId: ctx.user.id,
  roles: ctx.roles,
});
const refresh = () => revalidatePath("/requests", "layout");

export const submitRequestAction = formAction(
  { schema: residentRequestSchema, roles: ["resident"] },
  async (input, ctx, fd) => {
    const o = await submitResidentRequest(ctx.db, actor(ctx), input, filesOf(fd));
    refresh();
    return { id: o.id };
  },
);

export const confirmRequestAction = formAction({ schema: confirmSchema, roles: ["resident"] }, async (input, ctx) => {
  await orders.confirmOrder(ctx.db, actor(ctx), input);
  refresh();
  return null;
});

/** A resident reopening: only its own order (the command checks), never with staff powers. */
export const reopenRequestAction = formAction({ schema: reasonSchema, roles: ["resident"] }, async (input, ctx) => {
  await orders.reopenOrder(ctx.db, { ...actor(ctx), roles: ["resident"] }, input);
  refresh();
  return null;
});

export const cancelRequestAction = formAction({ schema: reasonSchema, roles: ["resident"] }, async (input, ctx) => {
  await orders.cancelOrder(ctx.db, { ...actor(ctx), roles: ["resident"] }, input);
  refresh();
  return null;
});
