"use server";

import { revalidatePath } from "next/cache";
import { markAllRead } from "@/lib/tickets/catalog";
import { formAction } from "@/lib/tickets/form-action";
import { z } from "zod";

/** Marks the caller's own inbox read (any member: staff or resident). */
export const markAllReadAction = formAction({ schema: z.object({}), roles: [] }, async (_input, ctx) => {
  await markAllRead(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id });
  revalidatePath("/", "layout");
  return null;
});
