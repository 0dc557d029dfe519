import { aliasedTable, and, asc, count, eq, gte, lt, lte, sql } from "drizzle-orm";
import { collectionByMonth } from "../summary";
import {
  billingCorrections,
  bills,
  buildings,
  communities,
  contractCustomers,
  contractPayments,
  households,
  payments,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { collectionRateBp, type AgingBucket } from "../rules";
import { arrearsSubquery } from "./arrears";

export type Grouping = "community" | "building" | "butler";

function groupColumns(grouping: Grouping, placement: ReturnType<typeof householdPlacementSubquery>) {
  const butler = aliasedTable(users, "group_butler");
  if (grouping === "community")
    return { key: placement.communityId, name: sql<string | null>`${communities.name}`, butler };
  if (grouping === "building")
    return {
      key: placement.buildingId,
      name: sql<string | null>`${communities.name} || ' ' || ${buildings.name}`,
      butler,
    };
  return { key: placement.butlerUserId, name: sql<string | null>`${butler.name}`, butler };
}

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
  const placement = householdPlacementSubquery(db, companyId);
  const g = groupColumns(grouping, placement);
  const bucket = sql<AgingBucket>`case when ${ar.months} <= 2 then '1-2' when ${ar.months} <= 5 then '3-5' when ${ar.months} <= 11 then '6-11' else '12+' end`;
  const rows = await db
    .select({ key: g.key, name: g.name, bucket, households: count(), owedFen: sql<number>`sum(${ar.owedFen})` })
    .from(ar)
    .leftJoin(placement, eq(placement.householdId, ar.householdId))
    .leftJoin(communities, eq(communities.id, placement.communityId))
    .leftJoin(buildings, eq(buildings.id, placement.buildingId))
    .leftJoin(g.butler, eq(g.butler.id, placement.butlerUserId))
    .groupBy(sql`${g.key}`, g.name, bucket)
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

export interface CollectionRow {
  key: string | number | null;
  name: string | null;
  billedFen: number;
  collectedFen: number;
  rateBp: number | null;
}

/**
 * Collection rate (收缴率) of bills for the periods from..to: collected on those bills /
 * billed (voided bills excluded), by month or by community / building / butler.
 */
export async function collectionReport(
  db: DbOrTx,
  companyId: number,
  from: string,
  to: string,
  grouping: Grouping | "month",
): Promise<CollectionRow[]> {
  // By month: the summary table (lib/billing/summary.ts), kept by triggers in the bills' own transactions.
  if (grouping === "month") return collectionByMonth(db, companyId, from, to);
  const where = and(
    eq(bills.companyId, companyId),
    eq(bills.voided, false),
    gte(bills.period, from),
    lte(bills.period, to),
  );
  const billed = sql<number>`sum(${bills.linesFen} + ${bills.adjustmentFen})`;
  const collected = sql<number>`sum(${bills.allocatedFen})`;
  const placement = householdPlacementSubquery(db, companyId);
  const g = groupColumns(grouping, placement);
  const rows = await db
    .select({ key: g.key, name: g.name, billed, collected })
    .from(bills)
    .leftJoin(placement, eq(placement.householdId, bills.householdId))
    .leftJoin(communities, eq(communities.id, placement.communityId))
    .leftJoin(buildings, eq(buildings.id, placement.buildingId))
    .leftJoin(g.butler, eq(g.butler.id, placement.butlerUserId))
    .where(where)
    .groupBy(sql`${g.key}`, g.name)
    .orderBy(g.name);
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    billedFen: Number(r.billed),
    collectedFen: Number(r.collected),
    rateBp: collectionRateBp(Number(r.collected), Number(r.billed)),
  }));
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
      .select({ count: count(), amountFen: sql<number>`coalesce(sum(${billingCorrections.amountFen}), 0)` })
      .from(billingCorrections)
      .where(
        and(
          eq(billingCorrections.companyId, companyId),
          eq(billingCorrections.kind, "refund"),
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
    refunds: { count: refunds.count, amountFen: Number(refunds.amountFen) },
    totalFen: merged.reduce((s, r) => s + r.amountFen, 0),
    payments: [...list, ...contractList].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()),
  };
}
