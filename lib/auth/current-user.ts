import { and, eq } from "drizzle-orm";
import { companies, memberships, users } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { maySignInWhileClosing } from "@/lib/auth/session-rules";
import { isSessionRevoked } from "./revocation";
import { isRole, type Role } from "./roles";
import { isSessionCurrent, type TokenClaims } from "./session-rules";

export interface SessionUser {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  locale: "zh-CN" | "en" | null;
  companyId: number;
  companyName: string;
  timeZone: string;
  roles: Role[];
}

/**
 * Loads the signed-in user from the token's claims, fresh from the database on every
 * request: a revoked token (signed out, or an old session version), a disabled user or a user without any
 * membership in the token's company is no user at all.
 */
export async function loadSessionUser(
  db: Db,
  claims: (TokenClaims & { companyId: number | null }) | null,
): Promise<SessionUser | null> {
  if (!claims || claims.companyId == null) return null;
  const [rows, revoked] = await Promise.all([
    userRows(db, claims.userId, claims.companyId),
    isSessionRevoked(db, claims.sessionId),
  ]);
  const first = rows[0];
  if (revoked || !first || !first.companyActive || !isSessionCurrent(claims, first)) return null;
  // Tenant exit: a closing company's sessions end, except its admins'.
  if (first.purgeAfter && !maySignInWhileClosing(rows.map((r) => r.role))) return null;
  return {
    id: first.id,
    name: first.name,
    phone: first.phone,
    email: first.email,
    locale: first.locale,
    companyId: first.companyId,
    companyName: first.companyName,
    timeZone: first.timeZone,
    roles: rows.map((r) => r.role).filter(isRole),
  };
}

function userRows(db: Db, userId: number, companyId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      phone: users.phone,
      email: users.email,
      locale: users.locale,
      active: users.active,
      sessionVersion: users.sessionVersion,
      role: memberships.role,
      companyId: companies.id,
      companyName: companies.name,
      timeZone: companies.timeZone,
      companyActive: companies.active,
      purgeAfter: companies.purgeAfter,
    })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.companyId, companyId)))
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(users.id, userId));
}
