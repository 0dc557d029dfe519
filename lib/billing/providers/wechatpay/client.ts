import { authorization, readSignatureHeaders, verifyPlatformSignature } from "./crypto";

/** A company's WeChat Pay merchant account (payment_accounts, provider "wechatpay"), secrets opened. */
export interface WechatPayAccount {
  /** direct: the company is the merchant; partner: a service provider (sp_mchid) acting for sub_mchid. */
  mode: "direct" | "partner";
  /** mchid (direct) or sp_mchid (partner): the merchant whose key signs the requests. */
  mchId: string;
  /** appid (direct) or sp_appid (partner). */
  appId: string;
  subMchId?: string;
  subAppId?: string;
  /** The merchant API certificate's serial number. */
  serialNo: string;
  /** The platform public key (PEM) and its id / certificate serial (Wechatpay-Serial). */
  platformPublicKey: string;
  platformSerial: string;
  /** https://api.mch.weixin.qq.com, or a fake in tests. */
  baseUrl: string;
  privateKey: string;
  apiV3Key: string;
}

export type WechatTradeType = "native" | "h5" | "jsapi";

export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
    this.name = "WechatPayError";
  }
}

/** One signed call; the response's platform signature is checked before its body is believed. */
export async function wechatRequest<T>(
  account: WechatPayAccount,
  method: "GET" | "POST",
  pathWithQuery: string,
  payload?: unknown,
): Promise<T> {
  const body = payload === undefined ? "" : JSON.stringify(payload);
  const res = await fetch(new URL(pathWithQuery, account.baseUrl), {
    method,
    headers: {
      Authorization: authorization(
        { mchId: account.mchId, serialNo: account.serialNo, privateKey: account.privateKey },
        { method, pathWithQuery, body },
      ),
      Accept: "application/json",
      ...(payload === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: payload === undefined ? undefined : body,
  });
  const text = await res.text();
  const platform = { publicKey: account.platformPublicKey, serial: account.platformSerial };
  if (!verifyPlatformSignature(platform, readSignatureHeaders(res.headers), text))
    throw new WechatPayError(res.status, "BAD_RESPONSE_SIGNATURE", "the response is not signed by the platform key");
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) throw new WechatPayError(res.status, String(json.code ?? "ERROR"), String(json.message ?? ""));
  return json as T;
}

const partner = (a: WechatPayAccount) => a.mode === "partner";

/** The ids every order carries, in the mode's field names. */
function merchantFields(a: WechatPayAccount): Record<string, string> {
  if (!partner(a)) return { appid: a.appId, mchid: a.mchId };
  return {
    sp_appid: a.appId,
    sp_mchid: a.mchId,
    sub_mchid: a.subMchId ?? "",
    ...(a.subAppId ? { sub_appid: a.subAppId } : {}),
  };
}

export interface OrderInput {
  outTradeNo: string;
  amountFen: number;
  description: string;
  notifyUrl: string;
  /** jsapi: the payer's openid (for sp_appid in partner mode, or sub_appid when set). */
  openid?: string;
  /** h5: the payer's IP. */
  clientIp?: string;
}

/** Creates the order; returns code_url (native), h5_url (h5) or prepay_id (jsapi). */
export async function createWechatOrder(a: WechatPayAccount, type: WechatTradeType, o: OrderInput) {
  const body: Record<string, unknown> = {
    ...merchantFields(a),
    description: o.description,
    out_trade_no: o.outTradeNo,
    notify_url: o.notifyUrl,
    amount: { total: o.amountFen, currency: "CNY" },
  };
  if (type === "h5") body.scene_info = { payer_client_ip: o.clientIp ?? "127.0.0.1", h5_info: { type: "Wap" } };
  if (type === "jsapi") {
    if (!o.openid) throw new Error("a JSAPI order needs the payer's openid");
    body.payer = partner(a) ? { [a.subAppId ? "sub_openid" : "sp_openid"]: o.openid } : { openid: o.openid };
  }
  const path = partner(a) ? `/v3/pay/partner/transactions/${type}` : `/v3/pay/transactions/${type}`;
  return wechatRequest<{ code_url?: string; h5_url?: string; prepay_id?: string }>(a, "POST", path, body);
}

export interface WechatTransaction {
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  amount?: { total: number; payer_total?: number; currency?: string };
  success_time?: string;
}

/** The order's state (on the resident's return, and for stale checkouts). */
export async function queryWechatOrder(a: WechatPayAccount, outTradeNo: string) {
  const no = encodeURIComponent(outTradeNo);
  const path = partner(a)
    ? `/v3/pay/partner/transactions/out-trade-no/${no}?sp_mchid=${a.mchId}&sub_mchid=${a.subMchId ?? ""}`
    : `/v3/pay/transactions/out-trade-no/${no}?mchid=${a.mchId}`;
  return wechatRequest<WechatTransaction>(a, "GET", path);
}

/**
 * Closes an unpaid order (the cashier cancels the QR): POST …/out-trade-no/{no}/close, 204 No
 * Content; the order can no longer be paid. WeChat answers ORDERPAID (400) for a paid order.
 */
export async function closeWechatOrder(a: WechatPayAccount, outTradeNo: string) {
  const no = encodeURIComponent(outTradeNo);
  if (partner(a))
    return wechatRequest<Record<string, never>>(a, "POST", `/v3/pay/partner/transactions/out-trade-no/${no}/close`, {
      sp_mchid: a.mchId,
      sub_mchid: a.subMchId ?? "",
    });
  return wechatRequest<Record<string, never>>(a, "POST", `/v3/pay/transactions/out-trade-no/${no}/close`, {
    mchid: a.mchId,
  });
}

export interface WechatRefund {
  refund_id: string;
  out_refund_no: string;
  status: "SUCCESS" | "PROCESSING" | "ABNORMAL" | "CLOSED";
  amount: { refund: number; total: number };
}

/** A full or partial refund of an order; the same out_refund_no twice is one refund at WeChat. */
export async function refundWechatOrder(
  a: WechatPayAccount,
  r: {
    outTradeNo: string;
    outRefundNo: string;
    refundFen: number;
    totalFen: number;
    reason: string;
    notifyUrl: string;
  },
) {
  return wechatRequest<WechatRefund>(a, "POST", "/v3/refund/domestic/refunds", {
    ...(partner(a) ? { sub_mchid: a.subMchId } : {}),
    out_trade_no: r.outTradeNo,
    out_refund_no: r.outRefundNo,
    reason: r.reason.slice(0, 80),
    notify_url: r.notifyUrl,
    amount: { refund: r.refundFen, total: r.totalFen, currency: "CNY" },
  });
}
