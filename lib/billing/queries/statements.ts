import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { bills, creditEntries, households } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { accountBill, billLinesOf, type StatementAccount } from "./household-account";

/**
 * The statements of many households at once (batch print, issue 16 point 7): four set-based
 * queries for the whole list — households, their unpaid bills, those bills' lines, credit
 * balances — instead of six queries per household. A statement lists only what is still
 * owing, so paid and voided bills are not read at all. Households not in the company are
 * left out; the result keeps the order of `householdIds`.
 */
export async function statementAccounts(
  db: DbOrTx,
  companyId: number,
  householdIds: readonly number[],
  today: string,
): Promise<StatementAccount[]> {
  if (householdIds.length === 0) return [];
  const ids = [...householdIds];
  const [heads, unpaid, credits] = await Promise.all([
    db
      .select({ id: households.id, name: households.name, code: households.code })
      .from(households)
      .where(and(eq(households.companyId, companyId), inArray(households.id, ids))),
    db
      .select()
      .from(bills)
      .where(
        and(
          eq(bills.companyId, companyId),
          inArray(bills.householdId, ids),
          eq(bills.voided, false),
          lt(bills.allocatedFen, sql`${bills.linesFen} + ${bills.adjustmentFen}`),
        ),
      ),
    db
      .select({
        householdId: creditEntries.householdId,
        bal: sql<number>`coalesce(sum(${creditEntries.amountFen}), 0)`,
      })
      .from(creditEntries)
      .where(and(eq(creditEntries.companyId, companyId), inArray(creditEntries.householdId, ids)))
      .groupBy(creditEntries.householdId),
  ]);
  const lines = await billLinesOf(
    db,
    companyId,
    unpaid.map((b) => b.id),
  );
  const linesByBill = groupBy(lines, (l) => l.billId);
  // Newest first, as the household's account lists them.
  unpaid.sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
  const billsByHousehold = groupBy(
    unpaid.map((b) => ({ householdId: b.householdId, bill: accountBill(b, linesByBill.get(b.id) ?? [], today) })),
    (x) => x.householdId,
  );
  const creditOf = new Map(credits.map((c) => [c.householdId, Number(c.bal)]));
  const headOf = new Map(heads.map((h) => [h.id, h]));
  return ids.flatMap((id) => {
    const head = headOf.get(id);
    if (!head) return [];
    const owing = (billsByHousehold.get(id) ?? []).map((x) => x.bill);
    return [
      {
        ...head,
        bills: owing,
        outstandingFen: owing.reduce((s, b) => s + b.outstandingFen, 0),
        creditFen: creditOf.get(id) ?? 0,
      },
    ];
  });
}

/** Map.groupBy (not in Node 20). */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
