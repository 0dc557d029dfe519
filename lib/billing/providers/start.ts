import type { DbOrTx } from "@/lib/db/client";
import { alipayAccount, wechatAccount, type KeySource } from "../payment-accounts/queries";
import { alipayPayUrl } from "./alipay/client";
import { createWechatOrder } from "./wechatpay/client";
import { outTradeNo } from "./trade-no";

/** Where the app is reached from outside (notify and return URLs). */
export interface PublicUrls {
  baseUrl: string;
}

export const notifyUrl = (baseUrl: string, provider: "wechatpay" | "alipay", companyId: number) =>
  `${baseUrl.replace(/\/$/, "")}/api/payments/${provider}/${companyId}/notify`;

/** The resident's return page after paying at a provider (it queries the order). */
export const returnUrl = (baseUrl: string, sessionId: string) =>
  `${baseUrl.replace(/\/$/, "")}/pay/online/${encodeURIComponent(sessionId)}`;

/**
 * Where to send a resident whose checkout goes to WeChat Pay (H5, mobile browser): the order is
 * created server-side with the session's amount (computed from our bills), and the payer comes
 * back to the return page. Null when the company has no enabled account.
 */
export async function startWechatH5(
  db: DbOrTx,
  key: KeySource,
  companyId: number,
  session: { id: string; amountFen: number },
  opts: PublicUrls & { description: string; clientIp?: string },
): Promise<string | null> {
  const account = await wechatAccount(db, key, companyId);
  if (!account) return null;
  const { h5_url } = await createWechatOrder(account, "h5", {
    outTradeNo: outTradeNo(session.id),
    amountFen: session.amountFen,
    description: opts.description,
    notifyUrl: notifyUrl(opts.baseUrl, "wechatpay", companyId),
    clientIp: opts.clientIp,
  });
  if (!h5_url) return null;
  const url = new URL(h5_url);
  url.searchParams.set("redirect_url", returnUrl(opts.baseUrl, session.id));
  return url.toString();
}

/** Where to send a resident whose checkout goes to Alipay (wap pay, signed by the SDK); null without an enabled account. */
export async function startAlipayWap(
  db: DbOrTx,
  key: KeySource,
  companyId: number,
  session: { id: string; amountFen: number },
  opts: PublicUrls & { description: string },
): Promise<string | null> {
  const account = await alipayAccount(db, key, companyId);
  if (!account) return null;
  return alipayPayUrl(account, "wap", {
    outTradeNo: outTradeNo(session.id),
    amountFen: session.amountFen,
    subject: opts.description,
    notifyUrl: notifyUrl(opts.baseUrl, "alipay", companyId),
    returnUrl: returnUrl(opts.baseUrl, session.id),
  });
}
