import { z } from "zod";
import { PRIVACY_REQUEST_KINDS } from "@/db/schema/privacy";
import { acceptField, idField as requestId } from "@/lib/validation";

/** Privacy forms' schemas, shared by forms, actions and tests. Messages are i18n keys. */

export const acceptNoticeSchema = z.object({ accept: acceptField });

export const privacyRequestSchema = z.object({
  kind: z.enum(PRIVACY_REQUEST_KINDS, "privacy.errors.kind"),
  details: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(2000, "validation.tooLong"),
});
export type PrivacyRequestInput = z.input<typeof privacyRequestSchema>;

export const decidePrivacyRequestSchema = z
  .object({
    requestId,
    decision: z.enum(["accept", "reject"]),
    reason: z.string().trim().max(500, "validation.tooLong").default(""),
  })
  .refine((v) => v.decision === "accept" || v.reason.length > 0, {
    path: ["reason"],
    message: "privacy.errors.reasonRequired",
  });
export type DecidePrivacyRequestInput = z.input<typeof decidePrivacyRequestSchema>;

export const privacySettingsSchema = z.object({
  moneyRetentionYears: z.coerce
    .number({ error: "validation.required" })
    .int("privacy.errors.years")
    .min(10, "privacy.errors.retentionMin")
    .max(100, "privacy.errors.years"),
  closureGraceDays: z.coerce
    .number({ error: "validation.required" })
    .int("privacy.errors.days")
    .min(7, "privacy.errors.graceMin")
    .max(365, "privacy.errors.days"),
});

/** Closing the company: the admin types the company's name to confirm. */
export const closeCompanySchema = z.object({ confirmName: z.string().trim().min(1, "validation.required") });

/** A signed-in resident accepts the notice version the page showed. */
export const acceptVersionSchema = z.object({ version: z.coerce.number().int().positive() });
