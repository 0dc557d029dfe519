import { z } from "zod";
import { parseYuan } from "@/lib/billing/rules";
import { isCalendarDate } from "@/lib/time/calendar";
import { idField as id } from "@/lib/validation";

/** Finance field rules, shared by forms, actions and tests. Messages are i18n keys. */
const reason = z
  .string({ error: "validation.required" })
  .trim()
  .min(2, "finance.errors.reason")
  .max(200, "validation.tooLong");
const date = z.string().trim().refine(isCalendarDate, "finance.errors.date");

/** A signed yuan amount ("-10.00" reduces), never zero. */
const signedYuan = z.union([z.string(), z.number()], { error: "validation.required" }).transform((v, ctx) => {
  const text = String(v).trim();
  const negative = text.startsWith("-");
  const fen = parseYuan(negative ? text.slice(1) : text.replace(/^\+/, ""));
  if (fen === null || fen === 0) {
    ctx.addIssue({ code: "custom", message: "finance.errors.amount" });
    return z.NEVER;
  }
  return negative ? -fen : fen;
});

export const journalSchema = z
  .object({
    communityId: z.union([z.literal(""), id]),
    categoryId: id,
    amount: signedYuan,
    occurredOn: date,
    reason,
  })
  .transform(({ amount, communityId, ...v }) => ({
    ...v,
    communityId: communityId === "" ? null : communityId,
    amountFen: amount,
  }));
export type JournalInput = z.output<typeof journalSchema>;

export const reversalSchema = z.object({ entryId: id, occurredOn: date, reason });
export type ReversalInput = z.output<typeof reversalSchema>;

/** A budget cell as typed: "" = 0; otherwise a non-negative yuan amount. */
export function parseBudgetAmount(text: string): number | null {
  const t = text.trim().replace(/,/g, "");
  if (t === "") return 0;
  return parseYuan(t);
}

const cell = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const fen = parseBudgetAmount(String(v));
  if (fen === null) {
    ctx.addIssue({ code: "custom", message: "finance.errors.budgetAmount" });
    return z.NEVER;
  }
  return fen;
});

/** The budget grid of one community and year: per category, 12 months. */
export const budgetGridSchema = z.object({
  communityId: id,
  year: z.coerce.number().int().min(2000).max(2100),
  rows: z.array(z.object({ categoryId: id, months: z.array(cell).length(12) })).max(200),
});
export type BudgetGridInput = z.output<typeof budgetGridSchema>;

export const budgetImportSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  csv: z.string().min(1, "finance.errors.csvEmpty").max(2_000_000, "validation.tooLong"),
});
