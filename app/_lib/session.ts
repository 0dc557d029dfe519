import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { hasAnyRole, type Role } from "@/lib/auth/roles";
import { readSessionUser, type SessionUser } from "@/lib/auth/session";

export type { SessionUser };

/** The current user for this request, or null. Cached per request (layout, page and i18n share one load). */
export const getSessionUser = cache(readSessionUser);

/**
 * For pages and layouts: signed-out users go to sign-in; users without one of `roles`
 * get the 403 page. An empty `roles` admits any signed-in member.
 */
export async function requireUser(roles: readonly Role[] = []): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!hasAnyRole(user.roles, roles)) forbidden();
  return user;
}
