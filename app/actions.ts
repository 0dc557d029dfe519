"use server";

import { cookies } from "next/headers";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { getSessionUser } from "@/lib/auth/session";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { changePasswordSchema, emptySchema, localeSchema } from "@/lib/tenancy/schemas";
import { changePassword, setUserLocale, signOutEverywhere } from "@/lib/tenancy/commands";
import type { ActionResult } from "@/lib/actions/result";

async function rememberLocale(locale: Locale) {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}

const saveUserLocale = authorizedAction({ schema: localeSchema, roles: [] }, async ({ locale }, { db, user }) => {
  await setUserLocale(db, user.id, locale);
});

/**
 * The language switch. Anyone may switch (the sign-in page has the switch too); a
 * signed-in user's choice is also saved on their account, so it follows them to other devices.
 */
export async function switchLocale(input: { locale: string }): Promise<ActionResult<null>> {
  const parsed = localeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "validation", message: "errors.validation" };
  await rememberLocale(parsed.data.locale);
  if (await getSessionUser()) {
    const saved = await saveUserLocale(parsed.data);
    if (!saved.ok) return saved;
  }
  return { ok: true, data: null };
}

/** After sign-in: apply the language saved on the account, if any. */
export async function applySavedLocale(): Promise<ActionResult<null>> {
  const user = await getSessionUser();
  if (user?.locale) await rememberLocale(user.locale);
  return { ok: true, data: null };
}

/** Profile: change password (every session ends, the user signs in again). */
export const changePasswordAction = authorizedAction({ schema: changePasswordSchema, roles: [] }, async (input, { db, companyId, user }) => {
  await changePassword(db, companyId, user.id, input);
  return null;
});

/** Profile: sign out on every device. */
export const signOutEverywhereAction = authorizedAction({ schema: emptySchema, roles: [] }, async (_input, { db, companyId, user }) => {
  await signOutEverywhere(db, companyId, user.id);
  return null;
});
