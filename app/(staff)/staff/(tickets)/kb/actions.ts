"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { WORK_ORDER_TYPES } from "@/db/schema/tickets";
import { KB_EDIT_ROLES } from "@/lib/tickets/access";
import { saveArticle } from "@/lib/tickets/catalog";
import { formAction } from "@/lib/actions/form-action";
import { kbArticleSchema } from "@/lib/tickets/schemas";

/** The form posts checkboxes: "public" is "on" when ticked; workOrderTypes repeats. */
const kbFormSchema = kbArticleSchema.extend({
  public: z.preprocess((v) => v === "on" || v === true, z.boolean()),
  workOrderTypes: z.array(z.enum(WORK_ORDER_TYPES)).default([]),
});

export const saveArticleAction = formAction(
  { schema: kbFormSchema, roles: KB_EDIT_ROLES, arrays: ["workOrderTypes"] },
  async (input, ctx) => {
    const row = await saveArticle(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/kb", "layout");
    revalidatePath("/guide", "layout");
    return { id: row.id };
  },
);
