import { createClient, type Client } from "@libsql/client";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkIntegrity, filePathOf, loadSqlDump } from "./backup";
import { isEmbeddedUrl } from "./client";

/**
 * `npm run db:restore -- FILE [--force]`: puts a backup (a SQLite file from `db:backup`, or a
 * libSQL server's SQL dump) into the database at DATABASE_URL. The target must be empty
 * (no table, view or trigger) unless `force` is set; then its content is replaced.
 *
 * - Embedded target: the checked backup file is copied beside the target and renamed over
 *   it (its old `-wal`/`-shm` files are removed). Stop the app first.
 * - libSQL server target: schema, then every table's rows in multi-row INSERTs (values
 *   quoted by SQLite itself, so text, blobs and 64-bit integers travel exactly), then
 *   AUTOINCREMENT counters, indexes, triggers and views; foreign-key checks are off while
 *   loading, like a SQL dump. Every table's row count is compared with the backup at the end.
 */
export interface RestoreResult {
  target: string;
  tables: number;
  rows: number;
  ms: number;
}

export class RestoreRefused extends Error {}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");
const PAGE_ROWS = 500;
const CHUNK_CHARS = 200_000;

function isSqliteFile(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    return fs.readSync(fd, head, 0, 16, 0) === 16 && head.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const USER_OBJECTS = "name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

async function schemaOf(client: Client): Promise<SchemaObject[]> {
  const rs = await client.execute(
    `SELECT type, name, sql FROM sqlite_master WHERE sql NOT NULL AND ${USER_OBJECTS} ORDER BY rowid`,
  );
  return rs.rows.map((r) => ({ type: String(r.type), name: String(r.name), sql: String(r.sql) }));
}

/** Row count of every user table. */
async function tableCounts(client: Client): Promise<Map<string, number>> {
  const tables = (await schemaOf(client)).filter((o) => o.type === "table");
  const out = new Map<string, number>();
  if (!tables.length) return out;
  const rs = await client.execute(
    tables
      .map((t) => `SELECT ${`'${t.name.replace(/'/g, "''")}'`} AS t, count(*) AS n FROM ${q(t.name)}`)
      .join(" UNION ALL "),
  );
  for (const r of rs.rows) out.set(String(r.t), Number(r.n));
  return out;
}

function refuseOrContinue(target: string, objects: SchemaObject[], force: boolean) {
  if (objects.length && !force)
    throw new RestoreRefused(
      `${target} is not empty (${objects.length} tables, indexes, views or triggers): restore into an empty database, or pass --force to replace its content`,
    );
}

async function restoreToFile(source: string, target: string, force: boolean): Promise<void> {
  if (fs.existsSync(target)) {
    const existing = createClient({ url: `file:${target}` });
    try {
      refuseOrContinue(target, await schemaOf(existing), force);
    } finally {
      existing.close();
    }
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.restore-${process.pid}`);
  fs.copyFileSync(source, partial);
  for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(partial, target);
  const restored = createClient({ url: `file:${target}` });
  try {
    await restored.execute("PRAGMA journal_mode = WAL");
  } finally {
    restored.close();
  }
}

/** Runs statements on a server as one transaction with foreign-key checks off. */
async function runLoad(target: Client, statements: string[]): Promise<void> {
  if (statements.length)
    await target.executeMultiple(`PRAGMA foreign_keys=OFF;\nBEGIN;\n${statements.join(";\n")};\nCOMMIT;`);
}

/** Copies one table's rows as multi-row INSERTs of PAGE_ROWS rows, about CHUNK_CHARS of SQL per request. */
async function copyRows(src: Client, target: Client, table: string): Promise<void> {
  const cols = (await src.execute({ sql: "SELECT name FROM pragma_table_info(?)", args: [table] })).rows.map((r) =>
    String(r.name),
  );
  const values = cols
    .map((c) => `CASE typeof(${q(c)}) WHEN 'real' THEN printf('%!.17g', ${q(c)}) ELSE quote(${q(c)}) END`)
    .join(" || ',' || ");
  const page = `SELECT count(*) AS n, max(r) AS last, group_concat(v, ',') AS vals FROM (SELECT rowid AS r, '(' || ${values} || ')' AS v FROM ${q(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE_ROWS})`;
  const head = `INSERT INTO ${q(table)} (${cols.map(q).join(", ")}) VALUES `;
  let after: number | bigint = -(2n ** 63n);
  let pending: string[] = [];
  let size = 0;
  for (;;) {
    const [row] = (await src.execute({ sql: page, args: [after] })).rows;
    if (!Number(row.n)) break;
    after = row.last as number | bigint;
    const stmt = head + String(row.vals);
    pending.push(stmt);
    size += stmt.length;
    if (size >= CHUNK_CHARS) {
      await runLoad(target, pending);
      pending = [];
      size = 0;
    }
  }
  await runLoad(target, pending);
}

async function restoreToServer(
  source: string,
  url: string,
  authToken: string | undefined,
  force: boolean,
): Promise<void> {
  const target = createClient({ url, authToken });
  const src = createClient({ url: `file:${source}`, intMode: "bigint" });
  try {
    const existing = await schemaOf(target);
    refuseOrContinue(url, existing, force);
    const drops = existing
      .filter((o) => o.type !== "index")
      .map((o) => `DROP ${o.type.toUpperCase()} IF EXISTS ${q(o.name)}`);
    await runLoad(target, [
      ...drops.filter((d) => !d.startsWith("DROP TABLE")),
      ...drops.filter((d) => d.startsWith("DROP TABLE")),
    ]);
    const schema = await schemaOf(src);
    const tables = schema.filter((o) => o.type === "table");
    await runLoad(
      target,
      tables.map((t) => t.sql),
    );
    for (const t of tables) await copyRows(src, target, t.name);
    const hasSequence =
      (await src.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")).rows.length > 0;
    if (hasSequence) {
      const seq = (
        await src.execute(
          "SELECT 'INSERT INTO sqlite_sequence (name, seq) VALUES (' || quote(name) || ', ' || quote(seq) || ')' AS s FROM sqlite_sequence",
        )
      ).rows;
      await runLoad(target, ["DELETE FROM sqlite_sequence", ...seq.map((r) => String(r.s))]);
    }
    await runLoad(
      target,
      schema.filter((o) => o.type !== "table").map((o) => o.sql),
    );
    const [want, have] = [await tableCounts(src), await tableCounts(target)];
    for (const [table, n] of want)
      if (have.get(table) !== n)
        throw new Error(
          `restore incomplete: table ${table} has ${have.get(table) ?? "no"} rows on the server, ${n} in the backup`,
        );
  } finally {
    src.close();
    target.close();
  }
}

/** Restores `file` into the database at `url`; see the comment at the top. */
export async function restoreDatabase(
  file: string,
  url: string,
  authToken: string | undefined,
  { force = false } = {},
): Promise<RestoreResult> {
  const started = Date.now();
  if (!fs.existsSync(file)) throw new Error(`no backup file at ${file}`);
  let source = path.resolve(file);
  let tmpDir: string | null = null;
  try {
    if (!isSqliteFile(source)) {
      tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-restore-"));
      const loaded = path.join(tmpDir, "dump.db");
      await loadSqlDump(fs.readFileSync(source, "utf8"), loaded);
      source = loaded;
    }
    await checkIntegrity(source);
    const embedded = isEmbeddedUrl(url);
    if (embedded) await restoreToFile(source, path.resolve(filePathOf(url)), force);
    else await restoreToServer(source, url, authToken, force);
    const check = createClient(embedded ? { url } : { url, authToken });
    try {
      const counts = await tableCounts(check);
      return {
        target: url,
        tables: counts.size,
        rows: [...counts.values()].reduce((a, b) => a + b, 0),
        ms: Date.now() - started,
      };
    } finally {
      check.close();
    }
  } finally {
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
