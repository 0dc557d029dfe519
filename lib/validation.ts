import { z } from "zod";
import { CN_MOBILE, normalizeEmail, normalizePhone } from "@/lib/auth/identifiers";
import { containsPersonal, passwordProblem } from "@/lib/auth/password-policy";

/**
 * Shared field rules. Every message is an i18n key under "validation"; forms and actions
 * both translate it, so the same schema gives the same words in the browser and on the server.
 */
export const phoneField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .transform(normalizePhone)
  .refine((v) => CN_MOBILE.test(v), "validation.phone");

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"))
  .transform(normalizeEmail);

export const optionalEmailField = z
  .string()
  .trim()
  .max(254, "validation.tooLong")
  .transform((v) => (v === "" ? undefined : normalizeEmail(v)))
  .pipe(z.email("validation.email").optional());

/** A new password: length and the common-password list (lib/auth/password-policy.ts). */
export const passwordField = z.string({ error: "validation.required" }).superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * Adds the "not your own phone or e-mail" rule to an object schema with a password field
 * (`key`) and the person's `phone` / `email` fields; the error shows at the password field.
 */
export function withPersonalPasswordCheck<T extends { phone?: string | null; email?: string | null }>(
  key: keyof T & string,
) {
  return (value: T, ctx: z.RefinementCtx) => {
    const password = value[key];
    if (typeof password === "string" && containsPersonal(password, value))
      ctx.addIssue({ code: "custom", path: [key], message: "validation.passwordPersonal" });
  };
}

export const nameField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(100, "validation.tooLong");

/** A row id from a form or a URL: a positive whole number ("12" is coerced). */
export const idField = z.coerce.number({ error: "validation.required" }).int().positive("validation.required");

/**
 * The tick box that accepts a notice or an agreement (privacy notice, DPA): it must be ticked.
 * Kernel, not privacy: tenancy's sign-up and residents' registration use it too.
 */
export const acceptField = z
  .boolean({ error: "privacy.errors.mustAccept" })
  .refine((v) => v, "privacy.errors.mustAccept");

/** An optional free text of at most `max` characters; blank becomes undefined. */
export const optionalTextField = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v || undefined);
