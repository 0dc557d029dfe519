import { z } from "zod";
import { LEAVE_TYPES, REQUEST_TYPES } from "@/db/schema/approvals";
import { parseYuan } from "@/lib/billing/rules";
import { MONEY_TYPES, STEP_ROLES, type ChainConfig } from "./rules";
import { isCalendarDate } from "@/lib/time/calendar";
import { idField as id } from "@/lib/validation";

/** Approval field rules, shared by the request form, the actions and the tests. Messages are i18n keys. */
const optionalId = z.union([z.literal(""), z.null(), id]).transform((v) => (v === "" || v === null ? null : v));
const text = (max: number) => z.string().trim().max(max, "validation.tooLong");
const date = z
  .string()
  .trim()
  .refine((v) => v === "" || isCalendarDate(v), "approvals.errors.date");

/** A yuan amount as typed; "" = none. Checked to be > 0 per type below. */
const yuanText = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

export const lineSchema = z.object({
  item: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  quantity: z.coerce
    .number({ error: "approvals.errors.quantity" })
    .int("approvals.errors.quantity")
    .min(1, "approvals.errors.quantity")
    .max(1_000_000, "approvals.errors.quantity"),
  unitPrice: yuanText,
});

/**
 * One request as the form sends it. `total` is what the browser showed for procurement; the
 * server ignores it and sums the lines itself. `submit` false saves a draft.
 */
export const requestSchema = z
  .object({
    id: optionalId.optional(),
    type: z.enum(REQUEST_TYPES, { error: "approvals.errors.type" }),
    communityId: id,
    categoryId: optionalId,
    title: z.string().trim().min(2, "approvals.errors.title").max(100, "validation.tooLong"),
    description: text(2000).optional().default(""),
    amount: yuanText.optional().default(""),
    total: yuanText.optional().default(""),
    lines: z.array(lineSchema).max(50, "validation.tooMany").optional().default([]),
    party: text(100).optional().default(""),
    termFrom: date.optional().default(""),
    termTo: date.optional().default(""),
    receipts: text(500).optional().default(""),
    leaveType: z
      .union([z.literal(""), z.enum(LEAVE_TYPES)])
      .optional()
      .default(""),
    leaveFrom: date.optional().default(""),
    leaveTo: date.optional().default(""),
    submit: z.boolean().default(true),
  })
  .transform((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    let amountFen: number | null = null;
    const lines: { item: string; quantity: number; unitPriceFen: number }[] = [];
    if (v.type === "procurement") {
      if (!v.lines.length) issue(["lines"], "approvals.errors.linesRequired");
      v.lines.forEach((l, i) => {
        const fen = parseYuan(l.unitPrice);
        if (fen === null || fen <= 0) issue(["lines", i, "unitPrice"], "approvals.errors.amount");
        else lines.push({ item: l.item, quantity: l.quantity, unitPriceFen: fen });
      });
      amountFen = lines.reduce((n, l) => n + l.quantity * l.unitPriceFen, 0);
    } else if (MONEY_TYPES.includes(v.type)) {
      const fen = parseYuan(v.amount);
      if (fen === null || fen <= 0) issue(["amount"], "approvals.errors.amount");
      else amountFen = fen;
    }
    if (MONEY_TYPES.includes(v.type) && v.categoryId === null) issue(["categoryId"], "approvals.errors.category");
    if (v.type === "contract") {
      if (!v.party) issue(["party"], "approvals.errors.party");
      if (!v.termFrom) issue(["termFrom"], "approvals.errors.date");
      if (!v.termTo) issue(["termTo"], "approvals.errors.date");
      if (v.termFrom && v.termTo && v.termTo < v.termFrom) issue(["termTo"], "approvals.errors.range");
    }
    if (v.type === "leave") {
      if (!v.leaveType) issue(["leaveType"], "approvals.errors.leaveType");
      if (!v.leaveFrom) issue(["leaveFrom"], "approvals.errors.date");
      if (!v.leaveTo) issue(["leaveTo"], "approvals.errors.date");
      if (v.leaveFrom && v.leaveTo && v.leaveTo < v.leaveFrom) issue(["leaveTo"], "approvals.errors.range");
    }
    const details: Record<string, string | number | null> =
      v.type === "contract"
        ? { party: v.party, termFrom: v.termFrom, termTo: v.termTo }
        : v.type === "expense"
          ? { receipts: v.receipts }
          : v.type === "leave"
            ? { leaveType: v.leaveType }
            : {};
    return {
      id: v.id ?? null,
      type: v.type,
      communityId: v.communityId,
      categoryId: MONEY_TYPES.includes(v.type) ? v.categoryId : null,
      title: v.title,
      description: v.description,
      amountFen,
      lines: v.type === "procurement" ? lines : [],
      details,
      leaveFrom: v.type === "leave" ? v.leaveFrom : null,
      leaveTo: v.type === "leave" ? v.leaveTo : null,
      submit: v.submit,
    };
  });
export type RequestInput = z.output<typeof requestSchema>;

export const DECISIONS = ["approve", "reject", "return"] as const;
export const decisionSchema = z
  .object({
    requestId: id,
    /** The step the person saw; a decision for another step (out of turn, stale page) is refused. */
    position: z.coerce.number().int().min(0),
    decision: z.enum(DECISIONS),
    comment: z.string().trim().max(500, "validation.tooLong"),
  })
  .refine((v) => v.decision === "approve" || v.comment.length >= 2, {
    path: ["comment"],
    message: "approvals.errors.comment",
  });
export type DecisionInput = z.output<typeof decisionSchema>;

export const withdrawSchema = z.object({
  requestId: id,
  comment: z.string().trim().max(500, "validation.tooLong").default(""),
});

/** The admin's chain settings: per type, ascending limits (yuan), the last one open; roles from STEP_ROLES. */
const tierSchema = z.object({
  max: z.union([z.literal(""), z.null(), yuanText]),
  roles: z.array(z.enum(STEP_ROLES)).min(1, "approvals.errors.tierRoles"),
});
const typeChainSchema = z.object({ tiers: z.array(tierSchema).min(1).max(6), financeReview: z.boolean() });
export const chainConfigSchema = z
  .object(
    Object.fromEntries(REQUEST_TYPES.map((t) => [t, typeChainSchema])) as Record<
      (typeof REQUEST_TYPES)[number],
      typeof typeChainSchema
    >,
  )
  .transform((v, ctx) => {
    const out = {} as ChainConfig;
    for (const type of REQUEST_TYPES) {
      let last = 0;
      out[type] = {
        financeReview: v[type].financeReview,
        tiers: v[type].tiers.map((t, i) => {
          const isLast = i === v[type].tiers.length - 1;
          const raw = t.max === null ? "" : String(t.max);
          if (isLast) {
            if (raw !== "")
              ctx.addIssue({
                code: "custom",
                path: [type, "tiers", i, "max"],
                message: "approvals.errors.lastTierOpen",
              });
            return { maxFen: null, roles: [...new Set(t.roles)] };
          }
          const fen = parseYuan(raw);
          if (fen === null || fen <= last)
            ctx.addIssue({ code: "custom", path: [type, "tiers", i, "max"], message: "approvals.errors.tierOrder" });
          last = fen ?? last;
          return { maxFen: fen ?? 0, roles: [...new Set(t.roles)] };
        }),
      };
    }
    return out;
  });
