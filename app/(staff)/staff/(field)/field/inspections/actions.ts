"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { inspectSchema, templateSchema } from "@/lib/field/inspection-schemas";
import { saveTemplate, submitInspection } from "@/lib/field/inspections";

/**
 * Quality-inspection actions (issue 19 point 3), for supervisors, project managers and the
 * admin: built on the shared schemas; the commands scope every row to the company.
 */

export const saveTemplateAction = formAction(
  { schema: templateSchema, roles: FIELD_SUPERVISOR_ROLES, arrays: ["label", "maxScore", "team"] },
  async (input, ctx) => {
    const row = await saveTemplate(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/field/inspections");
    return row;
  },
);

/** The phone's submit: scores as JSON in `items`, each item's photos as files `photo-<index>`. */
export const inspectAction = formAction(
  { schema: inspectSchema, roles: FIELD_SUPERVISOR_ROLES },
  async (input, ctx, fd) => {
    const photos = input.items.map((_, i) => filesOf(fd, `photo-${i}`));
    const result = await submitInspection(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, photos);
    revalidatePath("/staff/field/inspections");
    revalidatePath("/staff/orders", "layout");
    return { id: result.id };
  },
);
