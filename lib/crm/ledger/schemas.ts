import { z } from "zod";
import { idField } from "@/lib/validation";

/** A household ledger correction by an admin (§8.1: never an edit, always a new entry). */
export const correctionSchema = z.object({
  householdId: idField,
  points: z.coerce
    .number({ error: "validation.required" })
    .int("crm.rules.errors.integer")
    .min(-100, "crm.rules.errors.range")
    .max(100, "crm.rules.errors.range")
    .refine((n) => n !== 0, "crm.rules.errors.nonZero"),
  reason: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(500, "validation.tooLong"),
});
