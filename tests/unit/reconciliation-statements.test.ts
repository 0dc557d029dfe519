import { describe, expect, it } from "vitest";
import {
  parseAlipayBill,
  parseWechatTradeBill,
  StatementFormatError,
  yuanToFen,
} from "@/lib/billing/reconciliation/parse";
import { matchStatement, type OurEntry } from "@/lib/billing/reconciliation/rules";
import { alipayBillText, wechatTradeBill, WECHAT_BILL_HEADER, ALIPAY_BILL_HEADER } from "../fakes/statements";

/*
 * The statement parsers against the providers' documented sample lines (WeChat Pay 交易账单 ALL,
 * Alipay 业务明细), and the matching rules.
 */

// WeChat Pay's documented sample: a header, backquoted rows, the summary section.
const WECHAT_SAMPLE = [
  WECHAT_BILL_HEADER,
  "`2020-08-16 09:52:11,`wx2421b1c4370ec43b,`10000100,`0,`,`4200000691202008166134573386,`20200816095158,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`0,`0,`0.00,`0.00,`,`,`image形象店-深圳腾大- QQ公仔,`,`0.00000,`0.60%,`0.01,`0.00,`",
  "`2020-08-16 10:02:31,`wx2421b1c4370ec43b,`10000100,`0,`,`4200000691202008166134573386,`20200816095158,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50000305742020081601983582291,`R20200816100231,`0.01,`0.00,`ORIGINAL,`SUCCESS,`image形象店-深圳腾大- QQ公仔,`,`0.00000,`0.60%,`0.01,`0.01,`",
  "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
  "`2,`0.01,`0.01,`0.00,`0.00000,`0.01,`0.01",
].join("\r\n");

// Alipay's documented 业务明细 sample (fields end in tabs; # lines around the table).
const ALIPAY_SAMPLE = [
  "#支付宝业务明细查询",
  "#账号：[20886126836996110156]",
  "#起始日期：[2016年04月05日 00:00:00]   终止日期：[2016年04月06日 00:00:00]",
  "#-----------------------------------------业务明细列表----------------------------------------",
  ALIPAY_BILL_HEADER,
  "2016040521001004620046473040\t,201604050001\t,交易\t,测试商品\t,2016-04-05 10:21:16,2016-04-05 10:21:26,\t,\t,\t,\t,tes***@163.com\t,12.50\t,12.50\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t",
  "2016040521001004620046473040\t,201604050001\t,退款\t,测试商品\t,2016-04-05 11:00:00,2016-04-05 11:00:02,\t,\t,\t,\t,tes***@163.com\t,12.50\t,-2.50\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,RF201604050001\t,0.00\t,0.00\t,\t",
  "#-----------------------------------------业务明细列表结束------------------------------------",
  "#交易合计：1笔，商家实收共：12.50元，商家优惠共：0.00元",
  "#退款合计：1笔，商家实收退款共：-2.50元，商家优惠退款共：0.00元",
  "#导出时间：[2016年04月06日 09:32:12]",
].join("\r\n");

describe("statement parsers (issue 18)", () => {
  it("reads the WeChat Pay trade bill: a SUCCESS trade and a REFUND line, checked against the summary", () => {
    const s = parseWechatTradeBill(WECHAT_SAMPLE);
    expect(s.lines).toEqual([
      {
        kind: "trade",
        outTradeNo: "20200816095158",
        providerTradeNo: "4200000691202008166134573386",
        outRefundNo: "",
        amountFen: 1,
        occurredAt: "2020-08-16 09:52:11",
      },
      {
        kind: "refund",
        outTradeNo: "20200816095158",
        providerTradeNo: "4200000691202008166134573386",
        outRefundNo: "R20200816100231",
        amountFen: 1,
        occurredAt: "2020-08-16 10:02:31",
      },
    ]);
    expect([s.tradeCount, s.tradeFen, s.refundCount, s.refundFen]).toEqual([1, 1, 1, 1]);
  });

  it("refuses a WeChat bill whose rows do not add up to the summary's count (a truncated download)", () => {
    const lines = WECHAT_SAMPLE.split("\r\n");
    const truncated = [lines[0], lines[1], lines[3], lines[4]].join("\r\n");
    expect(() => parseWechatTradeBill(truncated)).toThrow(StatementFormatError);
    expect(() => parseWechatTradeBill("交易时间,商户订单号\r\n")).toThrow(StatementFormatError);
  });

  it("reads the Alipay 业务明细: the trade and the refund (its out_request_no, negative 商家实收)", () => {
    const s = parseAlipayBill(ALIPAY_SAMPLE);
    expect(s.lines).toEqual([
      {
        kind: "trade",
        outTradeNo: "201604050001",
        providerTradeNo: "2016040521001004620046473040",
        outRefundNo: "",
        amountFen: 1250,
        occurredAt: "2016-04-05 10:21:26",
      },
      {
        kind: "refund",
        outTradeNo: "201604050001",
        providerTradeNo: "2016040521001004620046473040",
        outRefundNo: "RF201604050001",
        amountFen: 250,
        occurredAt: "2016-04-05 11:00:02",
      },
    ]);
    expect(() => parseAlipayBill(ALIPAY_SAMPLE.replace("#交易合计：1笔", "#交易合计：2笔"))).toThrow(
      StatementFormatError,
    );
  });

  it("reads back what the fakes write (both formats)", () => {
    const txs = [
      { outTradeNo: "a".repeat(32), providerTradeNo: "4200001", amountFen: 12_345, time: "2026-03-01 08:00:00" },
      {
        outTradeNo: "a".repeat(32),
        providerTradeNo: "4200001",
        amountFen: 12_345,
        time: "2026-03-01 09:00:00",
        refund: { outRefundNo: "r1", refundId: "5030001", amountFen: 45 },
      },
    ];
    for (const s of [
      parseWechatTradeBill(wechatTradeBill("1900000109", txs)),
      parseAlipayBill(alipayBillText("2088", "2026-03-01", "2026-03-02", txs)),
    ])
      expect([s.tradeCount, s.tradeFen, s.refundCount, s.refundFen]).toEqual([1, 12_345, 1, 45]);
  });

  it("turns yuan text into fen exactly, and refuses what is not an amount", () => {
    expect([yuanToFen("0.01"), yuanToFen("5.76"), yuanToFen("-2.50"), yuanToFen("0.02000"), yuanToFen("12")]).toEqual([
      1, 576, 250, 2, 1200,
    ]);
    expect(() => yuanToFen("1.005")).toThrow(StatementFormatError);
    expect(() => yuanToFen("abc")).toThrow(StatementFormatError);
  });
});

describe("matching a statement to our books", () => {
  const entry = (ref: string, amountFen: number, paymentId: number): OurEntry => ({
    ref,
    outTradeNo: ref,
    amountFen,
    paymentId,
  });
  const line = (outTradeNo: string, amountFen: number) => ({
    kind: "trade" as const,
    outTradeNo,
    providerTradeNo: `wx-${outTradeNo}`,
    outRefundNo: "",
    amountFen,
    occurredAt: "2026-03-01 10:00:00",
  });

  it("finds matched, missing on our side, amount differs and missing on the provider's side — each once", () => {
    const known = new Map([
      ["A", entry("A", 100, 1)],
      ["B", entry("B", 200, 2)],
    ]);
    const items = matchStatement(
      [line("A", 100), line("B", 250), line("C", 300), line("C", 300)],
      { trade: known, refund: new Map() },
      { trade: [entry("A", 100, 1), entry("D", 400, 4)], refund: [] },
    );
    expect(items.map((i) => [i.ref, i.status, i.statementFen, i.oursFen, i.paymentId])).toEqual([
      ["A", "matched", 100, 100, 1],
      ["B", "amount_differs", 250, 200, 2],
      ["C", "missing_ours", 300, null, null],
      ["D", "missing_provider", null, 400, 4],
    ]);
  });
});
