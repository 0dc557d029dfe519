import { describe, expect, it } from "vitest";
import {
  blockFor,
  checkRateLimit,
  recordFailure,
  SIGN_IN_PER_ACCOUNT,
  type RateLimitRule,
  type RateLimitState,
} from "@/lib/auth/rate-limit-rules";

const rule: RateLimitRule = { limit: 3, windowMs: 1000, blockMs: 5000 };

function fail(times: number, start: RateLimitState | null, now: number) {
  let state = start;
  for (let i = 0; i < times; i++) state = recordFailure(state, now, rule);
  return state!;
}

describe("sign-in rate limiter", () => {
  it("allows a key with no history", () => {
    expect(checkRateLimit(null, 0)).toEqual({ allowed: true });
  });

  it("allows attempts below the limit", () => {
    const state = fail(2, null, 100);
    expect(state.count).toBe(2);
    expect(checkRateLimit(state, 100)).toEqual({ allowed: true });
  });

  it("blocks for blockMs once the limit is reached, and says how long", () => {
    const state = fail(3, null, 100);
    expect(checkRateLimit(state, 100)).toEqual({ allowed: false, retryAfterMs: 5000 });
    expect(checkRateLimit(state, 5099)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(checkRateLimit(state, 5100)).toEqual({ allowed: true });
  });

  it("starts a new window after windowMs, so slow failures never block", () => {
    let state = fail(2, null, 0);
    state = recordFailure(state, 1000, rule);
    expect(state).toEqual({ count: 1, windowStartMs: 1000, blockedUntilMs: 0 });
    expect(checkRateLimit(state, 1000).allowed).toBe(true);
  });

  it("keeps an earlier block when a new window starts during it", () => {
    const blocked = fail(3, null, 0);
    const later = recordFailure(blocked, 2000, rule);
    expect(later.blockedUntilMs).toBe(5000);
    expect(checkRateLimit(later, 2000).allowed).toBe(false);
  });

  it("a growing delay doubles per failure beyond the limit, up to the cap, and never locks out", () => {
    const growing: RateLimitRule = { limit: 3, windowMs: 60_000, blockMs: 1000, maxBlockMs: 5000 };
    let state: RateLimitState | null = null;
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      state = recordFailure(state, 100, growing);
      waits.push(state.blockedUntilMs ? state.blockedUntilMs - 100 : 0);
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 5000, 5000]);
  });

  it("ships as a short back-off per account (cap 30 s) and a longer one per IP (cap 15 min)", () => {
    expect(SIGN_IN_PER_ACCOUNT).toEqual({ limit: 5, windowMs: 900_000, blockMs: 1000, maxBlockMs: 30_000 });
    expect(blockFor(SIGN_IN_PER_ACCOUNT, 1000)).toBe(30_000);
  });
});
