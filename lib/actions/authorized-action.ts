import "server-only";
import type { z } from "zod";
import { readSessionUser, type SessionUser } from "@/lib/auth/session";
import { hasAnyRole, type Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { AppError, type ActionResult, type FieldErrors } from "./result";

export interface ActionContext {
  db: Db;
  user: SessionUser;
  /** The tenant every query of the action must be scoped to. */
  companyId: number;
  roles: Role[];
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
    // Next.js control flow (redirect/notFound) must propagate.
    if (e && typeof e === "object" && "digest" in e && typeof e.digest === "string" && e.digest.startsWith("NEXT_"))
      throw e;
    console.error("[action] unexpected error", e);
    return { ok: false, code: "internal", message: "errors.internal" };
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true as const, data: parsed.data as z.output<S> };
  return {
    ok: false as const,
    result: {
      ok: false as const,
      code: "validation" as const,
      message: "errors.validation",
      fieldErrors: fieldErrorsOf(parsed.error),
    },
  };
}

/**
 * The one way to build a server action that needs a signed-in user: it validates the
 * input with the shared zod schema, loads the session (fresh roles, revoked tokens
 * refused), checks the roles, and hands the handler the company to scope to.
 * An empty `roles` admits any member of the company.
 */
export function authorizedAction<S extends z.ZodType, T>(
  options: { schema: S; roles: readonly Role[] },
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const user = await readSessionUser();
    if (!user) return { ok: false, code: "unauthenticated", message: "errors.unauthenticated" };
    if (!hasAnyRole(user.roles, options.roles)) return { ok: false, code: "forbidden", message: "errors.forbidden" };
    const parsed = parse(options.schema, input);
    if (!parsed.ok) return parsed.result;
    return run(() => handler(parsed.data, { db: getDb(), user, companyId: user.companyId, roles: user.roles }));
  };
}

/** For the few actions a signed-out visitor may call (company sign-up). Still validated. */
export function publicAction<S extends z.ZodType, T>(
  options: { schema: S },
  handler: (input: z.output<S>, ctx: { db: Db }) => Promise<T>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = parse(options.schema, input);
    if (!parsed.ok) return parsed.result;
    return run(() => handler(parsed.data, { db: getDb() }));
  };
}
