import { z } from "zod";
import { CN_MOBILE, normalizeEmail, normalizePhone } from "@/lib/auth/identifiers";

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

export const passwordField = z
  .string({ error: "validation.required" })
  .min(8, "validation.passwordTooShort")
  .max(128, "validation.tooLong");

export const nameField = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong");
