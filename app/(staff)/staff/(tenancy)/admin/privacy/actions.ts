"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { cancelClosure, requestClosure } from "@/lib/privacy/closure";
import { closeCompanySchema, privacySettingsSchema } from "@/lib/privacy/schemas";
import { updatePrivacySettings } from "@/lib/privacy/settings";
import { emptySchema } from "@/lib/tenancy/schemas";

export const savePrivacySettingsAction = formAction(
  { schema: privacySettingsSchema, roles: ["admin"] },
  async (input, ctx) => {
    await updatePrivacySettings(ctx.db, ctx.companyId, ctx.user.id, input);
    revalidatePath("/staff/admin/privacy");
    return null;
  },
);

/** Tenant exit: starts the grace period; the cron purges the company after it. */
export const closeCompanyAction = formAction(
  { schema: closeCompanySchema, roles: ["admin"] },
  async ({ confirmName }, ctx) => {
    await requestClosure(ctx.db, ctx.companyId, ctx.user.id, confirmName);
    revalidatePath("/staff/admin/privacy");
    return null;
  },
);

export const cancelClosureAction = formAction({ schema: emptySchema, roles: ["admin"] }, async (_input, ctx) => {
  await cancelClosure(ctx.db, ctx.companyId, ctx.user.id);
  revalidatePath("/staff/admin/privacy");
  return null;
});
