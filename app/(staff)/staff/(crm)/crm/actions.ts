"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { addCorrection, currentDraft, discardDraft, publishDraft, saveDraft } from "@/lib/crm/rulesets/commands";
import { startWhatIf, whatIfBusyFor, whatIfState } from "@/lib/crm/rulesets/whatif-run";
import { correctionSchema } from "@/lib/crm/ledger/schemas";
import { crmRulesSchema } from "@/lib/crm/rulesets/schemas";
import { legalConfirmationSchema } from "@/lib/crm/disputes/schemas";
import { saveLegalConfirmation } from "@/lib/crm/legal/letters";
import { formAction } from "@/lib/actions/form-action";
import { z } from "zod";

const ADMIN = ["admin"] as const;

/** A what-if start as the page sees it: the job's state, or a translated "busy" refusal. */
function previewJob(outcome: ReturnType<typeof startWhatIf>) {
  if (outcome.outcome === "busy") throw new AppError("conflict", "crm.rules.whatif.busy");
  return outcome.state;
}

/**
 * Saves the draft and starts its what-if preview in the background; the page polls
 * `whatIfStatusAction` for progress and the result. Bad input: field errors, nothing written;
 * while a preview of another draft runs: refused, nothing written.
 */
export const saveDraftAction = authorizedAction({ schema: crmRulesSchema, roles: ADMIN }, async (rules, ctx) => {
  if (whatIfBusyFor(ctx.companyId, rules)) throw new AppError("conflict", "crm.rules.whatif.busy");
  await saveDraft(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, rules);
  revalidatePath("/staff/crm/rules");
  return previewJob(startWhatIf(ctx.db, ctx.companyId, rules));
});

/** Starts (or joins) the saved draft's what-if preview; null when there is no draft. */
export const whatIfStartAction = authorizedAction({ schema: z.object({}), roles: ADMIN }, async (_input, ctx) => {
  const draft = await currentDraft(ctx.db, ctx.companyId);
  return draft ? previewJob(startWhatIf(ctx.db, ctx.companyId, draft.rules)) : null;
});

/** The company's what-if preview: progress while it runs, then the result. */
export const whatIfStatusAction = authorizedAction({ schema: z.object({}), roles: ADMIN }, async (_input, ctx) =>
  whatIfState(ctx.companyId),
);

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
