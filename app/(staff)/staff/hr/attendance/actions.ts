"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { correctAttendance } from "@/lib/hr/attendance";
import { attendanceCorrectionSchema } from "@/lib/hr/schemas";

/** HR's correction: a new, audited entry; the command checks the person is the company's staff. */
export const correctAttendanceAction = authorizedAction({ schema: attendanceCorrectionSchema, roles: HR_MANAGE_ROLES }, async (input, ctx) => {
  await correctAttendance(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
  revalidatePath("/staff/hr/attendance");
  return null;
});
