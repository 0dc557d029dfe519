import { AlipaySdk } from "alipay-sdk";
import { fenToYuanText, parseYuan } from "../../rules";

/*
 * Alipay through the official `alipay-sdk` (RSA2 request signing, response and notification
 * verification): wap pay and page pay (the payer's browser goes to the gateway), face-to-face
 * precreate (a QR the cashier shows), query and refund.
 */

/** A company's Alipay account (payment_accounts, provider "alipay"), the private key opened. */
export interface AlipayAccount {
  appId: string;
  /** https://openapi.alipay.com/gateway.do, or a fake in tests. */
  gateway: string;
  alipayPublicKey: string;
  appPrivateKey: string;
}

export class AlipayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`Alipay ${code}: ${message}`);
    this.name = "AlipayError";
  }
}

export function alipaySdk(a: AlipayAccount): AlipaySdk {
  return new AlipaySdk({
    appId: a.appId,
    privateKey: a.appPrivateKey,
    keyType: a.appPrivateKey.includes("BEGIN RSA PRIVATE KEY") ? "PKCS1" : "PKCS8",
    alipayPublicKey: a.alipayPublicKey,
    gateway: a.gateway,
    signType: "RSA2",
    timeout: 15_000,
  });
}

export interface AlipayOrder {
  outTradeNo: string;
  amountFen: number;
  subject: string;
  notifyUrl: string;
  returnUrl?: string;
}

const biz = (o: AlipayOrder, productCode: string) => ({
  out_trade_no: o.outTradeNo,
  total_amount: fenToYuanText(o.amountFen),
  subject: o.subject,
  product_code: productCode,
});

/** The gateway URL the payer's browser opens: wap (mobile) or page (desktop) pay. */
export function alipayPayUrl(a: AlipayAccount, kind: "wap" | "page", o: AlipayOrder): string {
  const method = kind === "wap" ? "alipay.trade.wap.pay" : "alipay.trade.page.pay";
  return alipaySdk(a).pageExecute(method, "GET", {
    bizContent: biz(o, kind === "wap" ? "QUICK_WAP_WAY" : "FAST_INSTANT_TRADE_PAY"),
    notifyUrl: o.notifyUrl,
    returnUrl: o.returnUrl,
  });
}

/** One gateway call; the response's RSA2 signature is verified with the Alipay public key. */
async function call(a: AlipayAccount, method: string, bizContent: object, notifyUrl?: string) {
  const params = notifyUrl ? { bizContent, notifyUrl } : { bizContent };
  const r = await alipaySdk(a).exec(method, params, { validateSign: true });
  if (r.code !== "10000") throw new AlipayError(String(r.subCode ?? r.code), String(r.subMsg ?? r.msg));
  return r as Record<string, unknown>;
}

/** 当面付 precreate: the QR code content the cashier shows to the payer. */
export async function alipayPrecreate(a: AlipayAccount, o: AlipayOrder): Promise<string> {
  const r = await call(a, "alipay.trade.precreate", biz(o, "FACE_TO_FACE_PAYMENT"), o.notifyUrl);
  return String(r.qrCode ?? r.qr_code);
}

export interface AlipayTrade {
  tradeNo: string;
  outTradeNo: string;
  status: string;
  amountFen: number | null;
}

const paidStates = new Set(["TRADE_SUCCESS", "TRADE_FINISHED"]);
export const isAlipayPaid = (status: string) => paidStates.has(status);

export async function alipayQuery(a: AlipayAccount, outTradeNo: string): Promise<AlipayTrade> {
  const r = await call(a, "alipay.trade.query", { out_trade_no: outTradeNo });
  return {
    tradeNo: String(r.tradeNo ?? r.trade_no),
    outTradeNo: String(r.outTradeNo ?? r.out_trade_no),
    status: String(r.tradeStatus ?? r.trade_status),
    amountFen: parseYuan(String(r.totalAmount ?? r.total_amount)),
  };
}

/**
 * 当面付 cancel (alipay.trade.cancel): closes an unpaid trade — or refunds a paid one, which is why
 * the cashier queries first and cancels only what is not paid. A trade never scanned does not
 * exist at Alipay yet (ACQ.TRADE_NOT_EXIST): nothing to cancel.
 */
export async function alipayCancel(a: AlipayAccount, outTradeNo: string): Promise<void> {
  try {
    await call(a, "alipay.trade.cancel", { out_trade_no: outTradeNo });
  } catch (e) {
    if (!(e instanceof AlipayError && e.code === "ACQ.TRADE_NOT_EXIST")) throw e;
  }
}

/** A full or partial refund; out_request_no makes a retry the same refund at Alipay. */
export async function alipayRefund(
  a: AlipayAccount,
  r: { outTradeNo: string; outRefundNo: string; refundFen: number; reason: string },
) {
  const res = await call(a, "alipay.trade.refund", {
    out_trade_no: r.outTradeNo,
    refund_amount: fenToYuanText(r.refundFen),
    out_request_no: r.outRefundNo,
    refund_reason: r.reason.slice(0, 80),
  });
  return { refundId: `${res.tradeNo ?? res.trade_no}:${r.outRefundNo}`, status: "SUCCESS" as const };
}

/** The notification's fields when its RSA2 signature verifies with the Alipay public key and it is for this app; else null. */
export function verifyAlipayNotification(a: AlipayAccount, rawBody: string): Record<string, string> | null {
  const fields = Object.fromEntries(new URLSearchParams(rawBody));
  if (!fields.sign || fields.app_id !== a.appId) return null;
  try {
    return alipaySdk(a).checkNotifySignV2(fields) ? fields : null;
  } catch {
    return null;
  }
}
