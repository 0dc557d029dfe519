import { eq, inArray } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import { checkRateLimit, recordFailure, type RateLimitRule, type RateLimitVerdict } from "./rate-limit-rules";

export interface LimitedKey {
  key: string;
  rule: RateLimitRule;
}

/** Refuses when any of the keys is blocked; reports the longest wait. */
export async function checkLimits(db: DbOrTx, keys: LimitedKey[], nowMs = Date.now()): Promise<RateLimitVerdict> {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(
      inArray(
        rateLimits.key,
        keys.map((k) => k.key),
      ),
    );
  let retryAfterMs = 0;
  for (const row of rows) {
    const verdict = checkRateLimit(row, nowMs);
    if (!verdict.allowed) retryAfterMs = Math.max(retryAfterMs, verdict.retryAfterMs);
  }
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
}

/** Counts one failure against every key, atomically per key. */
export async function recordFailures(db: Db, keys: LimitedKey[], nowMs = Date.now()): Promise<void> {
  for (const { key, rule } of keys) {
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(rateLimits).where(eq(rateLimits.key, key));
      const next = recordFailure(row, nowMs, rule);
      await tx
        .insert(rateLimits)
        .values({ key, ...next })
        .onConflictDoUpdate({ target: rateLimits.key, set: next });
    });
  }
}

export async function resetLimit(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
