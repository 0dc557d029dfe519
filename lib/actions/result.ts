import type { z } from "zod";

/** What every server action returns. Messages are i18n keys; the browser translates them. */
export type ErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "validation" | "conflict" | "rate_limited" | "internal";

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

/**
 * A server action as a client component receives it: the page (a server component) imports the
 * action from its route's actions.ts and hands it down as a prop, so components never import app/.
 */
export type ActionFn<I, T = unknown> = (input: I) => Promise<ActionResult<T>>;

/** An action built with `authorizedAction`/`publicAction` on the shared zod schema `S`. */
export type SchemaAction<S extends z.ZodType, T = unknown> = ActionFn<z.input<S>, T>;

/**
 * A known, public failure. `message` and field messages are keys under "errors" /
 * "validation" in the message files. Anything else thrown is logged and reported as
 * "internal" without details.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = `errors.${code}`,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }

  static field(field: string, messageKey: string, code: ErrorCode = "validation"): AppError {
    return new AppError(code, `errors.${code}`, { [field]: [messageKey] });
  }
}
