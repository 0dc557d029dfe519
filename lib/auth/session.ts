import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { loadSessionUser, type SessionUser } from "./current-user";
import { authOptions } from "./options";
import { hasAnyRole, type Role } from "./roles";

export type { SessionUser };

/** The current user for this request, or null. Cached per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session) return null;
  return loadSessionUser(getDb(), {
    userId: session.uid,
    sessionVersion: session.ver,
    sessionId: session.sid,
    companyId: session.cid,
  });
});

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
