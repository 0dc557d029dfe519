import { eq } from "drizzle-orm";
import type { CronJob } from "@/lib/jobs/types";
import { companies } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { applyDueChanges } from "./changes";
import { localParts } from "@/lib/time/zone";

/**
 * The HR daily job (SPEC §10), for the future /api/cron: applies every company's personnel
 * changes due by the company's own local date. Idempotent (see applyDueChanges).
 */
export async function runHrDaily(db: Db, now = new Date()): Promise<{ companyId: number; applied: number }[]> {
  const rows = await db
    .select({ id: companies.id, tz: companies.timeZone })
    .from(companies)
    .where(eq(companies.active, true));
  const out: { companyId: number; applied: number }[] = [];
  for (const c of rows)
    out.push({ companyId: c.id, applied: await applyDueChanges(db, c.id, localParts(now, c.tz).date, now) });
  return out;
}

/** The same job in the shared cron contract (lib/jobs/types.ts), for /api/cron to wire. */
export const hrDailyJob: CronJob = async (db, company, asOf, now) => ({
  changesApplied: await applyDueChanges(db, company.id, asOf, now),
});
