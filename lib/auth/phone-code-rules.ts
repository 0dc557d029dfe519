import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { RateLimitRule } from "./rate-limit-rules";

/** Phone sign-in codes, pure parts: the code, its hash and the limits. */

export const CODE_TTL_MS = 5 * 60_000;
/** Wrong tries a code survives; after that it is dead and a new one must be requested. */
export const CODE_MAX_FAILURES = 5;

/** Sending codes to one phone: 5 an hour, then an hour's wait (every request counts). */
export const CODE_SEND_PER_PHONE: RateLimitRule = { limit: 5, windowMs: 60 * 60_000, blockMs: 60 * 60_000 };
/** Sending codes from one client address: 20 an hour (every request counts). */
export const CODE_SEND_PER_IP: RateLimitRule = { limit: 20, windowMs: 60 * 60_000, blockMs: 60 * 60_000 };
/** Wrong codes typed for one phone: 10 in 15 minutes, then 15 minutes' wait. */
export const CODE_VERIFY_PER_PHONE: RateLimitRule = { limit: 10, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

/** A uniformly random 6-digit code (leading zeros kept). */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** What is stored: HMAC-SHA256 of phone and code under the server key (a leaked table reveals no code). */
export function hashCode(phone: string, code: string, key: Buffer): string {
  return createHmac("sha256", key).update(`${phone}:${code}`).digest("hex");
}

export function codeMatches(phone: string, code: string, stored: string, key: Buffer): boolean {
  const a = Buffer.from(hashCode(phone, code, key), "hex");
  const b = Buffer.from(stored, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export const isCodeShape = (code: string) => /^\d{6}$/.test(code);
