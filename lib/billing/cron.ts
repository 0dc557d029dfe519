import { eq } from "drizzle-orm";
import { billingSettings, companies } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { generateBills, type GenerationResult } from "./generate";
import { DEFAULT_SETTINGS } from "./pricing";
import { localDate } from "@/lib/time/zone";

/**
 * The daily billing job (for /api/cron): every active company whose billing day is today, in
 * its own time zone, gets this month's bills. Safe to run any number of times a day —
 * generateBills creates nothing twice. A company that missed its day (the cron was down)
 * is caught up on any later day of the month.
 */
export async function runBillingDay(db: Db, now = new Date()): Promise<(GenerationResult & { companyId: number })[]> {
  const rows = await db
    .select({ id: companies.id, timeZone: companies.timeZone, billingDay: billingSettings.billingDay })
    .from(companies)
    .leftJoin(billingSettings, eq(billingSettings.companyId, companies.id))
    .where(eq(companies.active, true));
  const results = [];
  for (const c of rows) {
    const today = localDate(now, c.timeZone);
    if (Number(today.slice(8, 10)) < (c.billingDay ?? DEFAULT_SETTINGS.billingDay)) continue;
    results.push({ companyId: c.id, ...(await generateBills(db, c.id, today.slice(0, 7), now)) });
  }
  return results;
}
