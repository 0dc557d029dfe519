import { createCipheriv, createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { wechatTradeBill, type BillTransaction } from "./statements";
import {
  newNonce,
  parseAuthorization,
  requestMessage,
  rsaSign,
  rsaVerify,
  MAX_CLOCK_SKEW_S,
} from "../../lib/billing/providers/wechatpay/crypto";

/*
 * A local WeChat Pay API v3 gateway for tests and the e2e harness. It checks every request's
 * WECHATPAY2-SHA256-RSA2048 signature with the merchant's public key, answers in the documented
 * JSON formats, signs every response with its own platform key (generated here), and signs and
 * AEAD_AES_256_GCM-encrypts its notifications with the APIv3 key. Orders live in memory.
 */

export interface FakeOrder {
  outTradeNo: string;
  mchId: string;
  type: string;
  amountFen: number;
  notifyUrl: string;
  state: "NOTPAY" | "SUCCESS" | "CLOSED" | "REFUND";
  transactionId: string;
  successTime?: string;
  /** When it was paid (the statement's day is this instant's Beijing date). */
  paidAt?: Date;
  refunded: number;
}

export interface FakeRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  refundFen: number;
  notifyUrl: string;
  createdAt: Date;
}

export interface SignedNotification {
  body: string;
  headers: Record<string, string>;
}

export function generateRsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** The merchant's side of a fake account: keys and ids a test stores as the company's credentials. */
export function fakeMerchant(mchId = "1900000109") {
  const keys = generateRsaKeys();
  return { mchId, serialNo: randomBytes(20).toString("hex").toUpperCase(), ...keys };
}

export type FakeMerchant = ReturnType<typeof fakeMerchant>;

export class WechatPayFake {
  readonly platform = generateRsaKeys();
  readonly platformSerial = `PUB_KEY_ID_${randomBytes(12).toString("hex").toUpperCase()}`;
  readonly apiV3Key = randomBytes(16).toString("hex");
  readonly orders = new Map<string, FakeOrder>();
  readonly refunds = new Map<string, FakeRefund>();
  /** Every request's path and whether its signature checked out (tests assert on them). */
  readonly requests: { method: string; path: string; signed: boolean }[] = [];
  /** The HTTP status our notify URL answered to each notification the pay page delivered. */
  readonly deliveries: number[] = [];
  /** Test hooks for the trade bill: extra lines the provider has and we never heard of, and changed amounts. */
  readonly billExtras: (BillTransaction & { billDate: string })[] = [];
  readonly billAmounts = new Map<string, number>();
  private readonly billFiles = new Map<string, string>();
  private server?: http.Server;
  baseUrl = "";

  constructor(private readonly merchants: FakeMerchant[]) {}

  /** Test hook: a paid transaction on the bill of `billDate` that our side may never have seen. */
  injectBillTransaction(t: { outTradeNo: string; amountFen: number; billDate: string; transactionId?: string }) {
    const providerTradeNo = t.transactionId ?? `4200${Date.now()}${randomBytes(4).toString("hex")}`;
    this.billExtras.push({ ...t, providerTradeNo, time: `${t.billDate} 12:00:00` });
  }

  /** Test hook: the bill shows another amount for this order than the one paid. */
  changeBillAmount(outTradeNo: string, amountFen: number) {
    this.billAmounts.set(outTradeNo, amountFen);
  }

  /** The bill's lines for a Beijing date: paid orders, refunds and the injected extras. */
  billTransactions(billDate: string): BillTransaction[] {
    const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
    const out: BillTransaction[] = [];
    for (const o of this.orders.values())
      if (o.paidAt && beijing(o.paidAt).startsWith(billDate))
        out.push({
          outTradeNo: o.outTradeNo,
          providerTradeNo: o.transactionId,
          amountFen: this.billAmounts.get(o.outTradeNo) ?? o.amountFen,
          time: beijing(o.paidAt),
        });
    for (const r of this.refunds.values()) {
      const o = this.orders.get(r.outTradeNo)!;
      if (beijing(r.createdAt).startsWith(billDate))
        out.push({
          outTradeNo: o.outTradeNo,
          providerTradeNo: o.transactionId,
          amountFen: o.amountFen,
          time: beijing(r.createdAt),
          refund: { outRefundNo: r.outRefundNo, refundId: r.refundId, amountFen: r.refundFen },
        });
    }
    return [...out, ...this.billExtras.filter((x) => x.billDate === billDate)];
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Signs a response or notification body as the platform does (Wechatpay-* headers). */
  signedHeaders(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
    const nonce = newNonce();
    return {
      "Wechatpay-Timestamp": String(timestamp),
      "Wechatpay-Nonce": nonce,
      "Wechatpay-Serial": this.platformSerial,
      "Wechatpay-Signature": rsaSign(this.platform.privateKey, `${timestamp}\n${nonce}\n${body}\n`),
    };
  }

  /** The resource encrypted with the APIv3 key as WeChat Pay does (ciphertext ‖ tag, base64). */
  encrypt(plain: unknown, associatedData: string) {
    const nonce = randomBytes(6).toString("hex");
    const cipher = createCipheriv("aes-256-gcm", Buffer.from(this.apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const data = Buffer.concat([cipher.update(JSON.stringify(plain), "utf8"), cipher.final(), cipher.getAuthTag()]);
    return {
      algorithm: "AEAD_AES_256_GCM",
      ciphertext: data.toString("base64"),
      associated_data: associatedData,
      nonce,
    };
  }

  transaction(o: FakeOrder) {
    return {
      mchid: o.mchId,
      appid: "wxd678efh567hg6787",
      out_trade_no: o.outTradeNo,
      transaction_id: o.transactionId,
      trade_type: o.type.toUpperCase(),
      trade_state: o.state,
      trade_state_desc: o.state === "SUCCESS" ? "支付成功" : "未支付",
      bank_type: "OTHERS",
      success_time: o.successTime,
      payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
      amount: { total: o.amountFen, payer_total: o.amountFen, currency: "CNY", payer_currency: "CNY" },
    };
  }

  /** The payer pays: the order becomes SUCCESS; returns the signed TRANSACTION.SUCCESS notification. */
  pay(outTradeNo: string, opts: { amountFen?: number } = {}): SignedNotification {
    const o = this.orders.get(outTradeNo);
    if (!o) throw new Error(`no order ${outTradeNo}`);
    o.state = "SUCCESS";
    o.successTime ??= new Date().toISOString().replace(/\.\d+Z$/, "+08:00");
    o.paidAt ??= new Date();
    const tx = this.transaction(o);
    return this.notification("TRANSACTION.SUCCESS", "transaction", {
      ...tx,
      amount: { ...tx.amount, total: opts.amountFen ?? o.amountFen },
    });
  }

  /** The signed REFUND.SUCCESS notification of a refund. */
  refundNotification(outRefundNo: string): SignedNotification {
    const r = this.refunds.get(outRefundNo)!;
    const o = this.orders.get(r.outTradeNo)!;
    return this.notification("REFUND.SUCCESS", "refund", {
      mchid: o.mchId,
      out_trade_no: o.outTradeNo,
      transaction_id: o.transactionId,
      out_refund_no: r.outRefundNo,
      refund_id: r.refundId,
      refund_status: "SUCCESS",
      success_time: new Date().toISOString(),
      amount: { total: o.amountFen, refund: r.refundFen, payer_total: o.amountFen, payer_refund: r.refundFen },
    });
  }

  notification(eventType: string, originalType: string, plain: unknown): SignedNotification {
    const body = JSON.stringify({
      id: randomBytes(16).toString("hex"),
      create_time: new Date().toISOString(),
      resource_type: "encrypt-resource",
      event_type: eventType,
      summary: eventType.startsWith("REFUND") ? "退款成功" : "支付成功",
      resource: { original_type: originalType, ...this.encrypt(plain, originalType) },
    });
    return { body, headers: { "Content-Type": "application/json", ...this.signedHeaders(body) } };
  }

  /** POSTs a notification to the order's notify_url, as WeChat Pay does; returns the HTTP status. */
  async deliver(n: SignedNotification, url: string): Promise<number> {
    const res = await fetch(url, { method: "POST", headers: n.headers, body: n.body });
    return res.status;
  }

  private reply(res: http.ServerResponse, status: number, payload: unknown) {
    const body = payload === undefined ? "" : JSON.stringify(payload);
    res.writeHead(status, { "Content-Type": "application/json", ...this.signedHeaders(body) });
    res.end(body);
  }

  /** The request's merchant when its Authorization header is valid: known mchid and serial, fresh, signature verifies. */
  private checkSignature(req: http.IncomingMessage, body: string): FakeMerchant | null {
    const a = parseAuthorization(req.headers.authorization ?? null);
    if (!a) return null;
    const m = this.merchants.find((x) => x.mchId === a.mchid && x.serialNo === a.serial_no);
    if (!m || Math.abs(Date.now() / 1000 - Number(a.timestamp)) > MAX_CLOCK_SKEW_S) return null;
    const msg = requestMessage(req.method ?? "", req.url ?? "", a.timestamp, a.nonce_str, body);
    return rsaVerify(m.publicKey, msg, a.signature) ? m : null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.baseUrl);
    try {
      if (url.pathname.startsWith("/fake/")) return this.handlePayPage(req, res, url);
      const merchant = this.checkSignature(req, body);
      this.requests.push({ method: req.method ?? "", path: req.url ?? "", signed: !!merchant });
      if (!merchant) return this.reply(res, 401, { code: "SIGN_ERROR", message: "签名错误" });
      return this.route(req.method ?? "", url, body ? JSON.parse(body) : {}, res);
    } catch (e) {
      this.reply(res, 500, { code: "SYSTEM_ERROR", message: String(e) });
    }
  }

  private route(method: string, url: URL, json: Record<string, unknown>, res: http.ServerResponse) {
    const order = url.pathname.match(/^\/v3\/pay\/(?:partner\/)?transactions\/(native|h5|jsapi)$/);
    if (method === "POST" && order) return this.createOrder(order[1], json, res);
    const query = url.pathname.match(/^\/v3\/pay\/(?:partner\/)?transactions\/out-trade-no\/([^/]+)$/);
    if (method === "GET" && query) {
      const o = this.orders.get(decodeURIComponent(query[1]));
      return o
        ? this.reply(res, 200, this.transaction(o))
        : this.reply(res, 404, { code: "ORDER_NOT_EXIST", message: "订单不存在" });
    }
    if (method === "POST" && url.pathname === "/v3/refund/domestic/refunds") return this.refund(json, res);
    const close = url.pathname.match(/^\/v3\/pay\/(?:partner\/)?transactions\/out-trade-no\/([^/]+)\/close$/);
    if (method === "POST" && close) return this.close(decodeURIComponent(close[1]), res);
    if (method === "GET" && url.pathname === "/v3/bill/tradebill") return this.tradeBill(url, res);
    if (method === "GET" && url.pathname === "/v3/billdownload/file") {
      const file = this.billFiles.get(url.searchParams.get("token") ?? "");
      if (!file) return this.reply(res, 404, { code: "RESOURCE_NOT_EXISTS", message: "账单文件不存在" });
      // The file itself is not signed by the platform (its integrity is hash_value).
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      return void res.end(file);
    }
    this.reply(res, 404, { code: "NOT_FOUND", message: "no such API in the fake" });
  }

  /** GET /v3/bill/tradebill: download_url + SHA1 hash_value of the day's ALL bill; NO_STATEMENT_EXIST for an empty day. */
  private tradeBill(url: URL, res: http.ServerResponse) {
    const billDate = url.searchParams.get("bill_date") ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate) || url.searchParams.get("bill_type") !== "ALL")
      return this.reply(res, 400, { code: "PARAM_ERROR", message: "参数错误" });
    const txs = this.billTransactions(billDate);
    if (!txs.length) return this.reply(res, 400, { code: "NO_STATEMENT_EXIST", message: "账单文件不存在" });
    const file = wechatTradeBill(this.merchants[0].mchId, txs);
    const token = randomBytes(12).toString("hex");
    this.billFiles.set(token, file);
    this.reply(res, 200, {
      hash_type: "SHA1",
      hash_value: createHash("sha1").update(file, "utf8").digest("hex"),
      download_url: `${this.baseUrl}/v3/billdownload/file?token=${token}`,
    });
  }

  private createOrder(type: string, json: Record<string, unknown>, res: http.ServerResponse) {
    const amount = (json.amount as { total?: unknown } | undefined)?.total;
    const outTradeNo = String(json.out_trade_no ?? "");
    const mchId = String(json.mchid ?? json.sp_mchid ?? "");
    if (
      !Number.isInteger(amount) ||
      (amount as number) <= 0 ||
      !/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo) ||
      !json.notify_url
    )
      return this.reply(res, 400, { code: "PARAM_ERROR", message: "参数错误" });
    if (type === "jsapi" && !json.payer) return this.reply(res, 400, { code: "PARAM_ERROR", message: "缺少 payer" });
    const existing = this.orders.get(outTradeNo);
    if (existing && existing.amountFen !== amount)
      return this.reply(res, 400, { code: "INVALID_REQUEST", message: "201 商户订单号重复" });
    if (!existing)
      this.orders.set(outTradeNo, {
        outTradeNo,
        mchId,
        type,
        amountFen: amount as number,
        notifyUrl: String(json.notify_url),
        state: "NOTPAY",
        transactionId: `4200${Date.now()}${randomBytes(4).toString("hex")}`,
        refunded: 0,
      });
    if (type === "native") return this.reply(res, 200, { code_url: `weixin://wxpay/bizpayurl?pr=${outTradeNo}` });
    if (type === "h5") return this.reply(res, 200, { h5_url: `${this.baseUrl}/fake/h5/${outTradeNo}` });
    return this.reply(res, 200, { prepay_id: `wx${outTradeNo}` });
  }

  /** 关闭订单: 204 No Content; a paid order cannot be closed (ORDERPAID). */
  private close(outTradeNo: string, res: http.ServerResponse) {
    const o = this.orders.get(outTradeNo);
    if (!o) return this.reply(res, 404, { code: "ORDER_NOT_EXIST", message: "订单不存在" });
    if (o.state === "SUCCESS") return this.reply(res, 400, { code: "ORDERPAID", message: "订单已支付" });
    o.state = "CLOSED";
    this.reply(res, 204, undefined);
  }

  /** The signed REFUND.ABNORMAL / REFUND.CLOSED notification of a refund that failed at the bank. */
  refundFailedNotification(outRefundNo: string, status: "ABNORMAL" | "CLOSED" = "ABNORMAL"): SignedNotification {
    const r = this.refunds.get(outRefundNo)!;
    const o = this.orders.get(r.outTradeNo)!;
    o.refunded -= r.refundFen;
    return this.notification(`REFUND.${status}`, "refund", {
      mchid: o.mchId,
      out_trade_no: o.outTradeNo,
      transaction_id: o.transactionId,
      out_refund_no: r.outRefundNo,
      refund_id: r.refundId,
      refund_status: status,
      amount: { total: o.amountFen, refund: r.refundFen, payer_total: o.amountFen, payer_refund: r.refundFen },
    });
  }

  private refund(json: Record<string, unknown>, res: http.ServerResponse) {
    const o = this.orders.get(String(json.out_trade_no ?? ""));
    const amount = json.amount as { refund?: number; total?: number } | undefined;
    const outRefundNo = String(json.out_refund_no ?? "");
    if (!o || o.state === "NOTPAY") return this.reply(res, 404, { code: "RESOURCE_NOT_EXISTS", message: "订单不存在" });
    const again = this.refunds.get(outRefundNo);
    if (!again) {
      const refund = Number(amount?.refund);
      if (
        !Number.isInteger(refund) ||
        refund <= 0 ||
        amount?.total !== o.amountFen ||
        o.refunded + refund > o.amountFen
      )
        return this.reply(res, 400, { code: "INVALID_REQUEST", message: "退款金额错误" });
      o.refunded += refund;
      this.refunds.set(outRefundNo, {
        outRefundNo,
        refundId: `5030${Date.now()}${randomBytes(3).toString("hex")}`,
        outTradeNo: o.outTradeNo,
        refundFen: refund,
        notifyUrl: String(json.notify_url ?? o.notifyUrl),
        createdAt: new Date(),
      });
    }
    const r = this.refunds.get(outRefundNo)!;
    this.reply(res, 200, {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: o.transactionId,
      out_trade_no: o.outTradeNo,
      channel: "ORIGINAL",
      status: "PROCESSING",
      amount: {
        total: o.amountFen,
        refund: r.refundFen,
        payer_total: o.amountFen,
        payer_refund: r.refundFen,
        currency: "CNY",
      },
    });
  }

  /** The H5 cashier page (GET) and its pay button (POST): pays, notifies, then returns to redirect_url. */
  private async handlePayPage(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const m = url.pathname.match(/^\/fake\/h5\/([^/]+)(\/pay)?$/);
    const o = m && this.orders.get(m[1]);
    if (!m || !o) return void res.writeHead(404).end("no such order");
    const back = url.searchParams.get("redirect_url") ?? "";
    if (req.method === "POST" && m[2]) {
      const n = this.pay(o.outTradeNo);
      this.deliveries.push(await this.deliver(n, o.notifyUrl).catch(() => 0));
      res.writeHead(303, { Location: back || `${this.baseUrl}/fake/h5/${o.outTradeNo}` });
      return void res.end();
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><meta name="viewport" content="width=device-width"><title>微信支付 (fake)</title>` +
        `<h1>微信支付</h1><p data-testid="amount">¥${(o.amountFen / 100).toFixed(2)}</p><p>${o.state}</p>` +
        `<form method="post" action="/fake/h5/${o.outTradeNo}/pay?redirect_url=${encodeURIComponent(back)}">` +
        `<button type="submit">确认支付</button></form>`,
    );
  }
}
