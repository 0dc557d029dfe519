import Papa from "papaparse";

/*
 * The providers' daily statements, parsed (pure; the download is in providers/<name>/bill.ts).
 *
 * WeChat Pay v3 trade bill (GET /v3/bill/tradebill, bill_type ALL): a header row, one row per
 * transaction whose every field starts with a backquote (`), then a summary header
 * (总交易单数,应结订单总金额,…) and its backquoted row. A paid order is a SUCCESS row on the day
 * it was paid; a refund is a REFUND row carrying 商户退款单号 and the refund amounts.
 *
 * Alipay 业务明细 (alipay.data.dataservice.bill.downloadurl.query, bill_type trade): "#" lines
 * (title, account, dates, "业务明细列表" markers, 交易合计/退款合计 footers), one header row,
 * then rows whose fields may carry trailing tabs; 业务类型 交易 or 退款 (the refund's
 * out_request_no in 退款批次号/请求号, its amount as a negative 商家实收).
 */

export type StatementRowKind = "trade" | "refund";

export interface StatementLine {
  kind: StatementRowKind;
  outTradeNo: string;
  providerTradeNo: string;
  /** Refunds: our out_refund_no; "" for trades. */
  outRefundNo: string;
  amountFen: number;
  occurredAt: string;
}

export interface ParsedStatement {
  lines: StatementLine[];
  tradeCount: number;
  tradeFen: number;
  refundCount: number;
  refundFen: number;
}

export class StatementFormatError extends Error {
  constructor(message: string) {
    super(`statement: ${message}`);
    this.name = "StatementFormatError";
  }
}

/** "12.34", "-0.01", "0.02000" → fen (sign dropped); refuses anything finer than a fen. */
export function yuanToFen(text: string): number {
  const m = /^\s*-?(\d{1,12})(?:\.(\d{1,2})0*)?\s*$/.exec(text);
  if (!m) throw new StatementFormatError(`not an amount: ${JSON.stringify(text)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

const parseCsv = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

export function totals(lines: StatementLine[]): ParsedStatement {
  const sum = (k: StatementRowKind) => lines.filter((l) => l.kind === k).reduce((s, l) => s + l.amountFen, 0);
  const count = (k: StatementRowKind) => lines.filter((l) => l.kind === k).length;
  return {
    lines,
    tradeCount: count("trade"),
    tradeFen: sum("trade"),
    refundCount: count("refund"),
    refundFen: sum("refund"),
  };
}

/** Column lookup by the header's names (the provider may add columns; the order is not relied on). */
function columns(header: string[], names: string[]) {
  const at = new Map(header.map((h, i) => [h.trim(), i]));
  for (const n of names) if (!at.has(n)) throw new StatementFormatError(`no column ${n}`);
  return (row: string[], name: string) => (at.has(name) ? (row[at.get(name)!] ?? "").trim() : "");
}

const unquote = (f: string) => (f.startsWith("`") ? f.slice(1) : f);
const WECHAT_COLUMNS = ["交易时间", "微信订单号", "商户订单号", "交易状态", "应结订单金额", "商户退款单号", "退款金额"];

/** The WeChat Pay trade bill (bill_type ALL), checked against its own summary's 总交易单数. */
export function parseWechatTradeBill(text: string): ParsedStatement {
  const rows = parseCsv(text.replace(/^\uFEFF/, "")).filter((r) => r.some((f) => f.trim() !== ""));
  if (!rows.length) throw new StatementFormatError("empty file");
  const col = columns(rows[0], WECHAT_COLUMNS);
  const summaryAt = rows.findIndex((r) => r[0]?.trim() === "总交易单数");
  if (summaryAt < 0 || !rows[summaryAt + 1]) throw new StatementFormatError("no summary");
  const body = rows.slice(1, summaryAt).map((r) => r.map(unquote));
  const declared = Number(unquote(rows[summaryAt + 1][0]).trim());
  if (declared !== body.length)
    throw new StatementFormatError(`summary says ${declared} rows, file has ${body.length}`);
  const lines: StatementLine[] = [];
  for (const r of body) {
    const state = col(r, "交易状态");
    const base = {
      outTradeNo: col(r, "商户订单号"),
      providerTradeNo: col(r, "微信订单号"),
      occurredAt: col(r, "交易时间"),
    };
    if (state === "REFUND") {
      const applied = col(r, "申请退款金额");
      const amount = applied && yuanToFen(applied) > 0 ? applied : col(r, "退款金额");
      lines.push({ ...base, kind: "refund", outRefundNo: col(r, "商户退款单号"), amountFen: yuanToFen(amount) });
    } else if (state === "SUCCESS") {
      const amount = col(r, "订单金额") || col(r, "应结订单金额");
      lines.push({ ...base, kind: "trade", outRefundNo: "", amountFen: yuanToFen(amount) });
    }
  }
  return totals(lines);
}

const ALIPAY_COLUMNS = ["支付宝交易号", "商户订单号", "业务类型", "完成时间", "订单金额（元）", "商家实收（元）"];

/** The Alipay 业务明细 CSV (already decoded from GBK), checked against its 交易合计/退款合计 footers. */
export function parseAlipayBill(text: string): ParsedStatement {
  const all = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const footer = all.filter((l) => l.startsWith("#")).join("\n");
  const rows = parseCsv(all.filter((l) => l.trim() !== "" && !l.startsWith("#")).join("\n"));
  if (!rows.length) throw new StatementFormatError("no header");
  const col = columns(rows[0], ALIPAY_COLUMNS);
  const lines: StatementLine[] = [];
  for (const r of rows.slice(1)) {
    const type = col(r, "业务类型");
    const base = {
      outTradeNo: col(r, "商户订单号"),
      providerTradeNo: col(r, "支付宝交易号"),
      occurredAt: col(r, "完成时间"),
    };
    if (type === "交易")
      lines.push({ ...base, kind: "trade", outRefundNo: "", amountFen: yuanToFen(col(r, "订单金额（元）")) });
    else if (type === "退款")
      lines.push({
        ...base,
        kind: "refund",
        outRefundNo: col(r, "退款批次号/请求号"),
        amountFen: yuanToFen(col(r, "商家实收（元）")),
      });
  }
  const parsed = totals(lines);
  const trades = /#交易合计：(\d+)笔/.exec(footer);
  const refunds = /#退款合计：(\d+)笔/.exec(footer);
  if (!trades || !refunds) throw new StatementFormatError("no 交易合计/退款合计 footer");
  if (Number(trades[1]) !== parsed.tradeCount || Number(refunds[1]) !== parsed.refundCount)
    throw new StatementFormatError("the footer's counts differ from the rows");
  return parsed;
}
