"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { DISPUTE_STAFF_ROLES } from "@/lib/crm/disputes/access";
import { resolveDisputeSchema } from "@/lib/crm/disputes/schemas";
import { resolveDispute } from "@/lib/flows/resolve-dispute";

/** Resolve a dispute: schema → session → role → the dispute must be visible to the viewer (finance: bill disputes only). */
export const resolveDisputeAction = formAction(
  { schema: resolveDisputeSchema, roles: DISPUTE_STAFF_ROLES },
  async (input, ctx) => {
    const r = await resolveDispute(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles }, input);
    revalidatePath("/staff/crm/disputes", "layout");
    return { id: r.id };
  },
);
