/** What the database already holds: a previously seeded company, used identifiers, the next free ids. */
import { and, eq, inArray, max, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import * as s from "../../db/schema";

export const SEED_ACTION = "seed";

export interface ExistingCompany {
  id: number;
  /** True when the seed finished: its audit row is written last. */
  complete: boolean;
}

export async function findSeededCompany(db: Db, name: string): Promise<ExistingCompany | null> {
  const [company] = await db
    .select({ id: s.companies.id })
    .from(s.companies)
    .where(eq(s.companies.name, name))
    .orderBy(s.companies.id)
    .limit(1);
  if (!company) return null;
  const [audit] = await db
    .select({ id: s.auditLog.id })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.companyId, company.id), eq(s.auditLog.action, SEED_ACTION)))
    .limit(1);
  return { id: company.id, complete: audit !== undefined };
}

export interface Taken {
  phones: Set<string>;
  emails: Set<string>;
  codes: Set<string>;
}

/** Identifiers that are unique across all companies: user phones and e-mails, household codes. */
export async function loadTaken(db: Db): Promise<Taken> {
  const users = await db.select({ phone: s.users.phone, email: s.users.email }).from(s.users);
  const households = await db.select({ code: s.households.code }).from(s.households);
  return {
    phones: new Set(users.flatMap((u) => (u.phone ? [u.phone] : []))),
    emails: new Set(users.flatMap((u) => (u.email ? [u.email.toLowerCase()] : []))),
    codes: new Set(households.map((h) => h.code)),
  };
}

const ID_TABLES = {
  companies: s.companies,
  users: s.users,
  memberships: s.memberships,
  communities: s.communities,
  buildings: s.buildings,
  units: s.units,
  households: s.households,
  household_contacts: s.householdContacts,
  resident_links: s.residentLinks,
  audit_log: s.auditLog,
} as const;

export type IdTable = keyof typeof ID_TABLES;
export type NextIds = Record<IdTable, number>;

/**
 * The first free id of every table the seed writes, so rows can carry their ids and reference
 * each other without a read-back. Above both max(id) and the AUTOINCREMENT counter, so ids of
 * deleted rows are never reused. Assumes nothing else inserts into these tables meanwhile.
 */
export async function nextIds(db: Db): Promise<NextIds> {
  const seqRows = await db.all<{ name: string; seq: number }>(sql`SELECT name, seq FROM sqlite_sequence`);
  const seq = new Map(seqRows.map((r) => [r.name, Number(r.seq)]));
  const entries = await Promise.all(
    (Object.keys(ID_TABLES) as IdTable[]).map(async (name) => {
      const table = ID_TABLES[name];
      const [row] = await db.select({ top: max(table.id) }).from(table);
      return [name, Math.max(row?.top ?? 0, seq.get(name) ?? 0) + 1] as const;
    }),
  );
  return Object.fromEntries(entries) as NextIds;
}

/**
 * Deletes a company and every row that carries its id (found from the schema, so tables added
 * later are covered), plus users who belong to no other company. One transaction; foreign keys
 * are checked at commit, so a row elsewhere that still points here makes the whole purge fail.
 */
export async function purgeCompany(db: Db, companyId: number): Promise<void> {
  const tables = await db.all<{ name: string }>(
    sql`SELECT m.name AS name FROM sqlite_master m
        WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'company_id')
        ORDER BY m.name`,
  );
  const own = db
    .select({ userId: s.memberships.userId })
    .from(s.memberships)
    .where(eq(s.memberships.companyId, companyId));
  const elsewhere = db
    .select({ userId: s.memberships.userId })
    .from(s.memberships)
    .where(ne(s.memberships.companyId, companyId));
  await db.batch([
    db.run(sql`PRAGMA defer_foreign_keys = ON`),
    db.delete(s.users).where(and(inArray(s.users.id, own), notInArray(s.users.id, elsewhere))),
    ...tables.map((t) => db.run(sql`DELETE FROM ${sql.identifier(t.name)} WHERE company_id = ${companyId}`)),
    db.delete(s.companies).where(eq(s.companies.id, companyId)),
  ]);
}
