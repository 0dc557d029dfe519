import { z } from "zod";

/** Finance settles one mismatch: record the missing payment (through the payment path) or flag it with a reason. */
export const resolveItemSchema = z
  .object({
    itemId: z.coerce.number().int().positive(),
    action: z.enum(["record", "flag"], { error: "validation.required" }),
    reason: z.string().trim().max(200, "validation.tooLong"),
  })
  .refine((v) => v.action === "record" || v.reason !== "", {
    path: ["reason"],
    message: "billing.reconciliation.errors.reason",
  });

export type ResolveItemInput = z.output<typeof resolveItemSchema>;

/** The page's day and provider (search params). */
export const reconciliationDaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  provider: z.enum(["wechatpay", "alipay"]),
});
