import { and, eq } from "drizzle-orm";
import { checkoutSessions, households } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbOrTx } from "@/lib/db/client";
import { owedOnBills } from "./checkout";
import { alipayAccount, wechatAccount, type KeySource } from "./payment-accounts/queries";
import { alipayCancel, alipayPrecreate } from "./providers/alipay/client";
import { notifyUrl, type PublicUrls } from "./providers/start";
import { outTradeNo } from "./providers/trade-no";
import { closeWechatOrder, createWechatOrder } from "./providers/wechatpay/client";

/*
 * The cashier's QR at the desk (SPEC §5: WeChat/Alipay scanned at the desk): a checkout session
 * opened by the cashier for the bills chosen on the screen, and a provider order for exactly that
 * amount — WeChat Pay Native (code_url) or Alipay face-to-face precreate (qr_code). The payer
 * scans; the notification (or the status poll, or the minute tick's stale query) records the
 * payment through the same webhook path as a resident's online payment.
 */

export type DeskProvider = "wechatpay" | "alipay";

/** One of this company's checkouts (or null): the cashier's screens see only their company's. */
export async function companyCheckout(db: DbOrTx, companyId: number, sessionId: string) {
  const [row] = await db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.companyId, companyId), eq(checkoutSessions.id, sessionId)));
  return row ?? null;
}

/**
 * Opens (or, for the same request id, finds) the desk checkout and asks the provider for its QR
 * content. The amount is what the chosen bills owe now; a household or bill of another company is
 * not_found and writes nothing; a company without an enabled account gets a form error. Asking the
 * provider again with the same out_trade_no and amount is the same order there.
 */
export async function openDeskCheckout(
  db: Db,
  key: KeySource,
  actor: Actor,
  input: { householdId: number; billIds: number[]; provider: DeskProvider; requestId: string },
  urls: PublicUrls & { description: string },
) {
  const { companyId } = actor;
  const [household] = await db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.companyId, companyId), eq(households.id, input.householdId)));
  if (!household) throw new AppError("not_found");
  const wechat = input.provider === "wechatpay" ? await wechatAccount(db, key, companyId) : null;
  const alipay = input.provider === "alipay" ? await alipayAccount(db, key, companyId) : null;
  if (!wechat && !alipay) throw AppError.field("_form", "billing.accounts.errors.providerUnavailable", "conflict");
  const ids = [...new Set(input.billIds)];
  let session = await companyCheckout(db, companyId, input.requestId);
  if (!session) {
    const amountFen = await owedOnBills(db, companyId, input.householdId, ids);
    if (amountFen <= 0) throw AppError.field("billIds", "billing.desk.errors.noBills");
    await db
      .insert(checkoutSessions)
      .values({
        id: input.requestId,
        companyId,
        householdId: input.householdId,
        userId: actor.userId,
        amountFen,
        billIds: ids,
        provider: input.provider,
      })
      .onConflictDoNothing();
    session = await companyCheckout(db, companyId, input.requestId);
  }
  if (!session || session.householdId !== input.householdId || session.provider !== input.provider)
    throw new AppError("conflict");
  const order = {
    outTradeNo: outTradeNo(session.id),
    amountFen: session.amountFen,
    notifyUrl: notifyUrl(urls.baseUrl, input.provider, companyId),
  };
  const qr = wechat
    ? (await createWechatOrder(wechat, "native", { ...order, description: urls.description })).code_url
    : await alipayPrecreate(alipay!, { ...order, subject: urls.description });
  if (!qr) throw AppError.field("_form", "billing.accounts.errors.providerUnavailable", "conflict");
  return { sessionId: session.id, amountFen: session.amountFen, status: session.status, qr };
}

/**
 * Closes the checkout's order at its provider (WeChat Pay close, Alipay cancel) so it can no longer
 * be paid. The caller has checked it is not paid.
 */
export async function closeProviderOrder(db: Db, key: KeySource, companyId: number, provider: string, id: string) {
  if (provider === "wechatpay") {
    const a = await wechatAccount(db, key, companyId);
    if (a) await closeWechatOrder(a, outTradeNo(id));
  } else if (provider === "alipay") {
    const a = await alipayAccount(db, key, companyId);
    if (a) await alipayCancel(a, outTradeNo(id));
  }
}
