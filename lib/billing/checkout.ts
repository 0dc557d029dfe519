import { randomUUID } from "node:crypto";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { bills, checkoutSessions } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { monthlyFeeFen, residentHouseholdIds } from "./queries/bills";

export { MAX_AHEAD_MONTHS } from "./limits";

/**
 * Opens a checkout for a resident: the chosen bills (all of them must be the household's,
 * open and not voided), plus `aheadMonths` months of the household's monthly fees held as
 * credit, to be paid through `provider`. The household must be one of the resident's approved households: anything else —
 * another household, a tampered bill id — is not_found and writes nothing.
 */
export async function createCheckout(
  db: Db,
  ctx: { companyId: number; userId: number },
  input: { householdId: number; billIds: number[]; aheadMonths: number },
  provider: "sandbox" | "wechatpay" | "alipay" = "sandbox",
) {
  const mine = await residentHouseholdIds(db, ctx.companyId, ctx.userId);
  if (!mine.includes(input.householdId)) throw new AppError("not_found");
  const ids = [...new Set(input.billIds)];
  const billsFen = await owedOnBills(db, ctx.companyId, input.householdId, ids);
  const aheadFen =
    input.aheadMonths > 0 ? input.aheadMonths * (await monthlyFeeFen(db, ctx.companyId, input.householdId)) : 0;
  const amountFen = billsFen + aheadFen;
  if (amountFen <= 0) throw AppError.field("_form", "billing.errors.nothingToPay");
  const id = randomUUID();
  await db.insert(checkoutSessions).values({
    id,
    companyId: ctx.companyId,
    householdId: input.householdId,
    userId: ctx.userId,
    amountFen,
    billIds: ids,
    provider,
  });
  return { id, amountFen };
}

/**
 * What the chosen bills still owe, computed here from our rows (never from the browser): every
 * bill must be the household's in this company (else not_found), not voided and not paid.
 */
export async function owedOnBills(db: DbOrTx, companyId: number, householdId: number, ids: readonly number[]) {
  if (!ids.length) return 0;
  const rows = await db
    .select({
      id: bills.id,
      voided: bills.voided,
      owed: sql<number>`${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen}`,
    })
    .from(bills)
    .where(and(eq(bills.companyId, companyId), eq(bills.householdId, householdId), inArray(bills.id, [...ids])));
  if (rows.length !== ids.length) throw new AppError("not_found");
  if (rows.some((r) => r.voided)) throw AppError.field("billIds", "billing.errors.billVoided");
  if (rows.some((r) => Number(r.owed) <= 0)) throw AppError.field("billIds", "billing.errors.billPaid");
  return rows.reduce((s, r) => s + Number(r.owed), 0);
}

/** A resident's own checkout session (or null). */
export async function getCheckout(db: DbOrTx, companyId: number, userId: number, id: string) {
  const [row] = await db
    .select()
    .from(checkoutSessions)
    .where(
      and(eq(checkoutSessions.companyId, companyId), eq(checkoutSessions.userId, userId), eq(checkoutSessions.id, id)),
    );
  return row ?? null;
}

/** How long a resident's checkout stays payable; the minute tick expires older open ones. */
export const CHECKOUT_TTL_MS = 2 * 60 * 60_000;
/** Sessions expired per statement (short write transactions). */
const EXPIRE_CHUNK = 500;

/**
 * The minute tick's checkout expiry: open sessions older than CHECKOUT_TTL_MS become
 * "expired" (the hosted page no longer offers to pay). One indexed query finds them
 * (checkout_sessions_open_idx); the update is conditional, so a session paid meanwhile stays paid.
 * A provider's late "paid" webhook for an expired session is still honoured — the money was taken.
 */
export async function expireCheckouts(db: Db, now: Date, companyIds?: readonly number[]) {
  const cutoff = new Date(now.getTime() - CHECKOUT_TTL_MS);
  let expired = 0;
  for (;;) {
    const due = await db
      .select({ id: checkoutSessions.id })
      .from(checkoutSessions)
      .where(
        and(
          eq(checkoutSessions.status, "open"),
          lt(checkoutSessions.createdAt, cutoff),
          companyIds ? inArray(checkoutSessions.companyId, [...companyIds]) : undefined,
        ),
      )
      .limit(EXPIRE_CHUNK);
    if (!due.length) break;
    const res = await db
      .update(checkoutSessions)
      .set({ status: "expired" })
      .where(
        and(
          inArray(
            checkoutSessions.id,
            due.map((d) => d.id),
          ),
          eq(checkoutSessions.status, "open"),
        ),
      );
    expired += res.rowsAffected;
    if (due.length < EXPIRE_CHUNK) break;
  }
  return { expired };
}
