import { getTableName, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "./client";

/** A cell as it travels in JSON: numbers, text, null (timestamps as epoch ms, booleans as 0/1). */
export type JsonCell = string | number | null;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * One set-based INSERT … SELECT FROM json_each(?) inside the caller's transaction: the rows
 * travel as ONE JSON argument (see lib/registry/import/write-sql.ts for the measurements —
 * several times faster than a multi-row VALUES list with a parameter per cell). Optionally
 * skips rows that hit a unique key and returns columns of the rows actually inserted.
 */
export async function jsonInsert<R extends Record<string, JsonCell>>(
  tx: DbOrTx,
  table: SQLiteTable,
  columns: readonly SQLiteColumn[],
  rows: readonly (readonly JsonCell[])[],
  opts: { onConflictDoNothing?: boolean; returning?: Record<keyof R & string, SQLiteColumn> } = {},
): Promise<R[]> {
  if (!rows.length) return [];
  const cells = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  const ret = opts.returning ? Object.entries(opts.returning).map(([alias, c]) => `${q(c.name)} as ${q(alias)}`) : [];
  const head = `insert into ${q(getTableName(table))} (${columns.map((c) => q(c.name)).join(", ")}) select ${cells} from json_each(`;
  const tail = `) where true${opts.onConflictDoNothing ? " on conflict do nothing" : ""}${ret.length ? ` returning ${ret.join(", ")}` : ""}`;
  const statement = sql`${sql.raw(head)}${JSON.stringify(rows)}${sql.raw(tail)}`;
  if (!ret.length) {
    await tx.run(statement);
    return [];
  }
  return (await tx.all(statement)) as R[];
}
