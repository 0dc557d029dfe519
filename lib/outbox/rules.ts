/** Outbox delivery rules, pure: retry back-off and template placeholders. */

export const OUTBOX_MAX_ATTEMPTS = 5;
export const OUTBOX_BASE_DELAY_MS = 60_000;
export const OUTBOX_MAX_DELAY_MS = 6 * 3600_000;
/** A claim older than this is considered abandoned (a crashed worker) and may be taken over. */
export const OUTBOX_LEASE_MS = 5 * 60_000;

/**
 * After the `attempts`-th failed attempt (1-based): the next try waits base × 2^(attempts−1),
 * capped; after OUTBOX_MAX_ATTEMPTS the message is failed for good (null).
 */
export function nextAttemptDelayMs(
  attempts: number,
  base = OUTBOX_BASE_DELAY_MS,
  max = OUTBOX_MAX_DELAY_MS,
  maxAttempts = OUTBOX_MAX_ATTEMPTS,
): number | null {
  if (attempts >= maxAttempts) return null;
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/** Replaces {name} placeholders; unknown ones are left as they are. */
export function renderTemplate(text: string, params: Record<string, string | number | null>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) =>
    params[k] === undefined || params[k] === null ? m : String(params[k]),
  );
}
