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
 * an enabled account with, the statements of the CATCH_UP_DAYS days before `asOf` (company time)
 * not stored yet are downloaded, parsed, matched and stored — once: a stored day is not downloaded
 * again. A day the provider has no statement for (no transactions) is stored only when we have
 * payments of it (they are missing on the provider's side). A failed download (provider down,
 * credentials wrong) writes nothing for that day and is counted as `unavailable` and logged: one
 * company's provider must not fail the whole night's run, and a later run (within CATCH_UP_DAYS)
 * retries the day because nothing was stored for it.
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

/** Days looked at before `asOf`: a statement not ready yet (WeChat Pay's STATEMENT_CREATING before ~10:00) is fetched by a later run. */
export const CATCH_UP_DAYS = 3;

export function reconcileStatements(key: KeySource): CronJob {
  return async (db, c, asOf) => {
    const counts = { statements: 0, items: 0, unavailable: 0 };
    for (let back = CATCH_UP_DAYS; back >= 1; back--) {
      const billDate = addDays(asOf, -back);
      for (const provider of ["wechatpay", "alipay"] as const) {
        if (await statementExists(db, c.id, provider, billDate)) continue;
        try {
          const got = await download(db, key, c.id, provider, billDate);
          if (!got) continue;
          const r = await storeStatement(db, { companyId: c.id, timeZone: c.timeZone, provider, billDate, ...got });
          counts.statements += r.created ? 1 : 0;
          counts.items += r.items;
        } catch (e) {
          counts.unavailable += 1;
          console.error(`[reconcile] company ${c.id} ${provider} ${billDate}: statement unavailable:`, e);
        }
      }
    }
    return counts;
  };
}
