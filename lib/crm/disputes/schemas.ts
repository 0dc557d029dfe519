import { z } from "zod";
import { DISPUTE_SUBJECT_VALUES } from "@/db/schema/crm/disputes";
import { yuanField } from "@/lib/billing/schemas";
import { idField } from "@/lib/validation";

/** Dispute, resolution and letter-confirmation inputs (shared by forms, actions and tests). Messages are i18n keys. */
const reasonField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(2000, "validation.tooLong");

export const fileDisputeSchema = z.object({
  subject: z.enum(DISPUTE_SUBJECT_VALUES, { error: "validation.required" }),
  targetId: idField,
  reason: reasonField,
});

/** An upheld bill dispute may carry a correction of the bill (a discount, in yuan; empty = none). */
export const resolveDisputeSchema = z
  .object({
    id: idField,
    outcome: z.enum(["upheld", "rejected"], { error: "validation.required" }),
    reason: reasonField,
    discount: z.preprocess((v) => (v === "" || v == null ? undefined : v), yuanField.optional()),
  })
  .refine((v) => v.outcome === "upheld" || v.discount == null, {
    path: ["discount"],
    message: "arrears.disputes.errors.discountOnlyUpheld",
  });

export const confirmLetterSchema = z.object({ id: idField });

export const legalConfirmationSchema = z.object({
  legalConfirmation: z.enum(["on", "off"], { error: "validation.required" }).transform((v) => v === "on"),
});
