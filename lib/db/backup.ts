import { createClient } from "@libsql/client";
import fs from "node:fs";
import path from "node:path";
import { isEmbeddedUrl } from "./client";

/**
 * Online backups (`npm run db:backup -- FILE`). A backup is always a plain SQLite database
 * file: open it with any SQLite tool, restore it with `npm run db:restore -- FILE`.
 *
 * - Embedded (`file:`): `VACUUM INTO` on a connection of its own. It reads one snapshot in
 *   a read transaction, so the copy holds every committed write, including those still in
 *   the `-wal` file (a `cp` of the database file loses them), and nothing half-written.
 *   Writers go on meanwhile (WAL: a reader never blocks them).
 * - libSQL server: its own dump endpoint (`GET /dump`, SQL text written by the server from
 *   one read transaction), loaded into a fresh SQLite file. sqld refuses `VACUUM INTO`.
 *
 * The file appears under its name only when complete (written beside it, then renamed).
 */
export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  source: "embedded" | "server";
}

/** The path of a `file:` URL ("file:data/x.db?mode=rwc" → "data/x.db"). */
export function filePathOf(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`not a file: URL: ${url}`);
  return decodeURIComponent(
    url
      .slice("file:".length)
      .split("?")[0]
      .replace(/^\/\/(localhost)?(?=\/)/, ""),
  );
}

/** The HTTP base URL of a libSQL server URL (`libsql://` and `wss://` → https, `ws://` → http). */
export function serverHttpBase(url: string): string {
  const u = new URL(url);
  const plain =
    u.protocol === "http:" || u.protocol === "ws:" || (u.protocol === "libsql:" && u.searchParams.get("tls") === "0");
  return `${plain ? "http" : "https"}://${u.host}`;
}

function partialName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
}

async function vacuumInto(url: string, target: string): Promise<void> {
  const client = createClient({ url, timeout: 5000 });
  try {
    await client.execute({ sql: "VACUUM INTO ?", args: [target] });
  } finally {
    client.close();
  }
}

/** Fetches the server's SQL dump and loads it into a new SQLite file at `target`. */
async function dumpServerInto(url: string, authToken: string | undefined, target: string): Promise<void> {
  const res = await fetch(`${serverHttpBase(url)}/dump`, {
    headers: authToken ? { authorization: `Bearer ${authToken}` } : {},
  });
  if (!res.ok)
    throw new Error(`the libSQL server refused the dump: HTTP ${res.status} ${await res.text().catch(() => "")}`);
  await loadSqlDump(await res.text(), target);
}

// libSQL's exec slows down more than linearly with the text size (measured: 20 kB pieces 4.8k chars/ms, 1 MB 0.37k).
const DUMP_CHUNK_CHARS = 16_000;
const DUMP_FRAME = /^(PRAGMA foreign_keys=OFF;|BEGIN TRANSACTION;|COMMIT;)$/;

/**
 * Splits a SQL dump into pieces of about DUMP_CHUNK_CHARS at statement ends, without its own
 * PRAGMA/BEGIN/COMMIT frame. A dump writes every row as a one-line INSERT (newlines in text
 * become `replace(…, char(10))`), so the end of such a line is a safe place to cut; schema
 * statements and trigger bodies may span lines and are never cut.
 */
export function splitSqlDump(sqlText: string, maxChars = DUMP_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  let size = 0;
  let inTrigger = false;
  for (const line of sqlText.split("\n")) {
    if (DUMP_FRAME.test(line)) continue;
    if (/^CREATE\s+(TEMP\w*\s+)?TRIGGER\b/i.test(line)) inTrigger = true;
    lines.push(line);
    size += line.length + 1;
    if (inTrigger && /\bEND\s*;\s*$/i.test(line)) inTrigger = false;
    if (!inTrigger && size >= maxChars && /^INSERT INTO .*\);$/.test(line)) {
      chunks.push(lines.join("\n"));
      lines = [];
      size = 0;
    }
  }
  if (lines.some((l) => l.trim())) chunks.push(lines.join("\n"));
  return chunks;
}

/**
 * Runs a SQL dump (`PRAGMA foreign_keys=OFF; BEGIN TRANSACTION; … COMMIT;`) into a new SQLite
 * file, in one transaction fed in pieces (one `executeMultiple` of a whole large dump is slow).
 */
export async function loadSqlDump(sqlText: string, target: string): Promise<void> {
  if (!/^\s*(PRAGMA|BEGIN|CREATE)/i.test(sqlText) || !/COMMIT;\s*$/i.test(sqlText))
    throw new Error("the dump is incomplete (no COMMIT at its end)");
  // One connection, so the pragma holds for the transaction.
  const client = createClient({ url: `file:${target}`, concurrency: 1 });
  try {
    await client.execute("PRAGMA foreign_keys = OFF");
    const tx = await client.transaction("write");
    try {
      for (const chunk of splitSqlDump(sqlText)) await tx.executeMultiple(chunk);
      await tx.commit();
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}

/** Writes an online, consistent copy of the database at `url` to `file` (which must not exist). */
export async function backupDatabase(url: string, authToken: string | undefined, file: string): Promise<BackupResult> {
  const started = Date.now();
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new Error(`${file} exists already: choose a new file name`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = partialName(target);
  fs.rmSync(partial, { force: true });
  const embedded = isEmbeddedUrl(url);
  try {
    if (embedded) {
      if (!fs.existsSync(filePathOf(url))) throw new Error(`no database at ${filePathOf(url)}`);
      await vacuumInto(url, partial);
    } else {
      await dumpServerInto(url, authToken, partial);
    }
    await checkIntegrity(partial);
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return {
    file: target,
    bytes: fs.statSync(target).size,
    ms: Date.now() - started,
    source: embedded ? "embedded" : "server",
  };
}

/** Throws unless SQLite's quick_check of the database file says "ok". */
export async function checkIntegrity(file: string): Promise<void> {
  const client = createClient({ url: `file:${file}` });
  try {
    const rows = (await client.execute("PRAGMA quick_check")).rows.map((r) => String(r[0]));
    if (rows.length !== 1 || rows[0] !== "ok")
      throw new Error(`${file} fails the integrity check: ${rows.slice(0, 5).join("; ")}`);
  } finally {
    client.close();
  }
}
