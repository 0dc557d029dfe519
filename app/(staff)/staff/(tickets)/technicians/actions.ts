"use server";

import { revalidatePath } from "next/cache";
import { setSkills } from "@/lib/tickets/catalog";
import { formAction } from "@/lib/actions/form-action";
import { skillsSchema } from "@/lib/tickets/schemas";

export const setSkillsAction = formAction(
  { schema: skillsSchema, roles: ["admin", "project_manager"], arrays: ["categories"] },
  async (input, ctx) => {
    await setSkills(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/technicians");
    return null;
  },
);
