import { createHash } from "node:crypto";
import { wechatRequest, WechatPayError, type WechatPayAccount } from "./client";
import { authorization } from "./crypto";

/*
 * The daily trade bill (交易账单): GET /v3/bill/tradebill answers download_url + hash_value
 * (SHA1); the file itself is a signed GET of download_url whose response carries no platform
 * signature — its integrity is the hash. A day without transactions answers NO_STATEMENT_EXIST.
 */

export interface DownloadedBill {
  /** null: the provider has no statement for the day (no transactions). */
  text: string | null;
  sha1: string;
}

interface TradeBillAnswer {
  hash_type: string;
  hash_value: string;
  download_url: string;
}

export async function downloadWechatTradeBill(a: WechatPayAccount, billDate: string): Promise<DownloadedBill> {
  const sub = a.mode === "partner" && a.subMchId ? `&sub_mchid=${encodeURIComponent(a.subMchId)}` : "";
  let answer: TradeBillAnswer;
  try {
    answer = await wechatRequest<TradeBillAnswer>(
      a,
      "GET",
      `/v3/bill/tradebill?bill_date=${billDate}&bill_type=ALL${sub}`,
    );
  } catch (e) {
    if (e instanceof WechatPayError && e.code === "NO_STATEMENT_EXIST") return { text: null, sha1: "" };
    throw e;
  }
  const url = new URL(answer.download_url);
  const res = await fetch(url, {
    headers: {
      Authorization: authorization(
        { mchId: a.mchId, serialNo: a.serialNo, privateKey: a.privateKey },
        { method: "GET", pathWithQuery: url.pathname + url.search, body: "" },
      ),
    },
  });
  if (!res.ok) throw new WechatPayError(res.status, "DOWNLOAD_FAILED", "the bill file could not be downloaded");
  const bytes = Buffer.from(await res.arrayBuffer());
  const sha1 = createHash("sha1").update(bytes).digest("hex");
  if (answer.hash_type.toUpperCase() !== "SHA1" || sha1 !== answer.hash_value.toLowerCase())
    throw new WechatPayError(200, "BAD_HASH", "the bill file's SHA1 differs from hash_value");
  return { text: bytes.toString("utf8"), sha1 };
}
