"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { recordPersonnelChange } from "@/lib/hr/changes";
import { personnelChangeSchema } from "@/lib/hr/schemas";
import { localParts } from "@/lib/time/zone";

/** Records a personnel change (HR, admin); one dated today or earlier is applied at once. */
export const recordPersonnelChangeAction = authorizedAction(
  { schema: personnelChangeSchema, roles: HR_MANAGE_ROLES },
  async (input, ctx) => {
    const today = localParts(new Date(), ctx.user.timeZone).date;
    const row = await recordPersonnelChange(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, today);
    revalidatePath("/staff/hr/people", "layout");
    return { id: row.id };
  },
);
