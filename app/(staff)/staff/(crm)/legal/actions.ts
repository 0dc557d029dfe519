"use server";

import { revalidatePath } from "next/cache";
import type { ActionContext } from "@/lib/actions/authorized-action";
import { followUpSchema, moveCaseSchema } from "@/lib/crm/arrears/schemas";
import { createLegalFollowUp, LEGAL_EDIT_ROLES, moveLegalCase } from "@/lib/crm/legal/cases";
import { formAction } from "@/lib/actions/form-action";
import { LETTER_CONFIRM_ROLES } from "@/lib/crm/disputes/access";
import { confirmLetterSchema } from "@/lib/crm/disputes/schemas";
import { confirmLetter } from "@/lib/crm/legal/letters";

/** Legal-case actions: schema → session → role (legal, admin) → company; the case must be visible; transitions checked on the server. */
const actor = (ctx: ActionContext) => ({ companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles });

export const moveCaseAction = formAction({ schema: moveCaseSchema, roles: LEGAL_EDIT_ROLES }, async (input, ctx) => {
  const r = await moveLegalCase(ctx.db, actor(ctx), input);
  revalidatePath("/staff/legal", "layout");
  return r;
});

export const followUpAction = formAction({ schema: followUpSchema, roles: LEGAL_EDIT_ROLES }, async (input, ctx) => {
  const r = await createLegalFollowUp(ctx.db, actor(ctx), input);
  revalidatePath("/staff/legal", "layout");
  return r;
});

/** Legal confirms a withheld lawyer's letter: sent to the residents once (a second click sends nothing). */
export const confirmLetterAction = formAction(
  { schema: confirmLetterSchema, roles: LETTER_CONFIRM_ROLES },
  async (input, ctx) => {
    const r = await confirmLetter(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    revalidatePath("/staff/legal", "layout");
    return { id: r.id };
  },
);
