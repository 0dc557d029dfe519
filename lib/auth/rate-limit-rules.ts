/**
 * Fixed-window rate limiting with a lock-out, as pure functions. After `limit` failures
 * inside `windowMs`, the key is blocked for `blockMs`. A success resets the key.
 */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
  blockMs: number;
}

export interface RateLimitState {
  count: number;
  windowStartMs: number;
  blockedUntilMs: number;
}

export const SIGN_IN_PER_ACCOUNT: RateLimitRule = { limit: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
export const SIGN_IN_PER_IP: RateLimitRule = { limit: 20, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export function checkRateLimit(state: RateLimitState | null | undefined, nowMs: number): RateLimitVerdict {
  if (state && state.blockedUntilMs > nowMs) return { allowed: false, retryAfterMs: state.blockedUntilMs - nowMs };
  return { allowed: true };
}

export function recordFailure(state: RateLimitState | null | undefined, nowMs: number, rule: RateLimitRule): RateLimitState {
  const fresh = !state || nowMs - state.windowStartMs >= rule.windowMs;
  const count = fresh ? 1 : state.count + 1;
  const windowStartMs = fresh ? nowMs : state.windowStartMs;
  const blockedUntilMs = count >= rule.limit ? nowMs + rule.blockMs : (state?.blockedUntilMs ?? 0);
  return { count, windowStartMs, blockedUntilMs };
}
