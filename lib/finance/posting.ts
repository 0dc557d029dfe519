/**
 * The finance ledger's automatic postings (lib/finance/ledger.ts): their rows, the marks that
 * make a posting run resumable (the last source id posted, advanced in the transaction that
 * posted it), and the households' communities.
 */
import { and, count, eq, gt, sql } from "drizzle-orm";
import { allocations, contractAllocations, financeEntries, financePostMarks } from "@/db/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import { jsonInsert } from "@/lib/db/json-insert";
import { householdPlacementSubquery } from "@/lib/registry/queries";

export type EntryRow = typeof financeEntries.$inferInsert;
/** Allocations per write transaction (about two entries each): bench:cron's longest write stays under 250 ms. */
export const BATCH = 250;

/** The automatic postings' rows, as one INSERT … SELECT FROM json_each (one statement text whatever the batch size). */
export async function insertEntries(db: DbOrTx, rows: EntryRow[]): Promise<number> {
  const now = Date.now();
  const e = financeEntries;
  const done = await jsonInsert<{ id: number }>(
    db,
    e,
    [e.companyId, e.communityId, e.categoryId, e.kind, e.amountFen, e.occurredOn, e.source, e.sourceKey, e.createdAt],
    rows.map((r) => [
      r.companyId,
      r.communityId ?? null,
      r.categoryId,
      r.kind,
      r.amountFen,
      r.occurredOn,
      r.source,
      r.sourceKey ?? null,
      now,
    ]),
    { onConflictDoNothing: true, returning: { id: e.id } },
  );
  return done.length;
}

export async function readMark(db: DbOrTx, companyId: number, source: string): Promise<number> {
  const [m] = await db
    .select({ lastId: financePostMarks.lastId })
    .from(financePostMarks)
    .where(and(eq(financePostMarks.companyId, companyId), eq(financePostMarks.source, source)));
  return m?.lastId ?? 0;
}

/** Moves the mark forward (never back), in the transaction that posted up to `lastId`. */
export async function advanceMark(tx: DbOrTx, companyId: number, source: string, lastId: number) {
  await tx
    .insert(financePostMarks)
    .values({ companyId, source, lastId })
    .onConflictDoUpdate({
      target: [financePostMarks.companyId, financePostMarks.source],
      set: { lastId: sql`max(${financePostMarks.lastId}, excluded.last_id)` },
    });
}

/**
 * The communities (their main unit's) of the households a batch names, read for those
 * households only and kept in `cache` across batches: reading every household of a big
 * company at once was one long stretch of JavaScript on the event loop.
 */
export async function communitiesOf(
  db: Db,
  companyId: number,
  householdIds: readonly number[],
  cache: Map<number, number | null>,
): Promise<Map<number, number | null>> {
  const missing = [...new Set(householdIds)].filter((id) => !cache.has(id));
  if (!missing.length) return cache;
  const placement = householdPlacementSubquery(db, companyId, missing);
  const rows = await db
    .select({ householdId: placement.householdId, communityId: placement.communityId })
    .from(placement);
  for (const id of missing) cache.set(id, null);
  for (const r of rows) cache.set(Number(r.householdId), r.communityId == null ? null : Number(r.communityId));
  return cache;
}

export interface UnpostedItems {
  payments: { count: number; amountFen: number };
  refunds: { count: number; amountFen: number };
  contract: { count: number; amountFen: number };
}

/**
 * What the ledger has not posted yet (the finance.actuals job, or "post now" on the journal): the
 * household allocations past the "alloc" mark — payments applied (positive) and refunds (negative) —
 * and the contract allocations past the "calloc" mark.
 */
export async function unpostedItems(db: DbOrTx, companyId: number): Promise<UnpostedItems> {
  const [alloc, calloc] = await Promise.all([readMark(db, companyId, "alloc"), readMark(db, companyId, "calloc")]);
  const a = allocations;
  const sums = (cond: ReturnType<typeof sql>) => ({
    count: sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`,
    amountFen: sql<number>`coalesce(sum(case when ${cond} then ${a.amountFen} else 0 end), 0)`,
  });
  const [[household], [contract]] = await Promise.all([
    db
      .select({ pay: sums(sql`${a.amountFen} > 0`), refund: sums(sql`${a.amountFen} < 0`) })
      .from(a)
      .where(and(eq(a.companyId, companyId), gt(a.id, alloc))),
    db
      .select({ count: count(), amountFen: sql<number>`coalesce(sum(${contractAllocations.amountFen}), 0)` })
      .from(contractAllocations)
      .where(and(eq(contractAllocations.companyId, companyId), gt(contractAllocations.id, calloc))),
  ]);
  const pair = (p: { count: number; amountFen: number }) => ({
    count: Number(p.count),
    amountFen: Number(p.amountFen),
  });
  return { payments: pair(household.pay), refunds: pair(household.refund), contract: pair(contract) };
}
