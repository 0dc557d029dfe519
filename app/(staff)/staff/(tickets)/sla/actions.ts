"use server";

import { revalidatePath } from "next/cache";
import { setSla } from "@/lib/tickets/catalog";
import { formAction } from "@/lib/actions/form-action";
import { slaSchema } from "@/lib/tickets/schemas";

export const setSlaAction = formAction({ schema: slaSchema, roles: ["admin"] }, async (input, ctx) => {
  await setSla(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
  revalidatePath("/staff/sla");
  return null;
});
