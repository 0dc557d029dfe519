"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { METER_ROUND_ROLES } from "@/lib/billing/access";
import { saveRoundReading } from "@/lib/billing/meter-round";
import { roundReadingSchema } from "@/lib/billing/meter-schemas";

/** 抄表 on the phone (issue 19 point 5): one unit's reading with its meter photo. */
export const roundReadingAction = formAction(
  { schema: roundReadingSchema, roles: METER_ROUND_ROLES },
  async (input, ctx, fd) => {
    const row = await saveRoundReading(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, filesOf(fd));
    revalidatePath("/staff/field/meters");
    return row;
  },
);
