"use server";

import { revalidatePath } from "next/cache";
import { EQUIPMENT_EDIT_ROLES } from "@/lib/tickets/access";
import { createEquipment, createPlan } from "@/lib/tickets/catalog";
import { formAction } from "@/lib/actions/form-action";
import { equipmentSchema, planSchema } from "@/lib/tickets/schemas";

export const createEquipmentAction = formAction(
  { schema: equipmentSchema, roles: EQUIPMENT_EDIT_ROLES },
  async (input, ctx) => {
    const row = await createEquipment(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/equipment");
    return { id: row.id };
  },
);

export const createPlanAction = formAction({ schema: planSchema, roles: EQUIPMENT_EDIT_ROLES }, async (input, ctx) => {
  const row = await createPlan(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
  revalidatePath("/staff/equipment");
  return { id: row.id };
});
