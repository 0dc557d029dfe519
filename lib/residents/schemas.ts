import { z } from "zod";
import { RESIDENT_RELATIONS } from "@/db/schema/registry";
import { isHouseholdCode, normalizeHouseholdCode } from "@/lib/registry/rules";
import {
  acceptField,
  idField as linkId,
  nameField,
  passwordField,
  phoneField,
  withPersonalPasswordCheck,
} from "@/lib/validation";

/**
 * Resident registration schemas, shared by the forms, their actions and the tests.
 * Messages are i18n keys (shared "validation.*" or this module's "residents.*").
 */

/** The code printed on bills: any case, spaces and dashes allowed ("abcd-2345" → "ABCD2345"). */
export const householdCodeField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(40, "validation.tooLong")
  .transform(normalizeHouseholdCode)
  .refine(isHouseholdCode, "residents.errors.codeFormat");

export const relationField = z.enum(RESIDENT_RELATIONS, "residents.errors.relation");

/** A visitor registers: an account, linked (pending approval) to the household of the code. */
export const registerSchema = z
  .object({
    code: householdCodeField,
    name: nameField,
    phone: phoneField,
    password: passwordField,
    relation: relationField,
    /** The privacy notice (current version) is accepted: recorded with the account. */
    acceptPrivacy: acceptField,
  })
  .superRefine(withPersonalPasswordCheck("password"));
export type RegisterInput = z.input<typeof registerSchema>;

/** A signed-in resident asks to be linked to another household. */
export const requestHouseholdSchema = z.object({
  code: householdCodeField,
  relation: relationField,
});
export type RequestHouseholdInput = z.input<typeof requestHouseholdSchema>;

export const approveRegistrationSchema = z.object({ linkId });

export const rejectRegistrationSchema = z.object({
  linkId,
  reason: z
    .string()
    .trim()
    .max(200, "validation.tooLong")
    .optional()
    .transform((v) => v || null),
});
export type RejectRegistrationInput = z.input<typeof rejectRegistrationSchema>;

export const removeLinkSchema = z.object({ linkId });

export const REGISTRATION_TABS = ["pending", "approved", "rejected"] as const;
export const registrationTabSchema = z.enum(REGISTRATION_TABS).catch("pending");
