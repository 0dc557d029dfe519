"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { admitPass, updateVisitorSettings } from "@/lib/visitors/commands";
import { checkAtGate } from "@/lib/visitors/queries";
import { GATE_ROLES } from "@/lib/visitors/rules";
import { scanPassSchema, visitorSettingsSchema } from "@/lib/visitors/schemas";
import { formAction } from "@/lib/actions/form-action";

/** The gate reads a scanned or typed code: the pass's state and, for the company's own pass, its details. */
export const checkPassAction = authorizedAction({ schema: scanPassSchema, roles: GATE_ROLES }, async (input, ctx) =>
  checkAtGate(ctx.db, ctx.companyId, input.code),
);

/** The gate admits the visitor: one entry logged (who, when) only while the pass is valid (lib/visitors/commands). */
export const admitPassAction = authorizedAction({ schema: scanPassSchema, roles: GATE_ROLES }, async (input, ctx) => {
  const r = await admitPass(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input.code);
  revalidatePath("/staff/gate");
  return r;
});

/** The admin sets how long visitors' names and plates are kept after a pass ends. */
export const visitorSettingsAction = formAction(
  { schema: visitorSettingsSchema, roles: ["admin"] },
  async (input, ctx) => {
    await updateVisitorSettings(ctx.db, ctx.companyId, ctx.user.id, input.retentionDays);
    revalidatePath("/staff/gate");
    return null;
  },
);
