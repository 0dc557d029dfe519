"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { BILLING_ROLES } from "@/lib/billing/access";
import { resolveItemSchema } from "@/lib/billing/reconciliation/schemas";
import { resolveReconciliationItem } from "@/lib/flows/resolve-reconciliation";

/** Finance/admin settles one mismatch of the company's statements (record the payment, or flag); audited. */
export const resolveReconciliationAction = formAction(
  { schema: resolveItemSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    await resolveReconciliationItem(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/billing/reconciliation");
    return null;
  },
);
