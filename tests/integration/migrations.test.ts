import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { is } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { DbHandle } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";
import { createEmptyDb } from "../support/test-db";

const schemaTables = Object.values(schema).flatMap((value) => (is(value, SQLiteTable) ? [getTableConfig(value)] : []));

async function appTables(handle: DbHandle): Promise<string[]> {
  const rs = await handle.client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " +
      "AND name NOT LIKE 'libsql\\_%' ESCAPE '\\' AND name <> '__drizzle_migrations' ORDER BY name",
  );
  return rs.rows.map((row) => String(row.name));
}

async function schemaSql(handle: DbHandle): Promise<string[]> {
  const rs = await handle.client.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name");
  return rs.rows.map((row) => String(row.sql));
}

async function appliedCount(handle: DbHandle): Promise<number> {
  const rs = await handle.client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
  return Number(rs.rows[0].n);
}

describe("migrations", () => {
  it("create every table and column of db/schema on an empty database", async () => {
    const handle = await createEmptyDb();
    expect(await appTables(handle)).toEqual([]);

    await migrateDb(handle.db);

    expect(await appTables(handle)).toEqual(schemaTables.map((t) => t.name).sort());
    for (const table of schemaTables) {
      const rs = await handle.client.execute(`SELECT name FROM pragma_table_info('${table.name}') ORDER BY name`);
      const columns = rs.rows.map((row) => String(row.name));
      expect(columns, table.name).toEqual(table.columns.map((c) => c.name).sort());
    }
  });

  it("are a no-op when applied a second time", async () => {
    const handle = await createEmptyDb();
    await migrateDb(handle.db);
    const before = { sql: await schemaSql(handle), applied: await appliedCount(handle) };
    expect(before.applied).toBeGreaterThan(0);

    await migrateDb(handle.db);

    expect({ sql: await schemaSql(handle), applied: await appliedCount(handle) }).toEqual(before);
  });
});
