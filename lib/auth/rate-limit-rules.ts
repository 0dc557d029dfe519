/**
 * Fixed-window rate limiting as pure functions. From the `limit`-th failure inside
 * `windowMs`, the key waits `blockMs`; with `maxBlockMs` the wait doubles with every further
 * failure up to that cap (a growing delay, not a lock-out). Attempts refused during a wait
 * are not counted, so nobody can push the wait past the cap. A success resets the key.
 */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
  blockMs: number;
  /** Doubles the wait per failure beyond `limit`, up to this; without it the wait is fixed. */
  maxBlockMs?: number;
}

export interface RateLimitState {
  count: number;
  windowStartMs: number;
  blockedUntilMs: number;
}

/**
 * Per account (user id, whichever identifier was typed): 4 free tries, then 1 s, 2 s, 4 s …
 * capped at 30 s — at most ~2 guesses a minute, and the owner is never kept out longer.
 */
export const SIGN_IN_PER_ACCOUNT: RateLimitRule = {
  limit: 5,
  windowMs: 15 * 60_000,
  blockMs: 1_000,
  maxBlockMs: 30_000,
};
/** Per client address (see lib/auth/client-ip.ts): 20 failures, then 1 min doubling up to 15 min. */
export const SIGN_IN_PER_IP: RateLimitRule = {
  limit: 20,
  windowMs: 15 * 60_000,
  blockMs: 60_000,
  maxBlockMs: 15 * 60_000,
};

/** Public company sign-up, per client address: every attempt counts, 10 an hour. */
export const SIGN_UP_PER_IP: RateLimitRule = { limit: 10, windowMs: 60 * 60_000, blockMs: 60 * 60_000 };

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export function checkRateLimit(state: RateLimitState | null | undefined, nowMs: number): RateLimitVerdict {
  if (state && state.blockedUntilMs > nowMs) return { allowed: false, retryAfterMs: state.blockedUntilMs - nowMs };
  return { allowed: true };
}

export function recordFailure(
  state: RateLimitState | null | undefined,
  nowMs: number,
  rule: RateLimitRule,
): RateLimitState {
  const fresh = !state || nowMs - state.windowStartMs >= rule.windowMs;
  const count = fresh ? 1 : state.count + 1;
  const windowStartMs = fresh ? nowMs : state.windowStartMs;
  const blockedUntilMs = count >= rule.limit ? nowMs + blockFor(rule, count) : (state?.blockedUntilMs ?? 0);
  return { count, windowStartMs, blockedUntilMs };
}

/** The wait after the `count`-th failure (count ≥ limit). */
export function blockFor(rule: RateLimitRule, count: number): number {
  if (rule.maxBlockMs === undefined) return rule.blockMs;
  const doublings = Math.min(count - rule.limit, 30);
  return Math.min(rule.blockMs * 2 ** doublings, rule.maxBlockMs);
}
