import { and, eq } from "drizzle-orm";
import { checkoutSessions, providerStatements, reconciliationItems, reconciliationResolutions } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { ResolveItemInput } from "@/lib/billing/reconciliation/schemas";
import { sessionIdOf } from "@/lib/billing/providers/trade-no";
import type { PaymentProvider } from "@/lib/billing/providers/types";
import type { Db } from "@/lib/db/client";
import { handleWebhook } from "./checkout-webhook";

/*
 * Finance settles a reconciliation mismatch (issue 18). "record": a transaction the provider's
 * statement has and we do not is recorded through the normal payment path — the checkout webhook's
 * (idempotency key "<provider>:<session>", the key a late notification also uses, so the money is
 * credited once whichever comes first) with the statement's trade number as the reference.
 * "flag": the item is marked with the reason. Either way one resolution row (unique per item) with
 * the actor, and an audit entry; a second click changes nothing.
 */

async function itemOf(db: Db, companyId: number, itemId: number) {
  const [row] = await db
    .select({ item: reconciliationItems, provider: providerStatements.provider })
    .from(reconciliationItems)
    .innerJoin(providerStatements, eq(providerStatements.id, reconciliationItems.statementId))
    .where(and(eq(reconciliationItems.id, itemId), eq(reconciliationItems.companyId, companyId)));
  if (!row) throw new AppError("not_found");
  return row;
}

/** Records the statement's transaction as the checkout's payment; the payment id. */
async function recordFromStatement(
  db: Db,
  companyId: number,
  provider: string,
  item: typeof reconciliationItems.$inferSelect,
) {
  const sessionId = item.kind === "trade" && item.status === "missing_ours" ? sessionIdOf(item.outTradeNo) : null;
  const [session] = sessionId
    ? await db
        .select({ id: checkoutSessions.id })
        .from(checkoutSessions)
        .where(
          and(
            eq(checkoutSessions.id, sessionId),
            eq(checkoutSessions.companyId, companyId),
            eq(checkoutSessions.provider, provider),
          ),
        )
    : [];
  if (!session) throw AppError.field("_form", "billing.reconciliation.errors.cannotRecord", "conflict");
  const fromStatement: PaymentProvider = {
    name: provider,
    checkoutUrl: () => "",
    verifyWebhook: () => ({
      sessionId: session.id,
      status: "paid",
      eventId: item.providerTradeNo ?? item.outTradeNo,
      amountFen: item.statementFen ?? undefined,
    }),
  };
  const outcome = await handleWebhook(db, fromStatement, "", null);
  if (outcome.status !== 200 || !outcome.paymentId)
    throw AppError.field("_form", "billing.reconciliation.errors.cannotRecord", "conflict");
  return outcome.paymentId;
}

export async function resolveReconciliationItem(
  db: Db,
  ctx: { companyId: number; userId: number },
  input: ResolveItemInput,
): Promise<{ resolutionId: number; paymentId: number | null; created: boolean }> {
  const { item, provider } = await itemOf(db, ctx.companyId, input.itemId);
  if (item.status === "matched") throw AppError.field("_form", "billing.reconciliation.errors.matched", "conflict");
  const [settled] = await db
    .select()
    .from(reconciliationResolutions)
    .where(eq(reconciliationResolutions.itemId, item.id));
  if (settled) return { resolutionId: settled.id, paymentId: settled.paymentId, created: false };
  const paymentId = input.action === "record" ? await recordFromStatement(db, ctx.companyId, provider, item) : null;
  const reason = input.reason || `${provider} ${item.providerTradeNo ?? item.outTradeNo}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reconciliationResolutions)
      .values({
        companyId: ctx.companyId,
        itemId: item.id,
        action: input.action === "record" ? "recorded" : "flagged",
        reason,
        paymentId,
        actorUserId: ctx.userId,
      })
      .onConflictDoNothing()
      .returning({ id: reconciliationResolutions.id });
    if (!row) {
      const [first] = await tx
        .select()
        .from(reconciliationResolutions)
        .where(eq(reconciliationResolutions.itemId, item.id));
      return { resolutionId: first.id, paymentId: first.paymentId, created: false };
    }
    await writeAudit(tx, {
      companyId: ctx.companyId,
      actorUserId: ctx.userId,
      action: `billing.reconciliation.${input.action}`,
      entity: "reconciliation_item",
      entityId: item.id,
      after: { status: item.status, ref: item.ref, provider, paymentId, reason },
    });
    return { resolutionId: row.id, paymentId, created: true };
  });
}
