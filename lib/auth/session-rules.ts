/**
 * The session-revocation rule. A JWT carries the user's session version at sign-in;
 * sign-out everywhere, a password change and a role change bump the stored version, so
 * every token issued before is refused from then on.
 */
export interface TokenClaims {
  userId: number;
  sessionVersion: number;
  /** This session's random id: an ordinary sign-out revokes it alone (lib/auth/revocation.ts). */
  sessionId?: string;
}

export interface StoredUserState {
  id: number;
  sessionVersion: number;
  active: boolean;
}

export function isSessionCurrent(
  token: TokenClaims | null | undefined,
  user: StoredUserState | null | undefined,
): boolean {
  if (!token || !user) return false;
  if (!Number.isInteger(token.userId) || !Number.isInteger(token.sessionVersion)) return false;
  return user.active && user.id === token.userId && user.sessionVersion === token.sessionVersion;
}

/** Sign-in while the company is closing: only its admins, who may export the data or cancel. */
export function maySignInWhileClosing(roles: readonly string[]): boolean {
  return roles.includes("admin");
}
