import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { payments } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { refundPayment } from "../corrections";
import { alipayAccount, wechatAccount, type KeySource } from "../payment-accounts/queries";
import { refundOnlinePayment, type ProviderRefunder } from "../provider-refunds";
import { alipayRefund } from "./alipay/client";
import { notifyUrl } from "./start";
import { refundWechatOrder } from "./wechatpay/client";

/** The refunder of the company's account for a payment's provider; null when the account is gone or off. */
async function refunderFor(
  db: Db,
  key: KeySource,
  companyId: number,
  provider: string,
  baseUrl: string,
): Promise<ProviderRefunder | null> {
  if (provider === "wechatpay") {
    const a = await wechatAccount(db, key, companyId);
    if (!a) return null;
    return async (r) => {
      const res = await refundWechatOrder(a, { ...r, notifyUrl: notifyUrl(baseUrl, "wechatpay", companyId) });
      if (res.status !== "SUCCESS" && res.status !== "PROCESSING") throw new Error(`refund ${res.status}`);
      return { refundId: res.refund_id, status: res.status };
    };
  }
  if (provider === "alipay") {
    const a = await alipayAccount(db, key, companyId);
    return a ? (r) => alipayRefund(a, r) : null;
  }
  return null;
}

/**
 * Finance's refund of a payment: an online payment taken by WeChat Pay or Alipay goes back
 * through that provider (refundOnlinePayment: the provider first, then the correction); any
 * other payment (cash, the sandbox) is the bookkeeping refund alone.
 */
export async function refundAnyPayment(
  db: Db,
  key: KeySource,
  actor: Actor,
  input: { paymentId: number; amountFen: number; reason: string; requestId?: string },
  baseUrl: string,
) {
  const [payment] = await db
    .select({ provider: payments.provider })
    .from(payments)
    .where(and(eq(payments.companyId, actor.companyId), eq(payments.id, input.paymentId)));
  if (!payment) throw new AppError("not_found");
  if (payment.provider !== "wechatpay" && payment.provider !== "alipay") return refundPayment(db, actor, input);
  const refunder = await refunderFor(db, key, actor.companyId, payment.provider, baseUrl);
  if (!refunder) throw AppError.field("_form", "billing.accounts.errors.providerUnavailable", "conflict");
  return refundOnlinePayment(db, actor, { ...input, requestId: input.requestId ?? randomUUID() }, refunder);
}
