import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "../../../lib/db/client";

/** The e2e server's database: the file scripts/e2e-server.sh created for this port (or E2E_DATABASE_URL). */
export function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const port = process.env.E2E_PORT || "3211";
  const tmp = fs.realpathSync(process.env.TMPDIR || os.tmpdir());
  return `file:${path.join(tmp, `guanjia-e2e-${port}`, "e2e.db")}`;
}

/** Runs `fn` on a short-lived drizzle client of the e2e database. */
export async function withE2eDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const handle = openDb(e2eDatabaseUrl());
  try {
    return await fn(handle.db);
  } finally {
    handle.client.close();
  }
}
