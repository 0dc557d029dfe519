/** True for a UNIQUE constraint violation, from either the embedded engine or a libSQL server. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const message = String((e as { message?: unknown }).message ?? "");
    if (/UNIQUE constraint failed/i.test(message) && (!column || message.includes(column))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
