"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { createStaffRecord, updateStaffRecord } from "@/lib/hr/commands";
import { staffRecordSchema, staffRecordUpdateSchema } from "@/lib/hr/schemas";

/** Staff-record actions: HR and admin only; the commands scope every query to the company. */
const actor = (ctx: { companyId: number; user: { id: number } }) => ({ companyId: ctx.companyId, userId: ctx.user.id });

export const createStaffRecordAction = authorizedAction(
  { schema: staffRecordSchema, roles: HR_MANAGE_ROLES },
  async (input, ctx) => {
    const row = await createStaffRecord(ctx.db, actor(ctx), input);
    revalidatePath("/staff/hr/people");
    return { id: row.id };
  },
);

export const updateStaffRecordAction = authorizedAction(
  { schema: staffRecordUpdateSchema, roles: HR_MANAGE_ROLES },
  async (input, ctx) => {
    await updateStaffRecord(ctx.db, actor(ctx), input);
    revalidatePath("/staff/hr/people", "layout");
    return null;
  },
);
