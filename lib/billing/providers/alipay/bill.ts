import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import iconv from "iconv-lite";
import { AlipayError, alipaySdk, type AlipayAccount } from "./client";

/*
 * The daily trade bill: alipay.data.dataservice.bill.downloadurl.query (bill_type trade) answers
 * bill_download_url, a zip holding "<account>_<date>_业务明细.csv" and its "(汇总)" summary, both GBK.
 * A day without a bill answers isp.bill_not_exist.
 */

export interface DownloadedAlipayBill {
  /** The 业务明细 file decoded from GBK, or null when Alipay has no bill for the day. */
  text: string | null;
  sha1: string;
}

/** A zip entry's name: UTF-8 when flagged (fflate decoded it), else GBK bytes fflate read as latin1. */
function zipName(n: string): string {
  return /[^\x00-\xff]/.test(n) ? n : iconv.decode(Buffer.from(n, "latin1"), "gbk");
}

export async function downloadAlipayTradeBill(a: AlipayAccount, billDate: string): Promise<DownloadedAlipayBill> {
  const r = (await alipaySdk(a).exec(
    "alipay.data.dataservice.bill.downloadurl.query",
    { bizContent: { bill_type: "trade", bill_date: billDate } },
    { validateSign: true },
  )) as Record<string, unknown>;
  if (r.code !== "10000") {
    const sub = String(r.subCode ?? r.sub_code ?? r.code);
    if (sub === "isp.bill_not_exist") return { text: null, sha1: "" };
    throw new AlipayError(sub, String(r.subMsg ?? r.msg));
  }
  const res = await fetch(String(r.billDownloadUrl ?? r.bill_download_url));
  if (!res.ok) throw new AlipayError("DOWNLOAD_FAILED", `the bill file answered ${res.status}`);
  const zip = new Uint8Array(await res.arrayBuffer());
  const files = unzipSync(zip);
  const name = Object.keys(files).find((n) => zipName(n).endsWith("业务明细.csv"));
  if (!name) throw new AlipayError("BAD_FILE", "the zip has no 业务明细.csv");
  return {
    text: iconv.decode(Buffer.from(files[name]), "gbk"),
    sha1: createHash("sha1").update(zip).digest("hex"),
  };
}
