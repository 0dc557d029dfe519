"use server";

import { cookies } from "next/headers";
import { authorizedAction, publicAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { getSessionUser } from "@/app/_lib/session";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { changePasswordSchema, emptySchema, localeSchema } from "@/lib/tenancy/schemas";
import { changePassword, setUserLocale, signOutEverywhere } from "@/lib/tenancy/commands";

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
export const switchLocale = publicAction({ schema: localeSchema }, async ({ locale }) => {
  await rememberLocale(locale);
  if (await getSessionUser()) {
    const saved = await saveUserLocale({ locale });
    if (!saved.ok) throw new AppError(saved.code);
  }
  return null;
});

/** After sign-in: apply the language saved on the account, if any. */
export const applySavedLocale = publicAction({ schema: emptySchema }, async () => {
  const user = await getSessionUser();
  if (user?.locale) await rememberLocale(user.locale);
  return null;
});

/** Profile: change password (every session ends, the user signs in again). */
export const changePasswordAction = authorizedAction(
  { schema: changePasswordSchema, roles: [] },
  async (input, { db, companyId, user }) => {
    await changePassword(db, companyId, user.id, input);
    return null;
  },
);

/** Profile: sign out on every device. */
export const signOutEverywhereAction = authorizedAction(
  { schema: emptySchema, roles: [] },
  async (_input, { db, companyId, user }) => {
    await signOutEverywhere(db, companyId, user.id);
    return null;
  },
);
