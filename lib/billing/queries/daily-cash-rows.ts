import { and, asc, eq, gt, gte, lt, or } from "drizzle-orm";
import { contractCustomers, contractPayments, households, payments, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { timeSlicer } from "@/lib/jobs/slice";

/** One received payment of the day as the daily-cash export lists it. */
export interface CashRow {
  id: number;
  receiptNo: string;
  method: string;
  amountFen: number;
  receivedAt: Date;
  householdName: string;
  cashier: string | null;
}

type After = { receivedAt: Date; id: number } | null;

/** Rows after the keyset (receivedAt, id). */
const afterKey = (
  at: typeof payments.receivedAt | typeof contractPayments.receivedAt,
  id: typeof payments.id | typeof contractPayments.id,
  after: After,
) => (after ? or(gt(at, after.receivedAt), and(eq(at, after.receivedAt), gt(id, after.id))) : undefined);

function paymentsPage(db: DbOrTx, companyId: number, start: Date, end: Date, after: After, size: number) {
  return db
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
    .where(
      and(
        eq(payments.companyId, companyId),
        gte(payments.receivedAt, start),
        lt(payments.receivedAt, end),
        afterKey(payments.receivedAt, payments.id, after),
      ),
    )
    .orderBy(asc(payments.receivedAt), asc(payments.id))
    .limit(size);
}

function contractPage(db: DbOrTx, companyId: number, start: Date, end: Date, after: After, size: number) {
  return db
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
        afterKey(contractPayments.receivedAt, contractPayments.id, after),
      ),
    )
    .orderBy(asc(contractPayments.receivedAt), asc(contractPayments.id))
    .limit(size);
}

/** Every row of one source, a keyset page at a time. */
async function* keyset(page: (after: After) => Promise<CashRow[]>, size: number): AsyncGenerator<CashRow> {
  let after: After = null;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1];
  }
}

/**
 * The day's received payments — property fees and contract income (多种经营) — oldest first,
 * in pages of `size` rows: each source is read by keyset pagination on (received at, id) and
 * the two are merged by time (a fee payment before contract income at the same instant), so
 * the export never holds the whole day in memory and has no row cap.
 */
export async function* dailyCashRows(
  db: DbOrTx,
  companyId: number,
  start: Date,
  end: Date,
  size = 500,
): AsyncGenerator<CashRow[]> {
  const fees = keyset((after) => paymentsPage(db, companyId, start, end, after, size), size);
  const contracts = keyset((after) => contractPage(db, companyId, start, end, after, size), size);
  let f = await fees.next();
  let c = await contracts.next();
  let out: CashRow[] = [];
  // Rows of a page already read come back without I/O: yield to the loop every slice.
  const pause = timeSlicer();
  while (!f.done || !c.done) {
    await pause();
    const takeFee = !f.done && (c.done || f.value.receivedAt.getTime() <= c.value.receivedAt.getTime());
    if (takeFee) {
      out.push(f.value as CashRow);
      f = await fees.next();
    } else {
      out.push(c.value as CashRow);
      c = await contracts.next();
    }
    if (out.length === size) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}
