import { z } from "zod";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/config";
import {
  acceptField,
  emailField,
  nameField,
  optionalEmailField,
  passwordField,
  phoneField,
  withPersonalPasswordCheck,
} from "@/lib/validation";

export const signUpSchema = z
  .object({
    companyName: nameField,
    name: nameField,
    phone: phoneField,
    email: emailField,
    password: passwordField,
    /** The data-processing agreement (company = handler, Guanjia = entrusted processor): recorded with the company. */
    acceptDpa: acceptField,
  })
  .superRefine(withPersonalPasswordCheck("password"));
export type SignUpInput = z.input<typeof signUpSchema>;

export const staffRolesField = z
  .array(z.enum(STAFF_ROLES, "validation.role"))
  .min(1, "validation.rolesRequired")
  .transform((roles) => [...new Set(roles)]);

export const createStaffSchema = z
  .object({
    name: nameField,
    phone: phoneField,
    email: optionalEmailField,
    password: passwordField,
    roles: staffRolesField,
  })
  .superRefine(withPersonalPasswordCheck("password"));
export type CreateStaffInput = z.input<typeof createStaffSchema>;

export const setRolesSchema = z.object({
  userId: z.coerce.number().int().positive(),
  roles: staffRolesField,
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "validation.required"),
    newPassword: passwordField,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ["newPassword"],
    message: "validation.passwordUnchanged",
  });

export const localeSchema = z.object({ locale: z.enum(LOCALES) });
export const emptySchema = z.object({});

/** "Send me a sign-in code" (the sign-in page's phone-code tab). */
export const requestCodeSchema = z.object({ phone: phoneField });
export type RequestCodeInput = z.input<typeof requestCodeSchema>;
