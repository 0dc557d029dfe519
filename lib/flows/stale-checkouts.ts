import { and, asc, eq, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { checkoutSessions } from "@/db/schema";
import type { KeySource } from "@/lib/billing/payment-accounts/queries";
import { secretsKey } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db/client";
import { isClosedAtProvider, syncProviderCheckout } from "./desk-checkout";

/** A provider checkout still open this long is asked about at the provider… */
export const STALE_AFTER_MS = 3 * 60_000;
/** …and asked again no sooner than this (an unscanned QR, a payer who walked away). */
export const REQUERY_AFTER_MS = 5 * 60_000;
/** Checkouts asked about per tick (each is one provider call). */
const PER_TICK = 20;

/**
 * The minute tick's stale-checkout query: WeChat Pay / Alipay checkouts open for a few minutes are
 * queried at the provider (the notification may have been lost); paid ones are recorded through the
 * webhook path (once), closed ones expire. One set-based statement claims the due ones (the open
 * checkouts' partial index; nothing due = one cheap statement), stamping `queried_at` in the same
 * conditional update, so two ticks at once never ask about the same checkout twice.
 */
export async function queryStaleCheckouts(
  db: Db,
  now: Date,
  companyIds?: readonly number[],
  key: KeySource = secretsKey,
) {
  const due = db
    .select({ id: checkoutSessions.id })
    .from(checkoutSessions)
    .where(
      and(
        eq(checkoutSessions.status, "open"),
        lt(checkoutSessions.createdAt, new Date(now.getTime() - STALE_AFTER_MS)),
        ne(checkoutSessions.provider, "sandbox"),
        or(
          isNull(checkoutSessions.queriedAt),
          lt(checkoutSessions.queriedAt, new Date(now.getTime() - REQUERY_AFTER_MS)),
        ),
        companyIds ? inArray(checkoutSessions.companyId, [...companyIds]) : undefined,
      ),
    )
    .orderBy(asc(checkoutSessions.createdAt))
    .limit(PER_TICK);
  const claimed = await db
    .update(checkoutSessions)
    .set({ queriedAt: now })
    .where(
      and(
        inArray(checkoutSessions.id, due),
        eq(checkoutSessions.status, "open"),
        or(
          isNull(checkoutSessions.queriedAt),
          lt(checkoutSessions.queriedAt, new Date(now.getTime() - REQUERY_AFTER_MS)),
        ),
      ),
    )
    .returning({ id: checkoutSessions.id, companyId: checkoutSessions.companyId, provider: checkoutSessions.provider });
  const counts = { queried: claimed.length, expired: 0, failed: 0 };
  for (const s of claimed) {
    try {
      const state = await syncProviderCheckout(db, key, s);
      if (state && isClosedAtProvider(state)) {
        const res = await db
          .update(checkoutSessions)
          .set({ status: "expired" })
          .where(and(eq(checkoutSessions.id, s.id), eq(checkoutSessions.status, "open")));
        counts.expired += res.rowsAffected;
      }
    } catch (e) {
      counts.failed += 1;
      console.error("[tick] stale checkout query failed", s.id, e);
    }
  }
  return counts;
}
