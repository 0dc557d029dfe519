"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { cancelSignup, signUp } from "@/lib/portal/activities";
import { markNoticeRead } from "@/lib/portal/notices";
import { idSchema } from "@/lib/portal/schemas";
import { formAction } from "@/lib/actions/form-action";

/** Records that the resident read an announcement (only one they may see). */
export const markNoticeReadAction = authorizedAction({ schema: idSchema, roles: ["resident"] }, async ({ id }, ctx) => {
  await markNoticeRead(ctx.db, ctx.companyId, ctx.user.id, id, new Date());
  revalidatePath("/", "layout");
  return { id };
});

export const signUpAction = formAction({ schema: idSchema, roles: ["resident"] }, async ({ id }, ctx) => {
  await signUp(ctx.db, ctx.companyId, ctx.user.id, id, new Date());
  revalidatePath(`/community/activities/${id}`);
  return { id };
});

export const cancelSignupAction = formAction({ schema: idSchema, roles: ["resident"] }, async ({ id }, ctx) => {
  await cancelSignup(ctx.db, ctx.companyId, ctx.user.id, id, new Date());
  revalidatePath(`/community/activities/${id}`);
  return { id };
});
