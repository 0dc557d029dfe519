import { z } from "zod";
import { isQuarter } from "@/lib/time/quarters";
import { idField, optionalTextField } from "@/lib/validation";

/** Visit and survey field rules, shared by forms, actions and tests. Messages are i18n keys. */
const rating = z.coerce
  .number({ error: "visits.errors.rating" })
  .int("visits.errors.rating")
  .min(1, "visits.errors.rating")
  .max(5, "visits.errors.rating");

/** Order types a butler may open for an issue found on a visit. */
export const FOLLOW_UP_TYPES = ["repair", "cleaning", "security", "complaint", "suggestion", "inquiry"] as const;

/** The butler's visit record (notes, satisfaction 1–5, issues, optionally a work order for the issue). */
export const recordVisitSchema = z
  .object({
    visitId: idField,
    notes: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(2000, "validation.tooLong"),
    satisfaction: rating,
    issues: optionalTextField(2000),
    createOrder: z
      .union([z.boolean(), z.literal("on"), z.literal("")])
      .optional()
      .transform((v) => v === true || v === "on"),
    orderType: z
      .union([z.enum(FOLLOW_UP_TYPES), z.literal("")])
      .optional()
      .transform((v) => v || undefined),
  })
  .superRefine((v, ctx) => {
    if (!v.createOrder) return;
    if (!v.issues) ctx.addIssue({ code: "custom", path: ["issues"], message: "visits.errors.issuesForOrder" });
    if (!v.orderType) ctx.addIssue({ code: "custom", path: ["orderType"], message: "validation.required" });
  });

/** A household's survey answer: overall and four service areas 1–5, free text. */
export const surveyAnswerSchema = z.object({
  surveyId: idField,
  householdId: idField,
  overall: rating,
  butler: rating,
  cleaning: rating,
  security: rating,
  maintenance: rating,
  comment: optionalTextField(1000),
});

/** A calendar date YYYY-MM-DD. */
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.required");

export const coverageFilterSchema = z.object({
  quarter: z
    .string()
    .optional()
    .transform((v) => (v && isQuarter(v) ? v : undefined)),
});

export const dateRangeSchema = z.object({ from: dateField, to: dateField });
