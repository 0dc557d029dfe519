"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { CLEANING_ROLES, PATROL_ROLES } from "@/lib/auth/roles";
import { completeTask } from "@/lib/field/cleaning";
import { reportAnomaly } from "@/lib/field/anomaly";
import { addHandover, recordScan } from "@/lib/field/patrol";
import { anomalySchema, handoverSchema, scanSchema, taskDoneSchema } from "@/lib/field/schemas";

/**
 * Field actions (issue 19). Each is built with the authorized builders (schema → session → role
 * → company); the commands scope every row to the company and to the acting cleaner or guard.
 */

export const completeTaskAction = formAction(
  { schema: taskDoneSchema, roles: CLEANING_ROLES },
  async (input, ctx, fd) => {
    const row = await completeTask(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, filesOf(fd));
    revalidatePath("/staff/field/cleaning");
    return row;
  },
);

export const scanAction = authorizedAction({ schema: scanSchema, roles: PATROL_ROLES }, async (input, ctx) => {
  const result = await recordScan(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
  revalidatePath(`/staff/field/patrol/${input.roundId}`);
  return result;
});

export const handoverAction = formAction({ schema: handoverSchema, roles: PATROL_ROLES }, async (input, ctx) => {
  const row = await addHandover(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
  revalidatePath("/staff/field/patrol");
  return row;
});

export const anomalyAction = formAction({ schema: anomalySchema, roles: PATROL_ROLES }, async (input, ctx, fd) => {
  const order = await reportAnomaly(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, filesOf(fd));
  revalidatePath("/staff/orders", "layout");
  return order;
});
