import fs from "node:fs";
import type { Client } from "@libsql/client";
import { ThreadedClient } from "@/lib/db/threads/client";
import type { DbThread } from "@/lib/db/threads/thread";

/**
 * Closes the clients and waits until their database threads have exited. A threaded client's
 * close() returns before its threads close their connections, and a closing connection still
 * writes its -wal/-shm files: a test that removed the folder right away failed now and then with
 * ENOTEMPTY on a loaded machine, even with the removal retried for half a second.
 */
export async function closeClients(clients: readonly (Client | null | undefined)[], timeoutMs = 20_000) {
  const threads: DbThread[] = [];
  for (const c of clients) {
    if (!(c instanceof ThreadedClient)) continue;
    const { writer, readers } = c.threads();
    threads.push(...(writer ? [writer] : []), ...readers);
  }
  for (const c of clients) c?.close();
  const until = Date.now() + timeoutMs;
  while (threads.some((t) => !t.dead) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

/** Removes a temp folder of databases whose clients are closed (closeClients), retrying a busy removal. */
export function removeDbFolder(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
}
