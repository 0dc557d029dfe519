import { and, asc, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { collectionByMonth } from "../summary";
import {
  billingCorrections,
  buildings,
  communities,
  contractCustomers,
  contractPayments,
  householdPlacements,
  households,
  payments,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { AgingBucket } from "../rules";
import { arrearsSubquery } from "./arrears";
import { collectionByGroup, groupColumns, type CollectionRow, type Grouping } from "./collection";

export type { CollectionRow, Grouping } from "./collection";

export interface AgingRow {
  key: number | null;
  name: string | null;
  buckets: Record<AgingBucket, { households: number; owedFen: number }>;
  households: number;
  owedFen: number;
}

const emptyBuckets = (): AgingRow["buckets"] => ({
  "1-2": { households: 0, owedFen: 0 },
  "3-5": { households: 0, owedFen: 0 },
  "6-11": { households: 0, owedFen: 0 },
  "12+": { households: 0, owedFen: 0 },
});

/** Arrears aging (1–2, 3–5, 6–11, 12+ months) by community, building or butler, in one query. */
export async function agingReport(
  db: DbOrTx,
  companyId: number,
  today: string,
  grouping: Grouping,
): Promise<AgingRow[]> {
  const ar = arrearsSubquery(db, companyId, today);
  // Where each household sits, from the kept table (household_placements) rather than recomputed per household.
  const hp = householdPlacements;
  const g = groupColumns(grouping, hp.buildingId, hp.butlerUserId);
  const bucket = sql<AgingBucket>`case when ${ar.months} <= 2 then '1-2' when ${ar.months} <= 5 then '3-5' when ${ar.months} <= 11 then '6-11' else '12+' end`;
  const rows = await db
    .select({ key: g.key, name: g.name, bucket, households: count(), owedFen: sql<number>`sum(${ar.owedFen})` })
    .from(ar)
    .leftJoin(hp, eq(hp.householdId, ar.householdId))
    .leftJoin(buildings, eq(buildings.id, hp.buildingId))
    .leftJoin(communities, eq(communities.id, buildings.communityId))
    .leftJoin(g.butler, eq(g.butler.id, hp.butlerUserId))
    .groupBy(g.key, g.name, bucket)
    .orderBy(g.name);
  const byKey = new Map<string, AgingRow>();
  for (const r of rows) {
    const k = String(r.key);
    const row = byKey.get(k) ?? { key: r.key, name: r.name, buckets: emptyBuckets(), households: 0, owedFen: 0 };
    row.buckets[r.bucket] = { households: Number(r.households), owedFen: Number(r.owedFen) };
    row.households += Number(r.households);
    row.owedFen += Number(r.owedFen);
    byKey.set(k, row);
  }
  return [...byKey.values()];
}

/** Collection rate by month (billing_period_totals) or by community / building / butler (billing_group_totals). */
export async function collectionReport(
  db: DbOrTx,
  companyId: number,
  from: string,
  to: string,
  grouping: Grouping | "month",
): Promise<CollectionRow[]> {
  if (grouping === "month") return collectionByMonth(db, companyId, from, to);
  return collectionByGroup(db, companyId, from, to, grouping);
}

/** Payments received on one local day, by method, and refunds written that day. `start`/`end` are the day's bounds. */
export async function dailyCash(db: DbOrTx, companyId: number, start: Date, end: Date) {
  const [byMethod, [refunds], list] = await Promise.all([
    db
      .select({ method: payments.method, count: count(), amountFen: sql<number>`sum(${payments.amountFen})` })
      .from(payments)
      .where(and(eq(payments.companyId, companyId), gte(payments.receivedAt, start), lt(payments.receivedAt, end)))
      .groupBy(payments.method)
      .orderBy(payments.method),
    db
      .select({
        count: sql<number>`count(case ${billingCorrections.kind} when 'refund' then 1 end)`,
        // A failed provider refund's reversal gives its amount back.
        amountFen: sql<number>`coalesce(sum(case ${billingCorrections.kind} when 'refund' then ${billingCorrections.amountFen} else -${billingCorrections.amountFen} end), 0)`,
      })
      .from(billingCorrections)
      .where(
        and(
          eq(billingCorrections.companyId, companyId),
          inArray(billingCorrections.kind, ["refund", "refund_reversal"]),
          gte(billingCorrections.createdAt, start),
          lt(billingCorrections.createdAt, end),
        ),
      ),
    db
      .select({
        id: payments.id,
        receiptNo: payments.receiptNo,
        method: payments.method,
        amountFen: payments.amountFen,
        receivedAt: payments.receivedAt,
        householdName: households.name,
        cashier: users.name,
      })
      .from(payments)
      .innerJoin(households, eq(households.id, payments.householdId))
      .leftJoin(users, eq(users.id, payments.actorUserId))
      .where(and(eq(payments.companyId, companyId), gte(payments.receivedAt, start), lt(payments.receivedAt, end)))
      .orderBy(asc(payments.receivedAt))
      .limit(500),
  ]);
  // Contract income (多种经营) received the same day counts too, by method, in the same receipt sequence.
  const contractList = await db
    .select({
      id: contractPayments.id,
      receiptNo: contractPayments.receiptNo,
      method: contractPayments.method,
      amountFen: contractPayments.amountFen,
      receivedAt: contractPayments.receivedAt,
      householdName: contractCustomers.name,
      cashier: users.name,
    })
    .from(contractPayments)
    .innerJoin(contractCustomers, eq(contractCustomers.id, contractPayments.customerId))
    .leftJoin(users, eq(users.id, contractPayments.actorUserId))
    .where(
      and(
        eq(contractPayments.companyId, companyId),
        gte(contractPayments.receivedAt, start),
        lt(contractPayments.receivedAt, end),
      ),
    )
    .orderBy(asc(contractPayments.receivedAt))
    .limit(500);
  const methods = new Map(
    byMethod.map((r) => [r.method, { method: r.method, count: r.count, amountFen: Number(r.amountFen) }]),
  );
  for (const p of contractList) {
    const m = methods.get(p.method) ?? { method: p.method, count: 0, amountFen: 0 };
    methods.set(p.method, { method: p.method, count: m.count + 1, amountFen: m.amountFen + p.amountFen });
  }
  const merged = [...methods.values()].sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  return {
    byMethod: merged,
    refunds: { count: Number(refunds.count), amountFen: Number(refunds.amountFen) },
    totalFen: merged.reduce((s, r) => s + r.amountFen, 0),
    payments: [...list, ...contractList].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()),
  };
}
