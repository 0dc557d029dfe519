import type { Db } from "@/lib/db/client";
import type { CronJob } from "@/lib/jobs/types";
import { addDays } from "@/lib/time/calendar";
import { alipayAccount, wechatAccount, type KeySource } from "../payment-accounts/queries";
import { downloadAlipayTradeBill } from "../providers/alipay/bill";
import { downloadWechatTradeBill } from "../providers/wechatpay/bill";
import { statementExists, storeStatement, type OnlineProvider } from "./commands";
import { parseAlipayBill, parseWechatTradeBill, totals, type ParsedStatement } from "./parse";

/*
 * The daily reconciliation job (date-bound; lib/cron/jobs.ts): for each provider the company has
 * an enabled account with, the statement of the day before `asOf` (company time) is downloaded,
 * parsed, matched and stored — once: a stored day is not downloaded again. A day the provider has
 * no statement for (no transactions) is stored empty, so our own payments of it still show up as
 * missing on the provider's side. A failed download fails the job (the run reports it; the next
 * run of the date tries again) and writes nothing.
 */

type Download = { statement: ParsedStatement; sha1: string } | null;

async function download(
  db: Db,
  key: KeySource,
  companyId: number,
  provider: OnlineProvider,
  billDate: string,
): Promise<Download> {
  if (provider === "wechatpay") {
    const account = await wechatAccount(db, key, companyId);
    if (!account) return null;
    const bill = await downloadWechatTradeBill(account, billDate);
    return { statement: bill.text === null ? totals([]) : parseWechatTradeBill(bill.text), sha1: bill.sha1 };
  }
  const account = await alipayAccount(db, key, companyId);
  if (!account) return null;
  const bill = await downloadAlipayTradeBill(account, billDate);
  return { statement: bill.text === null ? totals([]) : parseAlipayBill(bill.text), sha1: bill.sha1 };
}

export function reconcileStatements(key: KeySource): CronJob {
  return async (db, c, asOf) => {
    const billDate = addDays(asOf, -1);
    const counts = { statements: 0, items: 0 };
    for (const provider of ["wechatpay", "alipay"] as const) {
      if (await statementExists(db, c.id, provider, billDate)) continue;
      const got = await download(db, key, c.id, provider, billDate);
      if (!got) continue;
      const r = await storeStatement(db, { companyId: c.id, timeZone: c.timeZone, provider, billDate, ...got });
      counts.statements += r.created ? 1 : 0;
      counts.items += r.items;
    }
    return counts;
  };
}
