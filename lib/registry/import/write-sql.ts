/**
 * Set-based statements for bulk writes: one INSERT … SELECT FROM json_each(?) or one
 * UPDATE … FROM (json_each(?)) per few hundred rows. The rows travel as ONE JSON text
 * argument, so the compiled statement stays small whatever the row count. Measured on 200k
 * rows: a multi-row VALUES list with a `?` per cell is as fast but each prepared statement
 * holds hundreds of KB of native memory until V8 happens to collect it (RSS +160 MB); the
 * JSON form keeps RSS flat. drizzle's insert builder was about 5× slower per row.
 * Table and column names come from the drizzle schema, so they follow it.
 */
import { getTableName } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { InStatement, Transaction } from "@libsql/client";
import type { Db } from "@/lib/db/client";

/** A cell: JSON numbers arrive as INTEGER (or REAL), strings as TEXT, null as NULL. */
export type SqlValue = string | number | null;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const cells = (n: number) => Array.from({ length: n }, (_, i) => `json_extract(value, '$[${i}]')`).join(", ");

/** `insert into t (a, b) select json_extract(value,'$[0]'), json_extract(value,'$[1]') from json_each(?) [returning …]` */
export function insertStatement(
  table: SQLiteTable,
  columns: readonly SQLiteColumn[],
  rows: readonly (readonly SqlValue[])[],
  returning: readonly SQLiteColumn[] = [],
): InStatement {
  return {
    sql:
      `insert into ${q(getTableName(table))} (${columns.map((c) => q(c.name)).join(", ")}) ` +
      `select ${cells(columns.length)} from json_each(?)` +
      (returning.length ? ` returning ${returning.map((c) => q(c.name)).join(", ")}` : ""),
    args: [JSON.stringify(rows)],
  };
}

/**
 * `with v(k, c0, c1) as (select … from json_each(?)) update t set a = v.c0, b = v.c1[, extra = ?]
 *  from v where t.k = v.k and t.company_id = ?` — each row is [key, ...values of `set`].
 */
export function updateStatement(
  table: SQLiteTable,
  key: SQLiteColumn,
  set: readonly SQLiteColumn[],
  rows: readonly (readonly SqlValue[])[],
  scope: { companyColumn: SQLiteColumn; companyId: number },
  extra?: { column: SQLiteColumn; value: SqlValue },
): InStatement {
  const t = q(getTableName(table));
  const names = ["k", ...set.map((_, i) => `c${i}`)];
  const assignments = set.map((c, i) => `${q(c.name)} = v.c${i}`);
  const args: SqlValue[] = [JSON.stringify(rows)];
  if (extra) {
    assignments.push(`${q(extra.column.name)} = ?`);
    args.push(extra.value);
  }
  args.push(scope.companyId);
  return {
    sql:
      `with v(${names.join(", ")}) as (select ${cells(names.length)} from json_each(?)) ` +
      `update ${t} set ${assignments.join(", ")} from v where ${t}.${q(key.name)} = v.k and ${t}.${q(scope.companyColumn.name)} = ?`,
    args,
  };
}

/**
 * One write transaction on the raw libSQL client: commits when `fn` returns `commit: true`,
 * rolls back when it returns `commit: false` or throws.
 */
export async function rawWriteTransaction<T extends { commit: boolean }>(
  db: Db,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const tx = await db.$client.transaction("write");
  try {
    const result = await fn(tx);
    await (result.commit ? tx.commit() : tx.rollback());
    return result;
  } catch (e) {
    await tx.rollback().catch(() => {});
    throw e;
  } finally {
    tx.close();
  }
}
