import { createHash, timingSafeEqual } from "node:crypto";

export type CronAuth = "ok" | "unconfigured" | "unauthorized";

/**
 * The cron route's gate (SPEC §10): `Authorization: Bearer $CRON_SECRET`. Fails closed —
 * with no secret configured nothing runs. Compared in constant time (hashes first, so the
 * lengths match).
 */
export function checkCronAuth(header: string | null, secret: string | undefined): CronAuth {
  if (!secret || secret.length < 16) return "unconfigured";
  const m = /^Bearer (.+)$/.exec(header ?? "");
  if (!m) return "unauthorized";
  const a = createHash("sha256").update(m[1]).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b) ? "ok" : "unauthorized";
}

/** A valid calendar date YYYY-MM-DD, or null. */
export function parseAsOf(value: string | null): string | null | "invalid" {
  if (value === null || value === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "invalid";
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : "invalid";
}
