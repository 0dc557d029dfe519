"use server";

import { revalidatePath } from "next/cache";
import { correctAssessment, finaliseAssessment, saveAssessment } from "@/lib/hr/assessments";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { assessmentSchema, correctionSchema, finaliseSchema } from "@/lib/hr/schemas";
import { formAction } from "@/lib/actions/form-action";

/** Assessment actions: HR and admin (the manager's score is entered by them). */
const actor = (ctx: { companyId: number; user: { id: number } }) => ({ companyId: ctx.companyId, userId: ctx.user.id });
const refresh = () => revalidatePath("/staff/hr/assessments", "layout");

export const saveAssessmentAction = formAction(
  { schema: assessmentSchema, roles: HR_MANAGE_ROLES },
  async (input, ctx) => {
    const row = await saveAssessment(ctx.db, actor(ctx), input, ctx.user.timeZone);
    refresh();
    return { id: row.id };
  },
);

export const finaliseAssessmentAction = formAction(
  { schema: finaliseSchema, roles: HR_MANAGE_ROLES },
  async (input, ctx) => {
    await finaliseAssessment(ctx.db, actor(ctx), input.id, ctx.user.timeZone);
    refresh();
    return null;
  },
);

export const correctAssessmentAction = formAction(
  { schema: correctionSchema, roles: HR_MANAGE_ROLES },
  async (input, ctx) => {
    const row = await correctAssessment(ctx.db, actor(ctx), input, ctx.user.timeZone);
    refresh();
    return { id: row.id };
  },
);
