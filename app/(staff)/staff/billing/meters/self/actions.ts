"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { BILLING_SETTINGS_ROLES, METER_REVIEW_ROLES } from "@/lib/billing/access";
import { reviewReadingSchema, selfReadWindowSchema } from "@/lib/billing/meter-schemas";
import { reviewSelfReading, saveSelfReadWindow } from "@/lib/billing/self-readings";

/** Residents' self-readings (issue 19 point 5): approve or reject (with a reason), and the window. */
export const reviewReadingAction = formAction(
  { schema: reviewReadingSchema, roles: METER_REVIEW_ROLES },
  async (input, ctx) => {
    const row = await reviewSelfReading(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/billing/meters/self");
    return row;
  },
);

export const selfReadWindowAction = formAction(
  { schema: selfReadWindowSchema, roles: BILLING_SETTINGS_ROLES },
  async (input, ctx) => {
    await saveSelfReadWindow(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/billing/meters/self");
    return null;
  },
);
