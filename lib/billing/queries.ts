import { lineReason } from "./proration";
import { aliasedTable, and, asc, count, desc, eq, gte, inArray, lt, lte, sql, type SQL, isNull } from "drizzle-orm";
import {
  allocations,
  billingCorrections,
  billLines,
  bills,
  buildings,
  communities,
  contractCustomers,
  contractPayments,
  creditEntries,
  feeItems,
  householdUnits,
  households,
  payments,
  residentLinks,
  units,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { getBillingSettings } from "./generate";
import { collectionByMonth } from "./summary";
import { areaLineFen, billStatus, collectionRateBp, paidAheadMonths, type AgingBucket } from "./rules";

/** Still owing: the same condition as the partial index bills_open_idx, so the planner uses it. */
const openBill = sql`${bills.voided} = 0 and ${bills.allocatedFen} < ${bills.linesFen} + ${bills.adjustmentFen}`;
const outstanding = sql<number>`${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen}`;

/**
 * Months in arrears (SPEC §4) and the amount owed on those months for every household of
 * the company in one query: monthly bills due before `today` (YYYY-MM-DD) and not fully paid
 * (one-off charges are owed too, but are not months).
 * Households with none are absent.
 */
export function arrearsSubquery(db: DbOrTx, companyId: number, today: string) {
  return (
    db
      .select({
        householdId: sql<number>`${bills.householdId}`.as("ar_household_id"),
        months: sql<number>`count(*)`.as("ar_months"),
        owedFen: sql<number>`sum(${outstanding})`.as("ar_owed_fen"),
      })
      // The partial index holds only the bills still owing (a few percent of all), so name it:
      // without statistics the planner would take the (company, due date) index and read every bill.
      .from(sql`${bills} indexed by bills_open_idx`)
      .where(and(eq(bills.companyId, companyId), openBill, lt(bills.dueDate, today), eq(bills.kind, "monthly")))
      .groupBy(bills.householdId)
      .as("arrears")
  );
}

export async function monthsInArrearsByHousehold(
  db: DbOrTx,
  companyId: number,
  today: string,
): Promise<Map<number, { months: number; owedFen: number }>> {
  const ar = arrearsSubquery(db, companyId, today);
  const rows = await db.select().from(ar);
  return new Map(rows.map((r) => [r.householdId, { months: Number(r.months), owedFen: Number(r.owedFen) }]));
}

/**
 * Unpaid monthly bills due before `asOf` as they stood at `cutoff` (the end of that day): only
 * money allocated before the cutoff counts, so replaying a past date (the cron's catch-up, the
 * seed's history) sees the arrears of that day, not today's. `cutoff` null = the current state
 * (today's run), read through the open-bills index. Optionally limited to some households.
 */
export async function unpaidMonthlyBillsAsOf(
  db: DbOrTx,
  companyId: number,
  asOf: string,
  cutoff: Date | null,
  householdIds?: readonly number[],
) {
  const only = householdIds ? inArray(bills.householdId, [...householdIds]) : undefined;
  if (!cutoff) {
    const rows = await db
      .select({
        householdId: sql<number>`${bills.householdId}`,
        period: sql<string>`${bills.period}`,
        dueDate: sql<string>`${bills.dueDate}`,
        owedFen: outstanding,
      })
      .from(sql`${bills} indexed by bills_open_idx`)
      .where(and(eq(bills.companyId, companyId), openBill, lt(bills.dueDate, asOf), eq(bills.kind, "monthly"), only))
      .orderBy(sql`${bills.householdId}`, sql`${bills.period}`);
    return rows.map((r) => ({ ...r, householdId: Number(r.householdId), owedFen: Number(r.owedFen) }));
  }
  const paidByCutoff = sql<number>`coalesce((select sum(${allocations.amountFen}) from ${allocations} where ${allocations.billId} = ${bills.id} and ${allocations.createdAt} < ${cutoff.getTime()}), 0)`;
  const inner = db
    .select({
      householdId: sql<number>`${bills.householdId}`.as("u_household_id"),
      period: sql<string>`${bills.period}`.as("u_period"),
      dueDate: sql<string>`${bills.dueDate}`.as("u_due_date"),
      owedFen: sql<number>`${bills.linesFen} + ${bills.adjustmentFen} - ${paidByCutoff}`.as("u_owed_fen"),
    })
    .from(bills)
    // With a household list, "+company_id" keeps the scope but lets the planner read the household index.
    .where(
      and(
        householdIds ? sql`+${bills.companyId} = ${companyId}` : eq(bills.companyId, companyId),
        eq(bills.voided, false),
        lt(bills.dueDate, asOf),
        eq(bills.kind, "monthly"),
        only,
      ),
    )
    .as("u");
  const rows = await db
    .select()
    .from(inner)
    .where(sql`${inner.owedFen} > 0`)
    .orderBy(sql`${inner.householdId}`, sql`${inner.period}`);
  return rows.map((r) => ({
    householdId: Number(r.householdId),
    period: r.period,
    dueDate: r.dueDate,
    owedFen: Number(r.owedFen),
  }));
}

/** Months in arrears per household as of a date (see unpaidMonthlyBillsAsOf); cutoff null = today's state. */
export async function monthsInArrearsAsOf(
  db: DbOrTx,
  companyId: number,
  asOf: string,
  cutoff: Date | null,
): Promise<Map<number, { months: number; owedFen: number }>> {
  if (!cutoff) return monthsInArrearsByHousehold(db, companyId, asOf);
  const out = new Map<number, { months: number; owedFen: number }>();
  for (const r of await unpaidMonthlyBillsAsOf(db, companyId, asOf, cutoff)) {
    const cur = out.get(r.householdId) ?? { months: 0, owedFen: 0 };
    out.set(r.householdId, { months: cur.months + 1, owedFen: cur.owedFen + r.owedFen });
  }
  return out;
}

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

export const BILL_PAGE_SIZE = 50;
export const BILL_STATUSES = ["unpaid", "partial", "paid", "voided"] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

function statusCondition(status: BillStatus | undefined): SQL | undefined {
  switch (status) {
    case "voided":
      return eq(bills.voided, true);
    case "paid":
      return sql`${bills.voided} = 0 and ${bills.allocatedFen} >= ${bills.linesFen} + ${bills.adjustmentFen}`;
    case "partial":
      return sql`${openBill} and ${bills.allocatedFen} > 0`;
    case "unpaid":
      return sql`${openBill} and ${bills.allocatedFen} = 0`;
    default:
      return undefined;
  }
}

/** Bills of a month, optionally by status and building, a page at a time. */
export async function listBills(
  db: DbOrTx,
  companyId: number,
  filter: { period: string; status?: BillStatus; buildingId?: number; page?: number },
) {
  const placement = householdPlacementSubquery(db, companyId);
  const where = and(
    eq(bills.companyId, companyId),
    eq(bills.period, filter.period),
    statusCondition(filter.status),
    filter.buildingId ? eq(placement.buildingId, filter.buildingId) : undefined,
  );
  const page = Math.max(1, filter.page ?? 1);
  const [rows, [total], [sums]] = await Promise.all([
    db
      .select({
        id: bills.id,
        householdId: bills.householdId,
        householdName: households.name,
        buildingCode: buildings.code,
        unitNumber: units.number,
        dueDate: bills.dueDate,
        amountFen: sql<number>`${bills.linesFen} + ${bills.adjustmentFen}`,
        allocatedFen: bills.allocatedFen,
        voided: bills.voided,
      })
      .from(bills)
      .innerJoin(households, eq(households.id, bills.householdId))
      .leftJoin(placement, eq(placement.householdId, bills.householdId))
      .leftJoin(units, eq(units.id, placement.unitId))
      .leftJoin(buildings, eq(buildings.id, placement.buildingId))
      .where(where)
      .orderBy(
        sql`length(${buildings.code})`,
        asc(buildings.code),
        sql`length(${units.number})`,
        asc(units.number),
        asc(bills.id),
      )
      .limit(BILL_PAGE_SIZE)
      .offset((page - 1) * BILL_PAGE_SIZE),
    db
      .select({ n: count() })
      .from(bills)
      .leftJoin(placement, eq(placement.householdId, bills.householdId))
      .where(where),
    db
      .select({
        amountFen: sql<number>`coalesce(sum(${bills.linesFen} + ${bills.adjustmentFen}), 0)`,
        allocatedFen: sql<number>`coalesce(sum(${bills.allocatedFen}), 0)`,
      })
      .from(bills)
      .leftJoin(placement, eq(placement.householdId, bills.householdId))
      .where(and(where, eq(bills.voided, false))),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      amountFen: Number(r.amountFen),
      status: billStatus({ amountFen: Number(r.amountFen), allocatedFen: r.allocatedFen, voided: r.voided }),
    })),
    total: total.n,
    page,
    pageSize: BILL_PAGE_SIZE,
    sums: { amountFen: Number(sums.amountFen), allocatedFen: Number(sums.allocatedFen) },
  };
}

/** The household ids a resident may act for: approved links in the company. */
export async function residentHouseholdIds(db: DbOrTx, companyId: number, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: residentLinks.householdId })
    .from(residentLinks)
    .innerJoin(households, and(eq(households.id, residentLinks.householdId), eq(households.companyId, companyId)))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        eq(residentLinks.status, "approved"),
      ),
    );
  return rows.map((r) => r.id);
}

/** What one household is charged each month at today's fee items (the basis for paying ahead). */
export async function monthlyFeeFen(db: DbOrTx, companyId: number, householdId: number): Promise<number> {
  const [settings, items, held] = await Promise.all([
    getBillingSettings(db, companyId),
    db
      .select()
      .from(feeItems)
      .where(and(eq(feeItems.companyId, companyId), eq(feeItems.active, true))),
    db
      .select({ type: units.type, area: units.areaCentiM2 })
      .from(householdUnits)
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .where(
        and(
          eq(householdUnits.companyId, companyId),
          eq(householdUnits.householdId, householdId),
          isNull(householdUnits.toDate),
        ),
      ),
  ]);
  if (held.length === 0) return 0;
  let total = 0;
  for (const item of items) {
    if (item.kind === "per_household") total += item.priceFen;
    for (const u of held) {
      if (item.kind === "per_area" && u.type !== "parking")
        total += areaLineFen(item.priceFen, u.area, settings.rounding);
      if (item.kind === "per_parking" && u.type === "parking") total += item.priceFen;
    }
  }
  return total;
}

/** One household's account: bills (newest first) with lines, payments, credit, arrears, paid-ahead months. */
export async function householdAccount(db: DbOrTx, companyId: number, householdId: number, today: string) {
  const [head] = await db
    .select({ id: households.id, name: households.name, code: households.code })
    .from(households)
    .where(and(eq(households.companyId, companyId), eq(households.id, householdId)));
  if (!head) return null;
  const [billRows, paymentRows, [credit], monthly, corrections] = await Promise.all([
    db
      .select()
      .from(bills)
      .where(and(eq(bills.companyId, companyId), eq(bills.householdId, householdId)))
      .orderBy(desc(bills.period))
      .limit(120),
    db
      .select()
      .from(payments)
      .where(and(eq(payments.companyId, companyId), eq(payments.householdId, householdId)))
      .orderBy(desc(payments.receivedAt), desc(payments.id))
      .limit(100),
    db
      .select({ bal: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)` })
      .from(creditEntries)
      .where(and(eq(creditEntries.companyId, companyId), eq(creditEntries.householdId, householdId))),
    monthlyFeeFen(db, companyId, householdId),
    db
      .select({
        id: billingCorrections.id,
        kind: billingCorrections.kind,
        billId: billingCorrections.billId,
        paymentId: billingCorrections.paymentId,
        amountFen: billingCorrections.amountFen,
        reason: billingCorrections.reason,
        createdAt: billingCorrections.createdAt,
        actorName: users.name,
      })
      .from(billingCorrections)
      .innerJoin(users, eq(users.id, billingCorrections.actorUserId))
      .where(and(eq(billingCorrections.companyId, companyId), eq(billingCorrections.householdId, householdId)))
      .orderBy(desc(billingCorrections.id)),
  ]);
  const ids = billRows.map((b) => b.id);
  const lines = ids.length
    ? await db
        .select({
          billId: billLines.billId,
          feeItemId: billLines.feeItemId,
          name: feeItems.name,
          kind: feeItems.kind,
          quantity: billLines.quantity,
          priceFen: billLines.priceFen,
          amountFen: billLines.amountFen,
          reasonKey: billLines.reasonKey,
          reasonParams: billLines.reasonParams,
        })
        .from(billLines)
        .innerJoin(feeItems, eq(feeItems.id, billLines.feeItemId))
        .where(and(eq(billLines.companyId, companyId), inArray(billLines.billId, ids)))
        .orderBy(asc(billLines.id))
    : [];
  const billsOut = billRows.map((b) => {
    const amountFen = b.linesFen + b.adjustmentFen;
    return {
      id: b.id,
      period: b.period,
      dueDate: b.dueDate,
      linesFen: b.linesFen,
      adjustmentFen: b.adjustmentFen,
      amountFen,
      allocatedFen: b.allocatedFen,
      outstandingFen: b.voided ? 0 : amountFen - b.allocatedFen,
      status: billStatus({ amountFen, allocatedFen: b.allocatedFen, voided: b.voided }),
      kind: b.kind,
      overdue: !b.voided && b.allocatedFen < amountFen && b.dueDate < today,
      lines: lines
        .filter((l) => l.billId === b.id)
        .map(({ reasonKey, reasonParams, ...l }) => ({ ...l, reason: lineReason(reasonKey, reasonParams) })),
    };
  });
  const outstandingFen = billsOut.reduce((s, b) => s + b.outstandingFen, 0);
  const creditFen = Number(credit.bal);
  return {
    ...head,
    bills: billsOut,
    payments: paymentRows,
    corrections,
    creditFen,
    outstandingFen,
    monthlyFen: monthly,
    monthsInArrears: billsOut.filter((b) => b.overdue && b.kind === "monthly").length,
    paidAheadMonths: paidAheadMonths(creditFen, monthly, outstandingFen),
  };
}

export type HouseholdAccount = NonNullable<Awaited<ReturnType<typeof householdAccount>>>;

/** One payment with its allocations, for the receipt. */
export async function paymentReceipt(db: DbOrTx, companyId: number, paymentId: number) {
  const cashier = aliasedTable(users, "cashier");
  const [row] = await db
    .select({
      payment: payments,
      householdName: households.name,
      householdCode: households.code,
      cashierName: cashier.name,
    })
    .from(payments)
    .innerJoin(households, eq(households.id, payments.householdId))
    .leftJoin(cashier, eq(cashier.id, payments.actorUserId))
    .where(and(eq(payments.companyId, companyId), eq(payments.id, paymentId)));
  if (!row) return null;
  const [allocs, [credit], refunds] = await Promise.all([
    db
      .select({ billId: bills.id, period: bills.period, amountFen: sql<number>`sum(${allocations.amountFen})` })
      .from(allocations)
      .innerJoin(bills, eq(bills.id, allocations.billId))
      .where(
        and(
          eq(allocations.companyId, companyId),
          eq(allocations.paymentId, paymentId),
          sql`${allocations.amountFen} > 0`,
        ),
      )
      .groupBy(bills.id, bills.period)
      .orderBy(asc(bills.period)),
    db
      .select({ n: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)` })
      .from(creditEntries)
      .where(
        and(
          eq(creditEntries.companyId, companyId),
          eq(creditEntries.paymentId, paymentId),
          eq(creditEntries.kind, "payment"),
        ),
      ),
    db
      .select({
        amountFen: billingCorrections.amountFen,
        reason: billingCorrections.reason,
        createdAt: billingCorrections.createdAt,
      })
      .from(billingCorrections)
      .where(
        and(
          eq(billingCorrections.companyId, companyId),
          eq(billingCorrections.paymentId, paymentId),
          eq(billingCorrections.kind, "refund"),
        ),
      ),
  ]);
  return {
    ...row,
    allocations: allocs.map((a) => ({ ...a, amountFen: Number(a.amountFen) })),
    creditFen: Number(credit.n),
    refunds,
  };
}

/** Fee items of the company. */
export async function listFeeItems(db: DbOrTx, companyId: number) {
  return db.select().from(feeItems).where(eq(feeItems.companyId, companyId)).orderBy(asc(feeItems.id));
}

/** Per building, every household with an open bill, for the batch statement print. */
export async function buildingStatementHouseholds(db: DbOrTx, companyId: number, buildingId: number) {
  const placement = householdPlacementSubquery(db, companyId);
  return db
    .select({ id: households.id, name: households.name, unitNumber: units.number })
    .from(households)
    .innerJoin(placement, eq(placement.householdId, households.id))
    .innerJoin(units, eq(units.id, placement.unitId))
    .where(and(eq(households.companyId, companyId), eq(placement.buildingId, buildingId), eq(households.active, true)))
    .orderBy(sql`length(${units.number})`, asc(units.number));
}

/** Every building of the company with its community, for filters. */
export async function companyBuildings(db: DbOrTx, companyId: number) {
  return db
    .select({ id: buildings.id, name: buildings.name, communityName: communities.name })
    .from(buildings)
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .where(eq(buildings.companyId, companyId))
    .orderBy(asc(communities.name), sql`length(${buildings.code})`, asc(buildings.code));
}
