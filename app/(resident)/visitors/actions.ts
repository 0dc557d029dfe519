"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { createPass, revokePass } from "@/lib/visitors/commands";
import { createPassSchema, revokePassSchema } from "@/lib/visitors/schemas";

/** A resident makes a pass for one of their own households (checked in createPass). */
export const createPassAction = formAction({ schema: createPassSchema, roles: ["resident"] }, async (input, ctx) => {
  const r = await createPass(
    ctx.db,
    { companyId: ctx.companyId, userId: ctx.user.id, timeZone: ctx.user.timeZone },
    input,
  );
  revalidatePath("/visitors");
  return { id: r.id };
});

/** A resident revokes a pass of their own household while it could still admit someone. */
export const revokePassAction = formAction({ schema: revokePassSchema, roles: ["resident"] }, async (input, ctx) => {
  const r = await revokePass(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input.passId);
  revalidatePath("/visitors");
  return r;
});
