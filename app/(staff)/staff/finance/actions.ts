"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { FINANCE_EDIT_ROLES } from "@/lib/finance/access";
import { importBudgetCsv, saveBudgetGrid } from "@/lib/finance/budget";
import { addJournalEntry, reverseEntry } from "@/lib/finance/journal";
import { postFinanceActuals } from "@/lib/finance/ledger";
import { budgetGridSchema, budgetImportSchema, journalSchema, reversalSchema } from "@/lib/finance/schemas";
import { localParts } from "@/lib/time/zone";

const actor = (ctx: { companyId: number; user: { id: number } }) => ({ companyId: ctx.companyId, userId: ctx.user.id });

export const saveBudgetGridAction = authorizedAction(
  { schema: budgetGridSchema, roles: FINANCE_EDIT_ROLES },
  async (input, ctx) => {
    const res = await saveBudgetGrid(ctx.db, actor(ctx), input);
    revalidatePath("/staff/finance", "layout");
    return res;
  },
);

/** Validates the whole CSV; row errors come back as data (nothing written) so the page can list them. */
export const importBudgetAction = authorizedAction(
  { schema: budgetImportSchema, roles: FINANCE_EDIT_ROLES },
  async (input, ctx) => {
    const res = await importBudgetCsv(ctx.db, actor(ctx), input.year, input.csv);
    if (res.ok) revalidatePath("/staff/finance", "layout");
    return res;
  },
);

export const journalAction = authorizedAction(
  { schema: journalSchema, roles: FINANCE_EDIT_ROLES },
  async (input, ctx) => {
    const row = await addJournalEntry(ctx.db, actor(ctx), input);
    revalidatePath("/staff/finance", "layout");
    return { id: row.id };
  },
);

export const reverseAction = authorizedAction(
  { schema: reversalSchema, roles: FINANCE_EDIT_ROLES },
  async (input, ctx) => {
    const row = await reverseEntry(ctx.db, actor(ctx), input);
    revalidatePath("/staff/finance", "layout");
    return { id: row.id };
  },
);

/** Runs the daily posting job for this company now (the same job the cron runs). */
export const postActualsAction = authorizedAction(
  { schema: z.object({}), roles: FINANCE_EDIT_ROLES },
  async (_input, ctx) => {
    const now = new Date();
    const res = await postFinanceActuals(
      ctx.db,
      { id: ctx.companyId, timeZone: ctx.user.timeZone },
      localParts(now, ctx.user.timeZone).date,
      now,
    );
    revalidatePath("/staff/finance", "layout");
    return { n: res.billingIncomeEntries + res.contractIncomeEntries };
  },
);
