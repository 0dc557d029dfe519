import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Reads a large result as ONE row: json_group_array(json_array(…)) in SQL, JSON.parse here.
 * libSQL builds an object with a named property per column for every row it returns; for
 * 50,000 units that costs seconds and tens of MB, the JSON text ~30 ms (measured).
 */
export async function jsonRows<T extends unknown[]>(db: DbOrTx, columns: SQL[], from: SQL): Promise<T[]> {
  const row = await db.get<{ rows: string | null }>(
    sql`select json_group_array(json_array(${sql.join(columns, sql`, `)})) as rows ${from}`,
  );
  return row?.rows ? (JSON.parse(row.rows) as T[]) : [];
}
