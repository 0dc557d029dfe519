import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";

/**
 * The billing invariants a restored (or any) database must keep for one company:
 * every bill's allocated amount is the sum of its allocations, every payment's amount is
 * its allocations plus its credit, and receipt numbers run 1…n without gaps per year, n
 * being the year's counter. Returns the problems found (empty when all hold).
 */
export async function billingInvariantProblems(db: DbOrTx, companyId: number): Promise<string[]> {
  const problems: string[] = [];
  const bills = await db.all<{ id: number; allocated: number; sum: number }>(sql`
    select b.id, b.allocated_fen as allocated, coalesce((select sum(a.amount_fen) from allocations a where a.bill_id = b.id), 0) as sum
    from bills b where b.company_id = ${companyId}`);
  for (const b of bills)
    if (b.allocated !== b.sum) problems.push(`bill ${b.id}: allocated ${b.allocated}, allocations ${b.sum}`);
  const payments = await db.all<{ id: number; amount: number; allocated: number; credit: number }>(sql`
    select p.id, p.amount_fen as amount,
      coalesce((select sum(a.amount_fen) from allocations a where a.payment_id = p.id), 0) as allocated,
      coalesce((select sum(c.amount_fen) from credit_entries c where c.payment_id = p.id and c.kind = 'payment'), 0) as credit
    from payments p where p.company_id = ${companyId}`);
  for (const p of payments)
    if (p.amount !== p.allocated + p.credit)
      problems.push(`payment ${p.id}: ${p.amount} ≠ ${p.allocated} allocated + ${p.credit} credit`);
  const receipts = await db.all<{ receipt: string }>(sql`
    select receipt_no as receipt from payments where company_id = ${companyId}
    union all select receipt_no from contract_payments where company_id = ${companyId}`);
  const counters = await db.all<{ year: number; last: number }>(
    sql`select year, last from receipt_counters where company_id = ${companyId}`,
  );
  const byYear = new Map<number, number[]>();
  for (const { receipt } of receipts) {
    const [year, n] = receipt.split("-").map(Number);
    byYear.set(year, [...(byYear.get(year) ?? []), n]);
  }
  for (const [year, ns] of byYear) {
    ns.sort((a, b) => a - b);
    if (ns.some((n, i) => n !== i + 1)) problems.push(`receipts of ${year} are not 1…${ns.length} without gaps`);
    const last = counters.find((c) => c.year === year)?.last;
    if (last !== ns.length) problems.push(`receipt counter of ${year} is ${last}, ${ns.length} receipts`);
  }
  return problems;
}
