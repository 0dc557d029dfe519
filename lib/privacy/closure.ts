import fs from "node:fs/promises";
import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import { companies } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db } from "@/lib/db/client";
import { resolveStoredPath } from "@/lib/tickets/attachments";
import { companyTables } from "./export";
import { companyNameHash, purgeDueAt } from "./rules";

/**
 * Tenant exit (PIPL art. 21): an admin closes the company; after the grace period the daily
 * cron deletes every row of it from the live database and keeps one record in company_purges
 * (id, hash of the name, dates). Until then an admin can cancel.
 */

/** Starts the grace period. The admin confirms by typing the company's name. Asking twice keeps the first date. */
export async function requestClosure(
  db: Db,
  companyId: number,
  actorUserId: number,
  confirmName: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(companies).where(eq(companies.id, companyId));
    if (!c) throw new AppError("not_found");
    if (confirmName.trim() !== c.name.trim()) throw AppError.field("confirmName", "privacy.errors.nameMismatch");
    if (c.purgeAfter) return { purgeAfter: c.purgeAfter };
    const purgeAfter = purgeDueAt(now, c.closureGraceDays);
    await tx.update(companies).set({ closureRequestedAt: now, purgeAfter }).where(eq(companies.id, companyId));
    await writeAudit(tx, {
      companyId,
      actorUserId,
      action: "company.close",
      entity: "company",
      entityId: companyId,
      after: { closureRequestedAt: now, purgeAfter },
    });
    return { purgeAfter };
  });
}

/** Ends the grace period: the company carries on as before. */
export async function cancelClosure(db: Db, companyId: number, actorUserId: number) {
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ purgeAfter: companies.purgeAfter })
      .from(companies)
      .where(eq(companies.id, companyId));
    if (!c) throw new AppError("not_found");
    if (!c.purgeAfter) return { cancelled: false };
    await tx.update(companies).set({ closureRequestedAt: null, purgeAfter: null }).where(eq(companies.id, companyId));
    await writeAudit(tx, {
      companyId,
      actorUserId,
      action: "company.close_cancel",
      entity: "company",
      entityId: companyId,
      before: { purgeAfter: c.purgeAfter },
    });
    return { cancelled: true };
  });
}

/**
 * Deletes one company whose grace period is over, in one batch (one transaction). Every
 * statement re-checks that the company is still due, so a cancel in between, a second cron
 * run at the same time or a re-run after success all change nothing. Uploaded files are
 * removed after the rows are gone. Returns whether this call purged it.
 */
export async function purgeCompanyIfDue(db: Db, companyId: number, now: Date): Promise<boolean> {
  const [c] = await db.select().from(companies).where(eq(companies.id, companyId));
  if (!c || !c.purgeAfter || c.purgeAfter.getTime() > now.getTime() || !c.closureRequestedAt) return false;
  const due = sql`EXISTS (SELECT 1 FROM companies WHERE id = ${companyId} AND purge_after IS NOT NULL AND purge_after <= ${now.getTime()})`;
  const files = await db.all<{ p: string }>(
    sql`SELECT stored_path AS p FROM work_order_attachments WHERE company_id = ${companyId}
        UNION ALL SELECT stored_path FROM approval_attachments WHERE company_id = ${companyId}`,
  );
  const tables = await companyTables(db);
  const results = await db.batch([
    db.run(sql`PRAGMA defer_foreign_keys = ON`),
    db.run(
      sql`INSERT OR IGNORE INTO company_purges (purged_company_id, name_hash, closure_requested_at, purged_at)
          SELECT ${companyId}, ${companyNameHash(companyId, c.name)}, closure_requested_at, ${now.getTime()} FROM companies WHERE id = ${companyId} AND ${due}`,
    ),
    // Accounts that belong to this company only (residents and staff of nowhere else).
    db.run(
      sql`DELETE FROM users WHERE ${due}
          AND id IN (SELECT user_id FROM memberships WHERE company_id = ${companyId})
          AND id NOT IN (SELECT user_id FROM memberships WHERE company_id <> ${companyId})`,
    ),
    ...tables.map((t) => db.run(sql`DELETE FROM ${sql.identifier(t)} WHERE company_id = ${companyId} AND ${due}`)),
    db.run(sql`DELETE FROM companies WHERE id = ${companyId} AND ${due}`),
  ]);
  const purged = results[1].rowsAffected > 0;
  if (purged)
    for (const { p } of files)
      await fs
        .rm(resolveStoredPath(p), { force: true })
        .catch((e) => console.error(`[purge] could not remove ${p}`, e));
  return purged;
}

/** The cron's step: purges every company whose grace period is over. Idempotent. */
export async function purgeDueCompanies(db: Db, now: Date): Promise<number[]> {
  const due = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(isNotNull(companies.purgeAfter), lte(companies.purgeAfter, now)));
  const purged: number[] = [];
  for (const { id } of due) if (await purgeCompanyIfDue(db, id, now)) purged.push(id);
  return purged;
}
