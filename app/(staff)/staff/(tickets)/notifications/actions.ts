"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markAllRead, markRead } from "@/lib/tickets/catalog";
import { formAction } from "@/lib/actions/form-action";
import { idField } from "@/lib/validation";
import { authorizedAction } from "@/lib/actions/authorized-action";

/** Marks the caller's own inbox read (any member: staff or resident). */
export const markAllReadAction = formAction({ schema: z.object({}), roles: [] }, async (_input, ctx) => {
  await markAllRead(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id });
  revalidatePath("/", "layout");
  return null;
});

/** Marks one of the caller's notifications read when it is opened. */
export const markReadAction = authorizedAction(
  { schema: z.object({ id: idField }), roles: [] },
  async ({ id }, ctx) => {
    await markRead(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, id);
    revalidatePath("/", "layout");
    return null;
  },
);
