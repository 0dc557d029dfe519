import { zipSync } from "fflate";
import iconv from "iconv-lite";

/*
 * The providers' daily statement files, written exactly in their documented formats, for the
 * WeChat Pay and Alipay fakes (and the parsers' unit tests). Amounts are fen in, yuan text out.
 */

export interface BillTransaction {
  outTradeNo: string;
  providerTradeNo: string;
  amountFen: number;
  /** "YYYY-MM-DD HH:mm:ss", Beijing time. */
  time: string;
  /** A refund line: our out_refund_no and the provider's refund id. */
  refund?: { outRefundNo: string; refundId: string; amountFen: number };
}

const yuan = (fen: number) => `${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, "0")}`;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

export const WECHAT_BILL_HEADER =
  "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类," +
  "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包," +
  "手续费,费率,订单金额,申请退款金额,费率备注";

/** The v3 trade bill (bill_type ALL): header, backquoted rows (SUCCESS / REFUND), summary. */
export function wechatTradeBill(mchId: string, txs: readonly BillTransaction[]): string {
  const row = (t: BillTransaction) => {
    const r = t.refund;
    const fields = [
      t.time,
      "wxd678efh567hg6787",
      mchId,
      "0",
      "",
      t.providerTradeNo,
      t.outTradeNo,
      "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
      "NATIVE",
      r ? "REFUND" : "SUCCESS",
      "OTHERS",
      "CNY",
      r ? "0.00" : yuan(t.amountFen),
      "0.00",
      r ? r.refundId : "0",
      r ? r.outRefundNo : "0",
      r ? yuan(r.amountFen) : "0.00",
      "0.00",
      r ? "ORIGINAL" : "",
      r ? "SUCCESS" : "",
      "物业费",
      "",
      "0.00000",
      "0.60%",
      yuan(t.amountFen),
      r ? yuan(r.amountFen) : "0.00",
      "",
    ];
    return fields.map((f) => "`" + f).join(",");
  };
  const trades = txs.filter((t) => !t.refund);
  const refunds = txs.flatMap((t) => (t.refund ? [t.refund.amountFen] : []));
  const summary = [
    String(txs.length),
    yuan(sum(trades.map((t) => t.amountFen))),
    yuan(sum(refunds)),
    "0.00",
    "0.00000",
    yuan(sum(trades.map((t) => t.amountFen))),
    yuan(sum(refunds)),
  ];
  return [
    WECHAT_BILL_HEADER,
    ...txs.map(row),
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
    summary.map((f) => "`" + f).join(","),
    "",
  ].join("\r\n");
}

export const ALIPAY_BILL_HEADER =
  "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）," +
  "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称," +
  "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";

const cn = (date: string) => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;

/** The 业务明细 CSV text (before GBK encoding): # title lines, header, rows with trailing tabs, # footers. */
export function alipayBillText(account: string, billDate: string, nextDate: string, txs: readonly BillTransaction[]) {
  const row = (t: BillTransaction) => {
    const r = t.refund;
    const received = r ? `-${yuan(r.amountFen)}` : yuan(t.amountFen);
    const f = [t.providerTradeNo, t.outTradeNo, r ? "退款" : "交易", "物业费", t.time, t.time, "", "", "", ""];
    f.push("tes***@163.com", yuan(t.amountFen), received, "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00");
    f.push(r ? r.outRefundNo : "", "0.00", "0.00", "");
    return f.map((x) => `${x}\t`).join(",");
  };
  const trades = txs.filter((t) => !t.refund);
  const refunds = txs.flatMap((t) => (t.refund ? [t.refund.amountFen] : []));
  return [
    "#支付宝业务明细查询",
    `#账号：[${account}]`,
    `#起始日期：[${cn(billDate)} 00:00:00]   终止日期：[${cn(nextDate)} 00:00:00]`,
    "#-----------------------------------------业务明细列表----------------------------------------",
    ALIPAY_BILL_HEADER,
    ...txs.map(row),
    "#-----------------------------------------业务明细列表结束------------------------------------",
    `#交易合计：${trades.length}笔，商家实收共：${yuan(sum(trades.map((t) => t.amountFen)))}元，商家优惠共：0.00元`,
    `#退款合计：${refunds.length}笔，商家实收退款共：-${yuan(sum(refunds))}元，商家优惠退款共：0.00元`,
    `#导出时间：[${cn(nextDate)} 09:32:12]`,
    "",
  ].join("\r\n");
}

/** The zip Alipay's bill_download_url serves: the GBK 业务明细 file and its (汇总) summary. */
export function alipayBillZip(account: string, billDate: string, nextDate: string, txs: readonly BillTransaction[]) {
  const stamp = billDate.replaceAll("-", "");
  const detail = iconv.encode(alipayBillText(account, billDate, nextDate, txs), "gbk");
  const summary = iconv.encode(`#支付宝业务汇总查询\r\n#账号：[${account}]\r\n`, "gbk");
  return zipSync({
    [`${account}_${stamp}_业务明细.csv`]: new Uint8Array(detail),
    [`${account}_${stamp}_业务明细(汇总).csv`]: new Uint8Array(summary),
  });
}
