"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { recordVisitSchema } from "@/lib/crm/visits/schemas";
import { VISIT_REPORT_ROLES } from "@/lib/crm/visits/access";
import { recordVisit } from "@/lib/crm/visits/record";

/** The butler's visit record; the command checks the viewer can see the visit order and is its assignee (or managing staff). */
export const recordVisitAction = authorizedAction(
  { schema: recordVisitSchema, roles: VISIT_REPORT_ROLES },
  async (input, ctx) => {
    const res = await recordVisit(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles }, input);
    revalidatePath("/staff/crm/visits", "layout");
    revalidatePath("/staff/orders", "layout");
    return res;
  },
);
