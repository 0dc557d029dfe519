import fs from "node:fs/promises";
import { sql } from "drizzle-orm";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { DbOrTx } from "@/lib/db/client";
import { resolveStoredPath } from "@/lib/tickets/attachments";

/**
 * Tenant exit (PIPL art. 21): every row of the company, one JSON file per table (an array of
 * rows with the database's column names), the company itself, its members' accounts (without
 * password hashes), and every uploaded file under files/. Streamed as a zip (fflate: no
 * dependencies, streaming, typed, widely used) a page of rows at a time, so memory stays flat
 * whatever the company's size.
 */

const PAGE = 500;
/** Tables that hold a stored_path to a file under UPLOADS_DIR. */
const FILE_TABLES = ["work_order_attachments", "approval_attachments"] as const;

/** Every table with a company_id column, from the live schema (a table added later is included). */
export async function companyTables(db: DbOrTx): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    sql`SELECT m.name AS name FROM sqlite_master m
        WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'company_id')
        ORDER BY m.name`,
  );
  return rows.map((r) => r.name);
}

type Row = Record<string, unknown>;

async function* pagesOf(db: DbOrTx, table: string, companyId: number): AsyncGenerator<Row[]> {
  let after = -1;
  for (;;) {
    const rows = await db.all<Row & { _rid: number }>(
      sql`SELECT rowid AS _rid, * FROM ${sql.identifier(table)} WHERE company_id = ${companyId} AND rowid > ${after} ORDER BY rowid LIMIT ${PAGE}`,
    );
    if (!rows.length) return;
    after = Number(rows[rows.length - 1]._rid);
    yield rows.map((row) => {
      const rest: Row = { ...row };
      delete rest._rid;
      return rest;
    });
    if (rows.length < PAGE) return;
  }
}

const enc = new TextEncoder();
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x));

/** The zip's entries in order: name and a source of byte chunks. */
export async function* exportEntries(
  db: DbOrTx,
  companyId: number,
): AsyncGenerator<{ name: string; chunks: AsyncGenerator<Uint8Array>; compress: boolean }> {
  async function* once(v: unknown) {
    yield enc.encode(json(v));
  }
  const [company] = await db.all<Row>(sql`SELECT * FROM companies WHERE id = ${companyId}`);
  yield { name: "companies.json", chunks: once([company]), compress: true };
  const members = await db.all<Row>(
    sql`SELECT id, name, phone, email, locale, active, created_at, updated_at FROM users
        WHERE id IN (SELECT user_id FROM memberships WHERE company_id = ${companyId}) ORDER BY id`,
  );
  yield { name: "users.json", chunks: once(members), compress: true };
  for (const table of await companyTables(db)) {
    async function* rows() {
      yield enc.encode("[");
      let first = true;
      for await (const page of pagesOf(db, table, companyId))
        for (const row of page) {
          yield enc.encode((first ? "" : ",\n") + json(row));
          first = false;
        }
      yield enc.encode("]");
    }
    yield { name: `${table}.json`, chunks: rows(), compress: true };
  }
  for (const table of FILE_TABLES)
    for await (const page of pagesOf(db, table, companyId))
      for (const row of page) {
        const stored = String(row.stored_path);
        async function* file() {
          try {
            yield new Uint8Array(await fs.readFile(resolveStoredPath(stored)));
          } catch (e) {
            console.error(`[export] missing file ${stored}`, e);
          }
        }
        yield { name: `files/${stored}`, chunks: file(), compress: false };
      }
}

/** The zip as a byte stream, pulled entry by entry (back-pressure from the reader). */
export function zipStream(
  entries: AsyncGenerator<{ name: string; chunks: AsyncGenerator<Uint8Array>; compress: boolean }>,
): ReadableStream<Uint8Array> {
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else out.push(chunk);
  });
  async function* run(): AsyncGenerator<Uint8Array> {
    for await (const entry of entries) {
      const file = entry.compress ? new ZipDeflate(entry.name, { level: 6 }) : new ZipPassThrough(entry.name);
      zip.add(file);
      for await (const chunk of entry.chunks) {
        file.push(chunk);
        while (out.length) yield out.shift()!;
      }
      file.push(new Uint8Array(0), true);
      while (out.length) yield out.shift()!;
    }
    zip.end();
    if (failed) throw failed;
    while (out.length) yield out.shift()!;
  }
  const it = run();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}
