"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { correctAttendance, setShift } from "@/lib/hr/attendance";
import { attendanceCorrectionSchema, shiftSchema } from "@/lib/hr/schemas";

/** HR's correction: a new, audited entry; the command checks the person is the company's staff. */
export const correctAttendanceAction = authorizedAction(
  { schema: attendanceCorrectionSchema, roles: HR_MANAGE_ROLES },
  async (input, ctx) => {
    await correctAttendance(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/hr/attendance");
    return null;
  },
);

/** The company's default shift or a person's override (HR, admin). */
export const setShiftAction = authorizedAction({ schema: shiftSchema, roles: HR_MANAGE_ROLES }, async (input, ctx) => {
  await setShift(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
  revalidatePath("/staff/hr", "layout");
  return null;
});
