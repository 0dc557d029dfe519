"use server";

import { revalidatePath } from "next/cache";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { completeSchema, courseSchema, enrolmentIdSchema, enrolSchema } from "@/lib/hr/schemas";
import { completeEnrolment, createCourse, enrol, markAttended } from "@/lib/hr/training";
import { formAction } from "@/lib/actions/form-action";

/** Training actions: HR and admin; the commands scope every query to the company. */
const actor = (ctx: { companyId: number; user: { id: number } }) => ({ companyId: ctx.companyId, userId: ctx.user.id });
const refresh = () => revalidatePath("/staff/hr", "layout");

export const createCourseAction = formAction({ schema: courseSchema, roles: HR_MANAGE_ROLES }, async (input, ctx) => {
  const row = await createCourse(ctx.db, actor(ctx), input);
  refresh();
  return { id: row.id };
});

export const enrolAction = formAction({ schema: enrolSchema, roles: HR_MANAGE_ROLES }, async (input, ctx) => {
  const row = await enrol(ctx.db, actor(ctx), input);
  refresh();
  return { id: row.id };
});

export const attendAction = formAction({ schema: enrolmentIdSchema, roles: HR_MANAGE_ROLES }, async (input, ctx) => {
  await markAttended(ctx.db, actor(ctx), input.enrolmentId);
  refresh();
  return null;
});

export const completeAction = formAction({ schema: completeSchema, roles: HR_MANAGE_ROLES }, async (input, ctx) => {
  await completeEnrolment(ctx.db, actor(ctx), input);
  refresh();
  return null;
});
