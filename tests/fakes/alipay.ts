import { createSign, createVerify, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { alipayBillZip, type BillTransaction } from "./statements";
import { generateRsaKeys } from "./wechatpay";

/*
 * A local Alipay open-platform gateway (gateway.do) for tests and e2e. It checks every request's
 * RSA2 signature with the app's public key (all parameters but `sign`, sorted, k=v&…), answers
 * in the documented `<method>_response` + `sign` JSON (signed with its own Alipay key, generated
 * here), serves a pay page for wap/page pay and sends RSA2-signed asynchronous notifications.
 */

export interface FakeTrade {
  outTradeNo: string;
  tradeNo: string;
  amount: string;
  subject: string;
  notifyUrl: string;
  status: "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_CLOSED";
  refunded: number;
  refunds: Set<string>;
  paidAt?: Date;
  /** Each refund's out_request_no, amount and time (for the bill). */
  refundLines: { outRequestNo: string; fen: number; at: Date }[];
}

const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
const fenOf = (yuan: string) => Math.round(Number(yuan) * 100);

const rsa2 = (privateKey: string, text: string) =>
  createSign("RSA-SHA256").update(text, "utf8").sign(privateKey, "base64");
const signContent = (fields: Record<string, string>, skip: string[]) =>
  Object.keys(fields)
    .filter((k) => !skip.includes(k) && fields[k] !== "")
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join("&");

export class AlipayFake {
  readonly alipay = generateRsaKeys();
  readonly trades = new Map<string, FakeTrade>();
  readonly requests: { method: string; signed: boolean }[] = [];
  readonly deliveries: { status: number; body: string }[] = [];
  /** Test hooks for the bill: extra lines Alipay has and we never heard of, and changed amounts. */
  readonly billExtras: (BillTransaction & { billDate: string })[] = [];
  readonly billAmounts = new Map<string, number>();
  private readonly billFiles = new Map<string, Uint8Array>();
  private server?: http.Server;
  baseUrl = "";

  constructor(private readonly apps: { appId: string; publicKey: string }[]) {}

  /** Test hook: a paid trade on the bill of `billDate` that our side may never have seen. */
  injectBillTransaction(t: { outTradeNo: string; amountFen: number; billDate: string; tradeNo?: string }) {
    const providerTradeNo = t.tradeNo ?? `2026${Date.now()}${randomBytes(3).toString("hex")}`;
    this.billExtras.push({ ...t, providerTradeNo, time: `${t.billDate} 12:00:00` });
  }

  /** Test hook: the bill shows another amount for this trade than the one paid. */
  changeBillAmount(outTradeNo: string, amountFen: number) {
    this.billAmounts.set(outTradeNo, amountFen);
  }

  /** The 业务明细 lines of a Beijing date: paid trades, refunds, injected extras. */
  billTransactions(billDate: string): BillTransaction[] {
    const out: BillTransaction[] = [];
    for (const t of this.trades.values()) {
      const base = { outTradeNo: t.outTradeNo, providerTradeNo: t.tradeNo, amountFen: fenOf(t.amount) };
      if (t.paidAt && beijing(t.paidAt).startsWith(billDate))
        out.push({ ...base, amountFen: this.billAmounts.get(t.outTradeNo) ?? base.amountFen, time: beijing(t.paidAt) });
      for (const r of t.refundLines)
        if (beijing(r.at).startsWith(billDate))
          out.push({
            ...base,
            time: beijing(r.at),
            refund: { outRefundNo: r.outRequestNo, refundId: "", amountFen: r.fen },
          });
    }
    return [...out, ...this.billExtras.filter((x) => x.billDate === billDate)];
  }

  get gateway() {
    return `${this.baseUrl}/gateway.do`;
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

  private verify(fields: Record<string, string>): boolean {
    const app = this.apps.find((a) => a.appId === fields.app_id);
    if (!app || !fields.sign) return false;
    return createVerify("RSA-SHA256")
      .update(signContent(fields, ["sign"]), "utf8")
      .verify(app.publicKey, fields.sign, "base64");
  }

  /** The signed asynchronous notification of a paid trade (form-encoded body). */
  notification(outTradeNo: string, opts: { totalAmount?: string } = {}): string {
    const t = this.trades.get(outTradeNo)!;
    const now = new Date().toISOString().replace("T", " ").slice(0, 19);
    const fields: Record<string, string> = {
      gmt_create: now,
      charset: "utf-8",
      gmt_payment: now,
      notify_time: now,
      subject: t.subject,
      buyer_id: "2088102177846880",
      invoice_amount: t.amount,
      version: "1.0",
      notify_id: randomBytes(16).toString("hex"),
      notify_type: "trade_status_sync",
      out_trade_no: t.outTradeNo,
      total_amount: opts.totalAmount ?? t.amount,
      trade_status: t.status,
      trade_no: t.tradeNo,
      auth_app_id: this.apps[0].appId,
      receipt_amount: t.amount,
      app_id: this.apps[0].appId,
      buyer_pay_amount: t.amount,
      sign_type: "RSA2",
      seller_id: "2088102176867846",
    };
    // Alipay signs its notifications over every field but sign and sign_type.
    fields.sign = rsa2(this.alipay.privateKey, signContent(fields, ["sign", "sign_type"]));
    return new URLSearchParams(fields).toString();
  }

  /** The payer pays: TRADE_SUCCESS, and the signed notification for it. */
  pay(outTradeNo: string, opts: { totalAmount?: string } = {}): string {
    const t = this.trades.get(outTradeNo);
    if (!t) throw new Error(`no trade ${outTradeNo}`);
    t.status = "TRADE_SUCCESS";
    t.paidAt ??= new Date();
    return this.notification(outTradeNo, opts);
  }

  private reply(res: http.ServerResponse, method: string, payload: Record<string, unknown>) {
    const key = `${method.replaceAll(".", "_")}_response`;
    const inner = JSON.stringify(payload);
    const body = `{"${key}":${inner},"sign":"${rsa2(this.alipay.privateKey, inner)}"}`;
    res.writeHead(200, { "Content-Type": "application/json;charset=utf-8" });
    res.end(body);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", this.baseUrl);
    if (url.pathname.startsWith("/fake/pay/")) return this.confirmPay(url, res);
    if (url.pathname === "/fake/bill.zip") return this.billFile(url, res);
    const fields: Record<string, string> = Object.fromEntries(url.searchParams);
    Object.assign(fields, Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    const signed = this.verify(fields);
    this.requests.push({ method: fields.method ?? "", signed });
    if (!signed)
      return this.reply(res, fields.method ?? "error", {
        code: "40002",
        msg: "Invalid Arguments",
        sub_code: "isv.invalid-signature",
        sub_msg: "验签出错",
      });
    const biz = JSON.parse(fields.biz_content ?? "{}") as Record<string, string>;
    try {
      this.route(fields, biz, res);
    } catch (e) {
      this.reply(res, fields.method, { code: "20000", msg: "Service Currently Unavailable", sub_msg: String(e) });
    }
  }

  private open(fields: Record<string, string>, biz: Record<string, string>): FakeTrade {
    const existing = this.trades.get(biz.out_trade_no);
    if (existing) return existing;
    const t: FakeTrade = {
      outTradeNo: biz.out_trade_no,
      tradeNo: `2026${Date.now()}${randomBytes(3).toString("hex")}`,
      amount: biz.total_amount,
      subject: biz.subject,
      notifyUrl: fields.notify_url ?? "",
      status: "WAIT_BUYER_PAY",
      refunded: 0,
      refunds: new Set(),
      refundLines: [],
    };
    this.trades.set(t.outTradeNo, t);
    return t;
  }

  private route(fields: Record<string, string>, biz: Record<string, string>, res: http.ServerResponse) {
    const m = fields.method;
    if (m === "alipay.trade.wap.pay" || m === "alipay.trade.page.pay") {
      const t = this.open(fields, biz);
      const back = encodeURIComponent(fields.return_url ?? "");
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return void res.end(
        `<!doctype html><meta name="viewport" content="width=device-width"><title>支付宝 (fake)</title><h1>支付宝</h1>` +
          `<p data-testid="amount">¥${t.amount}</p><form method="post" action="/fake/pay/${t.outTradeNo}?return_url=${back}">` +
          `<button type="submit">确认付款</button></form>`,
      );
    }
    if (m === "alipay.trade.precreate") {
      const t = this.open(fields, biz);
      return this.reply(res, m, {
        code: "10000",
        msg: "Success",
        out_trade_no: t.outTradeNo,
        qr_code: `https://qr.alipay.com/fake${t.outTradeNo}`,
      });
    }
    if (m === "alipay.data.dataservice.bill.downloadurl.query") return this.billUrl(m, biz, res);
    const t = this.trades.get(biz.out_trade_no);
    if (!t)
      return this.reply(res, m, {
        code: "40004",
        msg: "Business Failed",
        sub_code: "ACQ.TRADE_NOT_EXIST",
        sub_msg: "交易不存在",
      });
    if (m === "alipay.trade.query")
      return this.reply(res, m, {
        code: "10000",
        msg: "Success",
        trade_no: t.tradeNo,
        out_trade_no: t.outTradeNo,
        trade_status: t.status,
        total_amount: t.amount,
      });
    if (m === "alipay.trade.cancel") {
      // 统一收单交易撤销: an unpaid trade closes; a paid one would be refunded (action "refund").
      const action = t.status === "TRADE_SUCCESS" ? "refund" : "close";
      t.status = "TRADE_CLOSED";
      return this.reply(res, m, { code: "10000", msg: "Success", out_trade_no: t.outTradeNo, retry_flag: "N", action });
    }
    if (m === "alipay.trade.refund") {
      const cents = Math.round(Number(biz.refund_amount) * 100);
      if (!t.refunds.has(biz.out_request_no)) {
        if (t.status !== "TRADE_SUCCESS" || t.refunded + cents > Math.round(Number(t.amount) * 100))
          return this.reply(res, m, {
            code: "40004",
            msg: "Business Failed",
            sub_code: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
            sub_msg: "退款金额超限",
          });
        t.refunds.add(biz.out_request_no);
        t.refunded += cents;
        t.refundLines.push({ outRequestNo: biz.out_request_no, fen: cents, at: new Date() });
      }
      return this.reply(res, m, {
        code: "10000",
        msg: "Success",
        trade_no: t.tradeNo,
        out_trade_no: t.outTradeNo,
        refund_fee: (t.refunded / 100).toFixed(2),
        fund_change: "Y",
      });
    }
    this.reply(res, m, {
      code: "40004",
      msg: "Business Failed",
      sub_code: "ACQ.INVALID_METHOD",
      sub_msg: "fake: no such method",
    });
  }

  /** bill_type trade of a date: the zip's URL, or isp.bill_not_exist for a day without trades. */
  private billUrl(m: string, biz: Record<string, string>, res: http.ServerResponse) {
    const date = biz.bill_date ?? "";
    if (biz.bill_type !== "trade" || !/^\d{4}-\d{2}-\d{2}$/.test(date))
      return this.reply(res, m, {
        code: "40004",
        msg: "Business Failed",
        sub_code: "isp.bill_type_error",
        sub_msg: "账单类型错误",
      });
    const txs = this.billTransactions(date);
    if (!txs.length)
      return this.reply(res, m, {
        code: "40004",
        msg: "Business Failed",
        sub_code: "isp.bill_not_exist",
        sub_msg: "账单不存在",
      });
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const token = randomBytes(12).toString("hex");
    this.billFiles.set(token, alipayBillZip("20886126836996110156", date, next, txs));
    this.reply(res, m, {
      code: "10000",
      msg: "Success",
      bill_download_url: `${this.baseUrl}/fake/bill.zip?token=${token}`,
    });
  }

  private billFile(url: URL, res: http.ServerResponse) {
    const zip = this.billFiles.get(url.searchParams.get("token") ?? "");
    if (!zip) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/oct-stream" });
    res.end(Buffer.from(zip));
  }

  private async confirmPay(url: URL, res: http.ServerResponse) {
    const t = this.trades.get(url.pathname.split("/").pop() ?? "");
    if (!t) return void res.writeHead(404).end();
    const body = this.pay(t.outTradeNo);
    const r = await fetch(t.notifyUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    }).catch(() => null);
    this.deliveries.push({ status: r?.status ?? 0, body: r ? await r.text() : "" });
    res.writeHead(303, { Location: url.searchParams.get("return_url") || this.baseUrl });
    res.end();
  }
}
