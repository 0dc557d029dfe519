import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { payments, providerStatements, reconciliationItems, reconciliationResolutions, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { OnlineProvider } from "./commands";

/** The latest statement days per provider with their item counts (finance's list). */
export async function reconciliationDays(db: DbOrTx, companyId: number, limit = 60) {
  return db
    .select({
      id: providerStatements.id,
      provider: providerStatements.provider,
      billDate: providerStatements.billDate,
      tradeCount: providerStatements.tradeCount,
      tradeFen: providerStatements.tradeFen,
      matched: sql<number>`count(case when ${reconciliationItems.status} = 'matched' then 1 end)`,
      mismatched: sql<number>`count(case when ${reconciliationItems.status} <> 'matched' then 1 end)`,
      open: sql<number>`count(case when ${reconciliationItems.status} <> 'matched' and ${reconciliationResolutions.id} is null then 1 end)`,
    })
    .from(providerStatements)
    .leftJoin(reconciliationItems, eq(reconciliationItems.statementId, providerStatements.id))
    .leftJoin(reconciliationResolutions, eq(reconciliationResolutions.itemId, reconciliationItems.id))
    .where(eq(providerStatements.companyId, companyId))
    .groupBy(providerStatements.id)
    .orderBy(desc(providerStatements.billDate), providerStatements.provider)
    .limit(limit);
}

/** One provider's day: the statement and its mismatches (with their resolution, if any). */
export async function reconciliationDay(db: DbOrTx, companyId: number, provider: OnlineProvider, billDate: string) {
  const [statement] = await db
    .select()
    .from(providerStatements)
    .where(
      and(
        eq(providerStatements.companyId, companyId),
        eq(providerStatements.provider, provider),
        eq(providerStatements.billDate, billDate),
      ),
    );
  if (!statement) return null;
  const items = await db
    .select({
      id: reconciliationItems.id,
      kind: reconciliationItems.kind,
      ref: reconciliationItems.ref,
      outTradeNo: reconciliationItems.outTradeNo,
      providerTradeNo: reconciliationItems.providerTradeNo,
      status: reconciliationItems.status,
      statementFen: reconciliationItems.statementFen,
      oursFen: reconciliationItems.oursFen,
      action: reconciliationResolutions.action,
      reason: reconciliationResolutions.reason,
      resolvedBy: users.name,
      receiptNo: payments.receiptNo,
    })
    .from(reconciliationItems)
    .leftJoin(reconciliationResolutions, eq(reconciliationResolutions.itemId, reconciliationItems.id))
    .leftJoin(users, eq(users.id, reconciliationResolutions.actorUserId))
    .leftJoin(payments, eq(payments.id, reconciliationResolutions.paymentId))
    .where(
      and(
        eq(reconciliationItems.companyId, companyId),
        eq(reconciliationItems.statementId, statement.id),
        ne(reconciliationItems.status, "matched"),
      ),
    )
    .orderBy(reconciliationItems.id);
  return { statement, items };
}

/** The statements' totals per provider for a date (the daily cash report). */
export async function statementTotals(db: DbOrTx, companyId: number, billDate: string) {
  return db
    .select({
      provider: providerStatements.provider,
      tradeCount: providerStatements.tradeCount,
      tradeFen: providerStatements.tradeFen,
      refundCount: providerStatements.refundCount,
      refundFen: providerStatements.refundFen,
    })
    .from(providerStatements)
    .where(and(eq(providerStatements.companyId, companyId), eq(providerStatements.billDate, billDate)))
    .orderBy(providerStatements.provider);
}
