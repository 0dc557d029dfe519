import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { allocations, bills } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/** Still owing: the same condition as the partial index bills_open_idx, so the planner uses it. */
export const openBill = sql`${bills.voided} = 0 and ${bills.allocatedFen} < ${bills.linesFen} + ${bills.adjustmentFen}`;
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

/** Monthly bills due before `asOf` with what they owed at `cutoff` (rows owing nothing included; filter on owedFen). */
function unpaidAsOfSubquery(
  db: DbOrTx,
  companyId: number,
  asOf: string,
  cutoff: Date,
  householdIds?: readonly number[],
) {
  const only = householdIds ? inArray(bills.householdId, [...householdIds]) : undefined;
  const paidByCutoff = sql<number>`coalesce((select sum(${allocations.amountFen}) from ${allocations} where ${allocations.billId} = ${bills.id} and ${allocations.createdAt} < ${cutoff.getTime()}), 0)`;
  return (
    db
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
      .as("u")
  );
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
  if (!cutoff) {
    const only = householdIds ? inArray(bills.householdId, [...householdIds]) : undefined;
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
  const inner = unpaidAsOfSubquery(db, companyId, asOf, cutoff, householdIds);
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
  // Grouped in SQL: one row per household in arrears, not one per unpaid bill (a catch-up at
  // 50,000 households read ~100,000 bill rows here, and mapping them held the event loop).
  const u = unpaidAsOfSubquery(db, companyId, asOf, cutoff);
  const rows = await db
    .select({
      householdId: u.householdId,
      months: sql<number>`count(*)`,
      owedFen: sql<number>`sum(${u.owedFen})`,
    })
    .from(u)
    .where(sql`${u.owedFen} > 0`)
    .groupBy(sql`${u.householdId}`);
  return new Map(rows.map((r) => [Number(r.householdId), { months: Number(r.months), owedFen: Number(r.owedFen) }]));
}
