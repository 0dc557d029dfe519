import { and, asc, eq, gt, gte, lte, sql } from "drizzle-orm";
import { billingPeriodTotals, bills } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { collectionRateBp } from "./rules";

/*
 * Billing figures read from summary tables instead of the bills (issue 14). billing_period_totals
 * is kept by triggers on `bills` (db/migrations/0025_summary_triggers.sql), so it changes in the
 * same transaction as the bill run, a payment, a correction, a refund or a void.
 */

export interface PeriodTotals {
  period: string;
  bills: number;
  billedFen: number;
  collectedFen: number;
}

/** Billed and collected per period from..to (inclusive, "YYYY-MM"), from the summary: periods with bills. */
export async function periodTotals(db: DbOrTx, companyId: number, from: string, to: string): Promise<PeriodTotals[]> {
  const t = billingPeriodTotals;
  return db
    .select({ period: t.period, bills: t.bills, billedFen: t.billedFen, collectedFen: t.collectedFen })
    .from(t)
    .where(and(eq(t.companyId, companyId), gte(t.period, from), lte(t.period, to), gt(t.bills, 0)))
    .orderBy(asc(t.period));
}

/** The same figures computed from the bills themselves (the summary's definition; tests compare the two). */
export async function periodTotalsFromBills(
  db: DbOrTx,
  companyId: number,
  from: string,
  to: string,
): Promise<PeriodTotals[]> {
  const rows = await db
    .select({
      period: bills.period,
      bills: sql<number>`count(*)`,
      billedFen: sql<number>`sum(${bills.linesFen} + ${bills.adjustmentFen})`,
      collectedFen: sql<number>`sum(${bills.allocatedFen})`,
    })
    .from(bills)
    .where(and(eq(bills.companyId, companyId), eq(bills.voided, false), gte(bills.period, from), lte(bills.period, to)))
    .groupBy(bills.period)
    .orderBy(asc(bills.period));
  return rows.map((r) => ({
    ...r,
    bills: Number(r.bills),
    billedFen: Number(r.billedFen),
    collectedFen: Number(r.collectedFen),
  }));
}

/** Collection rate by month (the report's "month" grouping), from the summary. */
export async function collectionByMonth(db: DbOrTx, companyId: number, from: string, to: string) {
  return (await periodTotals(db, companyId, from, to)).map((r) => ({
    key: r.period as string | number | null,
    name: r.period as string | null,
    billedFen: r.billedFen,
    collectedFen: r.collectedFen,
    rateBp: collectionRateBp(r.collectedFen, r.billedFen),
  }));
}
