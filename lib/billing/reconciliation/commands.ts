import { and, eq, gte, inArray, like, lt } from "drizzle-orm";
import {
  payments,
  providerRefunds,
  providerStatements,
  reconciliationItems,
  statementRows,
  type ONLINE_PROVIDERS,
} from "@/db/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import { yieldToLoop } from "@/lib/jobs/slice";
import { dayBounds } from "@/lib/time/zone";
import { outTradeNo, sessionIdOf } from "../providers/trade-no";
import type { ParsedStatement, StatementRowKind } from "./parse";
import { matchStatement, type OurEntry } from "./rules";

/*
 * Storing one provider's statement of a day and what matching it found (issue 18). The header's
 * unique key (company, provider, date) makes the write happen once: a re-run or a concurrent run
 * finds the header and writes nothing. Header, rows and items commit together.
 */

export type OnlineProvider = (typeof ONLINE_PROVIDERS)[number];

const CHUNK = 200;
const chunks = <T>(xs: readonly T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Our out_trade_no of a payment recorded through a checkout ("<provider>:<session uuid>"), or null. */
function tradeNoOfKey(provider: string, key: string): string | null {
  if (!key.startsWith(`${provider}:`)) return null;
  const sessionId = key.slice(provider.length + 1);
  return sessionIdOf(outTradeNo(sessionId)) ? outTradeNo(sessionId) : null;
}

export async function statementExists(db: DbOrTx, companyId: number, provider: OnlineProvider, billDate: string) {
  const [row] = await db
    .select({ id: providerStatements.id })
    .from(providerStatements)
    .where(
      and(
        eq(providerStatements.companyId, companyId),
        eq(providerStatements.provider, provider),
        eq(providerStatements.billDate, billDate),
      ),
    );
  return !!row;
}

/** Our payments and refunds the statement names (by ref), wherever they are dated. */
async function knownEntries(db: DbOrTx, companyId: number, provider: OnlineProvider, s: ParsedStatement) {
  const trades = new Map<string, OurEntry>();
  const refunds = new Map<string, OurEntry>();
  const tradeKeys = s.lines.flatMap((l) => {
    const id = l.kind === "trade" ? sessionIdOf(l.outTradeNo) : null;
    return id ? [`${provider}:${id}`] : [];
  });
  for (const keys of chunks(tradeKeys)) {
    const rows = await db
      .select({ id: payments.id, key: payments.idempotencyKey, amountFen: payments.amountFen })
      .from(payments)
      .where(and(eq(payments.companyId, companyId), inArray(payments.idempotencyKey, keys)));
    for (const r of rows) {
      const ref = tradeNoOfKey(provider, r.key)!;
      trades.set(ref, { ref, outTradeNo: ref, amountFen: r.amountFen, paymentId: r.id });
    }
  }
  const refundRefs = s.lines.filter((l) => l.kind === "refund").map((l) => l.outRefundNo);
  for (const refs of chunks(refundRefs)) {
    const rows = await refundsWhere(db, companyId, provider, inArray(providerRefunds.outRefundNo, refs));
    for (const r of rows) refunds.set(r.ref, r);
  }
  return { trade: trades, refund: refunds };
}

async function refundsWhere(
  db: DbOrTx,
  companyId: number,
  provider: OnlineProvider,
  cond: ReturnType<typeof and>,
): Promise<OurEntry[]> {
  const rows = await db
    .select({
      ref: providerRefunds.outRefundNo,
      amountFen: providerRefunds.amountFen,
      paymentId: providerRefunds.paymentId,
      key: payments.idempotencyKey,
    })
    .from(providerRefunds)
    .innerJoin(payments, eq(payments.id, providerRefunds.paymentId))
    .where(and(eq(providerRefunds.companyId, companyId), eq(providerRefunds.provider, provider), cond));
  return rows.map((r) => ({ ...r, outTradeNo: tradeNoOfKey(provider, r.key) ?? "" }));
}

/** Our provider payments and successful refunds dated the company-local day. */
async function entriesOfDay(db: DbOrTx, companyId: number, provider: OnlineProvider, day: { start: Date; end: Date }) {
  const rows = await db
    .select({ id: payments.id, key: payments.idempotencyKey, amountFen: payments.amountFen })
    .from(payments)
    .where(
      and(
        eq(payments.companyId, companyId),
        eq(payments.provider, provider),
        like(payments.idempotencyKey, `${provider}:%`),
        gte(payments.receivedAt, day.start),
        lt(payments.receivedAt, day.end),
      ),
    );
  const trade = rows.flatMap((r) => {
    const ref = tradeNoOfKey(provider, r.key);
    return ref ? [{ ref, outTradeNo: ref, amountFen: r.amountFen, paymentId: r.id }] : [];
  });
  const refund = await refundsWhere(
    db,
    companyId,
    provider,
    and(
      eq(providerRefunds.status, "success"),
      gte(providerRefunds.createdAt, day.start),
      lt(providerRefunds.createdAt, day.end),
    ),
  );
  return { trade, refund } satisfies Record<StatementRowKind, OurEntry[]>;
}

export interface StatementInput {
  companyId: number;
  timeZone: string;
  provider: OnlineProvider;
  billDate: string;
  statement: ParsedStatement;
  sha1: string;
}

/** Stores the statement and its items once; `created` false when it was already there or the day is empty on both sides (nothing written). */
export async function storeStatement(db: Db, s: StatementInput): Promise<{ created: boolean; items: number }> {
  if (await statementExists(db, s.companyId, s.provider, s.billDate)) return { created: false, items: 0 };
  const known = await knownEntries(db, s.companyId, s.provider, s.statement);
  const ofDay = await entriesOfDay(db, s.companyId, s.provider, dayBounds(s.billDate, s.timeZone));
  await yieldToLoop();
  const drafts = matchStatement(s.statement.lines, known, ofDay);
  // Nothing on either side (a quiet day): nothing to store, nothing to show.
  if (!drafts.length) return { created: false, items: 0 };
  const { companyId } = s;
  return db.transaction(async (tx) => {
    const [head] = await tx
      .insert(providerStatements)
      .values({
        companyId,
        provider: s.provider,
        billDate: s.billDate,
        fileHash: s.sha1,
        tradeCount: s.statement.tradeCount,
        tradeFen: s.statement.tradeFen,
        refundCount: s.statement.refundCount,
        refundFen: s.statement.refundFen,
      })
      .onConflictDoNothing()
      .returning({ id: providerStatements.id });
    if (!head) return { created: false, items: 0 };
    for (const part of chunks(s.statement.lines))
      await tx.insert(statementRows).values(part.map((l) => ({ ...l, companyId, statementId: head.id })));
    for (const part of chunks(drafts))
      await tx.insert(reconciliationItems).values(part.map((d) => ({ ...d, companyId, statementId: head.id })));
    return { created: true, items: drafts.length };
  });
}
