import "server-only";
import { readSessionUser, type SessionUser } from "@/lib/auth/session";
import { hasAnyRole, type Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import type { ErrorCode } from "./result";

export interface RouteContext {
  db: Db;
  user: SessionUser;
  /** The tenant every query of the handler must be scoped to. */
  companyId: number;
}

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

/** A JSON error in the shape actions return; `message` is an i18n key. */
export function routeError(code: ErrorCode, message = `errors.${code}`): Response {
  return Response.json(
    { ok: false, code, message },
    { status: STATUS[code], headers: { "Cache-Control": "no-store" } },
  );
}

/** A state-changing request must come from this site (defence in depth beside the SameSite session cookie). */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * For route handlers (file uploads and downloads, which server actions do not fit): the
 * session loaded fresh from the database, the roles checked, the company to scope to.
 * Same rules as `authorizedAction`; an empty `roles` admits any member of the company.
 */
export async function authorizeRoute(
  request: Request,
  roles: readonly Role[],
): Promise<{ ok: true; ctx: RouteContext } | { ok: false; response: Response }> {
  if (request.method !== "GET" && request.method !== "HEAD" && !sameOrigin(request))
    return { ok: false, response: routeError("forbidden") };
  const user = await readSessionUser();
  if (!user) return { ok: false, response: routeError("unauthenticated") };
  if (!hasAnyRole(user.roles, roles)) return { ok: false, response: routeError("forbidden") };
  return { ok: true, ctx: { db: getDb(), user, companyId: user.companyId } };
}
