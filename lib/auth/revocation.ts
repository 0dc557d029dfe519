import { and, eq, lt, sql } from "drizzle-orm";
import { revokedSessions, users } from "@/db/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { TokenClaims } from "./session-rules";

/** How long a session token lives (next-auth's maxAge); a revoked id is kept as long. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/**
 * Ends one session (ordinary sign-out): its id is refused from now on, so a copy of the
 * cookie taken before sign-out stops working while the user's other devices stay signed in.
 * A token without an id (issued before ids existed) can only be ended with all the user's
 * sessions, by bumping the session version. Ids past their token's lifetime are swept.
 */
export async function revokeSession(
  db: Db,
  claims: TokenClaims,
  expiresAtMs: number,
  nowMs = Date.now(),
): Promise<void> {
  if (!Number.isInteger(claims.userId)) return;
  if (!claims.sessionId) {
    await db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, claims.userId), eq(users.sessionVersion, claims.sessionVersion)));
    return;
  }
  await db.batch([
    db
      .insert(revokedSessions)
      .values({ sessionId: claims.sessionId, userId: claims.userId, expiresAtMs })
      .onConflictDoNothing(),
    db.delete(revokedSessions).where(lt(revokedSessions.expiresAtMs, nowMs)),
  ]);
}

export async function isSessionRevoked(db: DbOrTx, sessionId: string | undefined): Promise<boolean> {
  if (!sessionId) return false;
  const [row] = await db
    .select({ id: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(eq(revokedSessions.sessionId, sessionId))
    .limit(1);
  return row !== undefined;
}
