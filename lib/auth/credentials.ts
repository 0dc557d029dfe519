import { eq } from "drizzle-orm";
import { companies, memberships, users } from "@/db/schema";
import { maySignInWhileClosing } from "@/lib/auth/session-rules";
import type { Db } from "@/lib/db/client";
import { parseIdentifier } from "./identifiers";
import { dummyPasswordHash, verifyPassword } from "./password";
import { checkLimits, recordFailures, resetLimit, type LimitedKey } from "./rate-limit";
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP } from "./rate-limit-rules";

export type SignInFailure = "invalid" | "rate_limited" | "company_closed";
export type SignInResult =
  | { ok: true; user: { id: number; name: string; sessionVersion: number; companyId: number | null } }
  | { ok: false; reason: SignInFailure; retryAfterMs?: number };

/**
 * Checks a phone-or-email + password pair. Failures count per account (the user id, so the
 * phone and the e-mail share one budget) and per client address; either one over its limit
 * makes the caller wait a short, capped delay (lib/auth/rate-limit-rules.ts). During the
 * wait nothing is checked or counted; after it, the right password always works.
 */
export async function verifyCredentials(
  db: Db,
  identifier: string,
  password: string,
  ip: string,
  nowMs = Date.now(),
): Promise<SignInResult> {
  const id = parseIdentifier(identifier);
  const [user] = await db
    .select()
    .from(users)
    .where(id.kind === "email" ? eq(users.email, id.value) : eq(users.phone, id.value))
    .limit(1);
  const keys: LimitedKey[] = [
    { key: user ? `signin:user:${user.id}` : `signin:acct:${id.kind}:${id.value}`, rule: SIGN_IN_PER_ACCOUNT },
    { key: `signin:ip:${ip}`, rule: SIGN_IN_PER_IP },
  ];
  const verdict = await checkLimits(db, keys, nowMs);
  if (!verdict.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: verdict.retryAfterMs };

  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || !user.active) {
    await recordFailures(db, keys, nowMs);
    return { ok: false, reason: "invalid" };
  }
  await resetLimit(db, keys[0].key);
  return signInResultFor(db, user);
}

/** The session a verified user gets (password or phone code): their first company, unless it is closing. */
export async function signInResultFor(
  db: Db,
  user: { id: number; name: string; sessionVersion: number },
): Promise<SignInResult> {
  const rows = await db
    .select({ companyId: memberships.companyId, role: memberships.role, purgeAfter: companies.purgeAfter })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(memberships.userId, user.id))
    .orderBy(memberships.id);
  const membership = rows[0];
  // Tenant exit: while the company is closing only its admins get in (to export or cancel).
  const roles = rows.filter((r) => r.companyId === membership?.companyId).map((r) => r.role);
  if (membership?.purgeAfter && !maySignInWhileClosing(roles)) return { ok: false, reason: "company_closed" };
  return {
    ok: true,
    user: {
      id: user.id,
      name: user.name,
      sessionVersion: user.sessionVersion,
      companyId: membership?.companyId ?? null,
    },
  };
}
