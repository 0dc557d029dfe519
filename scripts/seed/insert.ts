import type { BatchItem } from "drizzle-orm/batch";
import { getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../lib/db/client";

/** Rows per INSERT statement (also bounded by SQLite's 32,766 bound parameters). */
const ROWS_PER_STATEMENT = 400;
/** Statements per `db.batch()` call: one transaction of a few thousand rows. */
const STATEMENTS_PER_BATCH = 10;
const MAX_PARAMETERS = 32_000;

/** Inserts rows in multi-row statements, several statements per `db.batch()` — never row by row. */
export async function insertRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
  onBatch?: (done: number) => void,
): Promise<void> {
  const columns = Object.keys(getTableColumns(table)).length;
  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
  const perBatch = perStatement * STATEMENTS_PER_BATCH;
  for (let start = 0; start < rows.length; start += perBatch) {
    const statements: BatchItem<"sqlite">[] = [];
    const end = Math.min(rows.length, start + perBatch);
    for (let i = start; i < end; i += perStatement) {
      statements.push(db.insert(table).values(rows.slice(i, Math.min(end, i + perStatement))));
    }
    const [first, ...rest] = statements;
    await db.batch([first, ...rest]);
    onBatch?.(end);
  }
}
