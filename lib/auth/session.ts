import "server-only";
import { getServerSession } from "next-auth";
import { getDb } from "@/lib/db";
import { loadSessionUser, type SessionUser } from "./current-user";
import { authOptions } from "./options";

export type { SessionUser };

/**
 * The signed-in user of the current request (next-auth's session cookie, checked fresh against the
 * database), or null. Not cached: the action builder and route guard call it once per request; pages
 * and layouts use the per-request cached `getSessionUser` of app/_lib/session.ts.
 */
export async function readSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  if (!session) return null;
  return loadSessionUser(getDb(), {
    userId: session.uid,
    sessionVersion: session.ver,
    sessionId: session.sid,
    companyId: session.cid,
  });
}
