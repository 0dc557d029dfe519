import { lineReason } from "../proration";
import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  allocations,
  billingCorrections,
  billLines,
  bills,
  creditEntries,
  feeItems,
  households,
  payments,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { billStatus, paidAheadMonths } from "../rules";
import { monthlyFeeFen } from "./bills";

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
  const lines = await billLinesOf(
    db,
    companyId,
    billRows.map((b) => b.id),
  );
  const billsOut = billRows.map((b) => accountBill(b, lines, today));
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

type BillLineRow = Awaited<ReturnType<typeof billLinesOf>>[number];

/** The lines of the given bills with their fee item, oldest first. */
async function billLinesOf(db: DbOrTx, companyId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
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
    .orderBy(asc(billLines.id));
}

/** One bill as the account shows it: amounts, status, overdue flag and its lines with their reasons. */
function accountBill(b: typeof bills.$inferSelect, lines: BillLineRow[], today: string) {
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
        // A failed provider refund's reversal shows as a negative refund line.
        amountFen: sql<number>`case ${billingCorrections.kind} when 'refund' then ${billingCorrections.amountFen} else -${billingCorrections.amountFen} end`,
        reason: billingCorrections.reason,
        createdAt: billingCorrections.createdAt,
      })
      .from(billingCorrections)
      .where(
        and(
          eq(billingCorrections.companyId, companyId),
          eq(billingCorrections.paymentId, paymentId),
          inArray(billingCorrections.kind, ["refund", "refund_reversal"]),
        ),
      ),
  ]);
  return {
    ...row,
    allocations: allocs.map((a) => ({ ...a, amountFen: Number(a.amountFen) })),
    creditFen: Number(credit.n),
    refunds: refunds.map((r) => ({ ...r, amountFen: Number(r.amountFen) })),
  };
}
