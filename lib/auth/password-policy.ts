import { COMMON_PASSWORDS } from "./common-passwords";

/**
 * The password rule for every new password (sign-up, staff creation, password change,
 * resident registration): at least 10 characters, not a common or trivial password, and not
 * containing the person's own phone number or e-mail. Pure, so the same check runs in the
 * browser (the forms) and on the server (the actions, the commands).
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem =
  "validation.passwordTooShort" | "validation.tooLong" | "validation.passwordCommon" | "validation.passwordPersonal";

/** "Password123!" is as weak as "password123": compare lower-case, with trailing symbols off. */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const bare = lower.replace(/[^\p{L}\p{N}]+$/u, "");
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(bare)) return true;
  return new Set(lower).size < 4; // aaaaaaaaaa, 1212121212, abcabcabcabc
}

export function containsPersonal(
  password: string,
  personal: { phone?: string | null; email?: string | null },
): boolean {
  const lower = password.toLowerCase();
  const phone = personal.phone?.replace(/\D/g, "");
  if (phone && phone.length >= 6 && lower.replace(/[\s-]/g, "").includes(phone)) return true;
  const email = personal.email?.trim().toLowerCase();
  if (!email) return false;
  const local = email.split("@")[0];
  return lower.includes(email) || (local.length >= 4 && lower.includes(local));
}

export function passwordProblem(
  password: string,
  personal: { phone?: string | null; email?: string | null } = {},
): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "validation.passwordTooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "validation.tooLong";
  if (isCommon(password)) return "validation.passwordCommon";
  if (containsPersonal(password, personal)) return "validation.passwordPersonal";
  return null;
}
