"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { addCorrection, discardDraft, publishDraft, saveDraft, whatIfPreview } from "@/lib/crm/rulesets/commands";
import { correctionSchema } from "@/lib/crm/ledger/schemas";
import { crmRulesSchema } from "@/lib/crm/rulesets/schemas";
import { legalConfirmationSchema } from "@/lib/crm/disputes/schemas";
import { saveLegalConfirmation } from "@/lib/crm/legal/letters";
import { formAction } from "@/lib/actions/form-action";
import { z } from "zod";

const ADMIN = ["admin"] as const;

/** Saves the draft and returns its what-if preview (bad input: field errors, nothing written). */
export const saveDraftAction = authorizedAction({ schema: crmRulesSchema, roles: ADMIN }, async (rules, ctx) => {
  await saveDraft(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, rules);
  const preview = await whatIfPreview(ctx.db, ctx.companyId, rules);
  revalidatePath("/staff/crm/rules");
  return preview;
});

export const publishDraftAction = authorizedAction({ schema: z.object({}), roles: ADMIN }, async (_input, ctx) => {
  const res = await publishDraft(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id });
  revalidatePath("/staff/crm", "layout");
  return res;
});

export const discardDraftAction = authorizedAction({ schema: z.object({}), roles: ADMIN }, async (_input, ctx) => {
  await discardDraft(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id });
  revalidatePath("/staff/crm/rules");
  return null;
});

export const correctionAction = formAction({ schema: correctionSchema, roles: ADMIN }, async (input, ctx) => {
  await addCorrection(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
  revalidatePath(`/staff/crm/households/${input.householdId}`);
  return null;
});

/** The company's due-process setting: lawyer's letters wait for legal's confirmation (audited). */
export const legalConfirmationAction = formAction(
  { schema: legalConfirmationSchema, roles: ADMIN },
  async (input, ctx) => {
    await saveLegalConfirmation(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input.legalConfirmation);
    revalidatePath("/staff/crm/rules");
    return null;
  },
);
