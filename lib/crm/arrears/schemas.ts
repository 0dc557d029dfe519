import { z } from "zod";
import { idField } from "@/lib/validation";
import { LEGAL_CASE_STATUS_VALUES, NOTICE_KIND_VALUES } from "@/db/schema/crm/arrears";

/** Legal-case and notice-list inputs (shared by forms, actions and tests). Messages are i18n keys. */
const noteField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(1000, "validation.tooLong");

export const moveCaseSchema = z.object({
  id: idField,
  to: z.enum(LEGAL_CASE_STATUS_VALUES, { error: "validation.required" }),
  note: noteField,
});

export const followUpSchema = z.object({ id: idField, note: noteField });

export const noticeFilterSchema = z.object({
  kind: z.enum(NOTICE_KIND_VALUES).optional().catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});
