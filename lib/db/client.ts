import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import path from "node:path";
import fs from "node:fs";
import * as schema from "../../db/schema";
import { EMBEDDED_BUSY_RETRY, EMBEDDED_BUSY_TIMEOUT_MS, REMOTE_RETRY } from "./retry";
import { threadSettings } from "./threads/config";
import { ThreadedClient } from "./threads/client";
import { withWriteQueue } from "./write-queue";

export type Schema = typeof schema;
/** `$client` is the (write-queued) libSQL client underneath, for bulk writes on a raw transaction. */
export type Db = LibSQLDatabase<Schema> & { $client: Client };
/** A drizzle handle or a transaction on it: data functions accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_URL = "file:data/guanjia.db";

export function isEmbeddedUrl(url: string): boolean {
  return url.startsWith("file:") || url === ":memory:";
}

export interface DbHandle {
  db: Db;
  client: Client;
  url: string;
  embedded: boolean;
}

/**
 * Opens a database. `file:` URLs get WAL and wait for other processes' write locks; their
 * engine runs in worker threads (one writer, a pool of readers: lib/db/threads) unless
 * DATABASE_THREADS=off. `libsql://`, `http(s)://` and `ws(s)://` URLs go to a libSQL
 * server (an async network client: it never blocks). Both get the in-process write queue.
 */
export function openDb(url = DEFAULT_DATABASE_URL, authToken?: string): DbHandle {
  const embedded = isEmbeddedUrl(url);
  if (embedded && url.startsWith("file:")) {
    const file = url.slice("file:".length).split("?")[0];
    if (file && file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  // A short busy timeout (it blocks the event loop); waiting for another process's write lock
  // happens in the write queue, with retries that never wedge the client (write-queue.ts).
  const config = { url, authToken: authToken || undefined, timeout: embedded ? EMBEDDED_BUSY_TIMEOUT_MS : undefined };
  const threads = embedded ? threadSettings() : null;
  const raw: Client = threads?.threads
    ? new ThreadedClient({
        ...config,
        readers: url.includes(":memory:") ? 0 : threads.readers,
        slowMs: threads.slowMs,
        cacheMb: threads.cacheMb,
      })
    : createClient(config);
  // The write queue applies to remote URLs too. sqld runs one writer at a time and parks
  // every other interactive transaction on a server connection of its own; past its
  // connection limit (128 by default) it answers HTTP 429, or drops the WebSocket and with
  // it every stream on it (measured: 200 concurrent db.transaction() calls on one handle).
  // Queued here, a process holds at most one write transaction open; reads still run beside it.
  const client = withWriteQueue(
    raw,
    undefined,
    embedded ? { kind: "busy", policy: EMBEDDED_BUSY_RETRY } : { kind: "remote", policy: REMOTE_RETRY },
  );
  // WAL is a property of the database file; setting it again is a no-op. Queued like any write.
  if (embedded) client.execute("PRAGMA journal_mode = WAL").catch(() => {});
  return { db: drizzle(client, { schema }), client, url, embedded };
}
