/** What every server action returns. Messages are i18n keys; the browser translates them. */
export type ErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "validation" | "conflict" | "rate_limited" | "internal";

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

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
