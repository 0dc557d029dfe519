import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { billingVersions } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import type { Grouping } from "./collection";
import { agingReport, type AgingRow } from "./reports";

/**
 * The arrears aging of the workbench and the billing reports, computed once per company, day,
 * grouping and billing version instead of on every page view: the report reads every open
 * monthly bill of the company (49,000 at the bench's size, ~50 ms of a database thread), while
 * the version is one row. billing_versions moves in the same transaction as any bill, placement
 * or name that the report shows (triggers, migration billing_versions_triggers), so a hit is
 * exactly what the report would compute now; a new day is a new key, and a row made again (a
 * company's data reset) has a new epoch.
 *
 * Takes a Db, never a transaction: a report computed from a transaction's uncommitted writes
 * must not be kept under a version that a rollback would give back.
 */
const MAX_ENTRIES = 256;
const reports = new Map<string, Promise<AgingRow[]>>();

/**
 * The company's billing version, made on first use: the triggers only count on an existing row,
 * so the row is inserted (version 0, a fresh epoch) before the first report is computed — every
 * write after that moves it.
 */
export async function billingVersion(db: Db, companyId: number): Promise<{ version: number; epoch: string }> {
  const read = () =>
    db
      .select({ version: billingVersions.version, epoch: billingVersions.epoch })
      .from(billingVersions)
      .where(eq(billingVersions.companyId, companyId));
  const [row] = await read();
  if (row) return row;
  await db.insert(billingVersions).values({ companyId, version: 0, epoch: randomUUID() }).onConflictDoNothing();
  const [made] = await read();
  return made;
}

export async function cachedAgingReport(
  db: Db,
  companyId: number,
  today: string,
  grouping: Grouping,
): Promise<readonly AgingRow[]> {
  // The version is read before the report: a write in between makes the report newer than its
  // key, never older, and the next read (seeing the new version) computes it again.
  const { version, epoch } = await billingVersion(db, companyId);
  const key = `${companyId}|${epoch}|${version}|${today}|${grouping}`;
  let report = reports.get(key);
  if (!report) {
    if (reports.size >= MAX_ENTRIES) reports.delete(reports.keys().next().value!);
    report = agingReport(db, companyId, today, grouping);
    reports.set(key, report);
    report.catch(() => reports.delete(key));
  }
  return report;
}
