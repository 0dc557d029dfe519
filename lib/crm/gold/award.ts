import { and, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import { allocations, bills, creditEntries, goldBadges, households, notifications, residentLinks } from "@/db/schema";
import { paidAheadMonths } from "@/lib/billing/rules";
import type { CronJob } from "@/lib/jobs/types";
import { monthlyFeeFen } from "@/lib/billing/queries/bills";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { createOrderTx } from "@/lib/tickets/create";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { localDate, replayCutoff } from "@/lib/time/zone";
import type { CrmRules } from "../config";
import { appendSentimentEntries } from "../ledger/write";
import { publishedRules } from "../ledger/read";
import { goldCandidates } from "./candidates";
import { goldDedupeKey, goldExpiresOn, shouldAwardGold } from "../rules/gold";

/**
 * §8.4 the gold badge (金章客户). A payment that brings a household's fully-paid-ahead
 * property-fee months to the rules' threshold awards, in the payment's transaction: the
 * ledger entry, the badge, a visit work order for the butler to present the gold service
 * card, and an inbox message to the residents. Never while a badge is active.
 */

export const GOLD_RESIDENT_HREF = "/bills";

/**
 * Fully-paid-ahead months of one household (the same rule as householdAccount): now, or as
 * it stood at `cutoff` (a replayed past day: only credit and allocations before it count).
 */
export async function householdPaidAheadMonths(
  db: DbOrTx,
  companyId: number,
  householdId: number,
  cutoff: Date | null = null,
): Promise<number> {
  const before = (col: typeof creditEntries.createdAt | typeof bills.createdAt) =>
    cutoff ? lt(col, cutoff) : undefined;
  const allocated = cutoff
    ? sql<number>`coalesce((select sum(${allocations.amountFen}) from ${allocations} where ${allocations.billId} = ${bills.id} and ${allocations.createdAt} < ${cutoff.getTime()}), 0)`
    : sql<number>`${bills.allocatedFen}`;
  const [[credit], [owed], monthly] = await Promise.all([
    db
      .select({ fen: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)` })
      .from(creditEntries)
      .where(
        and(
          eq(creditEntries.companyId, companyId),
          eq(creditEntries.householdId, householdId),
          before(creditEntries.createdAt),
        ),
      ),
    db
      .select({ fen: sql<number>`coalesce(sum(${bills.linesFen} + ${bills.adjustmentFen} - ${allocated}), 0)` })
      .from(bills)
      .where(
        and(
          eq(bills.companyId, companyId),
          eq(bills.householdId, householdId),
          eq(bills.voided, false),
          before(bills.createdAt),
        ),
      ),
    monthlyFeeFen(db, companyId, householdId),
  ]);
  return paidAheadMonths(Number(credit.fen), monthly, Number(owed.fen));
}

async function hasActiveBadge(db: DbOrTx, companyId: number, householdId: number, asOf: string) {
  const [row] = await db
    .select({ id: goldBadges.id })
    .from(goldBadges)
    .where(
      and(
        eq(goldBadges.companyId, companyId),
        eq(goldBadges.householdId, householdId),
        gt(goldBadges.expiresOn, asOf),
        isNull(goldBadges.expiredAt),
      ),
    )
    .limit(1);
  return !!row;
}

async function notifyResidents(
  db: DbOrTx,
  companyId: number,
  householdIds: readonly number[],
  kind: "gold.awarded" | "gold.expired",
  payload: (householdId: number) => Record<string, string | number | null>,
  now: Date,
) {
  if (!householdIds.length) return;
  const links = await db
    .select({ userId: residentLinks.userId, householdId: residentLinks.householdId })
    .from(residentLinks)
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        inArray(residentLinks.householdId, [...householdIds]),
        eq(residentLinks.status, "approved"),
      ),
    );
  if (links.length)
    await db.insert(notifications).values(
      links.map((l) => ({
        companyId,
        userId: l.userId,
        kind,
        payload: payload(l.householdId),
        href: GOLD_RESIDENT_HREF,
        createdAt: now,
      })),
    );
}

/**
 * Awards the badge inside the caller's transaction when it is due. Idempotent: the badge
 * (household, awardedOn) and the ledger entry gold:<household>:<awardedOn> are unique, so a
 * second call the same day writes nothing. Returns the badge id when one was awarded.
 */
export async function awardGoldIfDueTx(
  tx: DbOrTx,
  input: {
    companyId: number;
    householdId: number;
    awardedOn: string;
    paymentId?: number | null;
    now: Date;
    rules?: CrmRules;
    cutoff?: Date | null;
  },
): Promise<number | null> {
  const { companyId, householdId, awardedOn, now } = input;
  const rules = input.rules ?? (await publishedRules(tx, companyId));
  if (await hasActiveBadge(tx, companyId, householdId, awardedOn)) return null;
  const months = await householdPaidAheadMonths(tx, companyId, householdId, input.cutoff ?? null);
  if (!shouldAwardGold(rules, months, false)) return null;
  const expiresOn = goldExpiresOn(rules, awardedOn);
  const [badge] = await tx
    .insert(goldBadges)
    .values({ companyId, householdId, awardedOn, expiresOn, paymentId: input.paymentId ?? null, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: goldBadges.id });
  if (!badge) return null;
  await appendSentimentEntries(
    tx,
    companyId,
    rules.initialScore,
    [
      {
        householdId,
        occurredOn: awardedOn,
        rule: "gold_badge",
        step: "award",
        points: rules.gold.points,
        sourceType: input.paymentId ? "payment" : "gold_badge",
        sourceId: input.paymentId ?? badge.id,
        dedupeKey: goldDedupeKey(householdId, awardedOn),
        messageKey: "gold_badge",
        params: { months, expiresOn },
      },
    ],
    now,
  );
  // The butler's home visit to present the gold service card (金章服务卡).
  const p = householdPlacementSubquery(tx, companyId, [householdId]);
  const [place] = await tx
    .select({ unitId: p.unitId, communityId: p.communityId })
    .from(households)
    .leftJoin(p, eq(p.householdId, households.id))
    .where(and(eq(households.companyId, companyId), eq(households.id, householdId)));
  const order = await createOrderTx(
    tx,
    { companyId, userId: null },
    {
      type: "visit",
      source: "system",
      householdId,
      unitId: place?.unitId ?? null,
      communityId: place?.communityId ?? null,
      title: "金章客户：上门赠送金章服务卡",
      description: `金章客户（预交 ${months} 个月物业费），请上门拜访并赠送金章服务卡，有效期至 ${expiresOn}。`,
      text: { key: "crm.goldOrder", params: { months, expiresOn } },
    },
    now,
  );
  await tx.update(goldBadges).set({ workOrderId: order.id }).where(eq(goldBadges.id, badge.id));
  await notifyResidents(
    tx,
    companyId,
    [householdId],
    "gold.awarded",
    () => ({ expiresOn, percent: rules.gold.vipDiscountPercent }),
    now,
  );
  return badge.id;
}

/** The payment hook (lib/flows/record-payment.ts calls it inside the payment's transaction). */
export async function awardGoldForPaymentTx(
  tx: DbOrTx,
  companyId: number,
  householdId: number,
  paymentId: number,
  now: Date,
) {
  const awardedOn = localDate(now, await companyTimeZone(tx, companyId));
  return awardGoldIfDueTx(tx, { companyId, householdId, awardedOn, paymentId, now });
}

/**
 * Daily: badges whose expiry date has come (expiresOn ≤ asOf) are marked expired and their
 * residents told. The conditional update makes a second or overlapping run a no-op.
 */
export const runGoldExpiry: CronJob = async (db, company, asOf, now) => {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(goldBadges)
      .set({ expiredAt: now })
      .where(and(eq(goldBadges.companyId, company.id), lte(goldBadges.expiresOn, asOf), isNull(goldBadges.expiredAt)))
      .returning({ householdId: goldBadges.householdId, expiresOn: goldBadges.expiresOn });
    const byHousehold = new Map(expired.map((e) => [e.householdId, e.expiresOn]));
    await notifyResidents(
      tx,
      company.id,
      [...byHousehold.keys()],
      "gold.expired",
      (h) => ({ expiresOn: byHousehold.get(h) ?? "" }),
      now,
    );
    return { goldExpired: expired.length };
  });
};

/**
 * Daily catch-up (replayed history, fee changes): households already paid ahead by the
 * threshold on asOf without an active badge get one, awarded on asOf. Candidates are found
 * set-based (credit > 0 and nothing owed); each award is its own transaction and
 * idempotent by the same keys as the payment hook.
 */
export const runGoldAward: CronJob = async (db, company, asOf, now) => {
  const rules = await publishedRules(db, company.id);
  const cutoff = replayCutoff(asOf, company.timeZone);
  const candidates = await goldCandidates(db, company.id, asOf, cutoff, rules.gold.prepaidMonths);
  let awarded = 0;
  for (const c of candidates) {
    const id = await db.transaction((tx) =>
      awardGoldIfDueTx(tx, { companyId: company.id, householdId: c.id, awardedOn: asOf, now, rules, cutoff }),
    );
    if (id) awarded++;
  }
  return { goldAwarded: awarded, candidates: candidates.length };
};
