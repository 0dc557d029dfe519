import "server-only";
import { env } from "../env";
import { openDb, type DbHandle } from "./client";

const cache = globalThis as unknown as { __guanjiaDb?: DbHandle };

/** The app's database, opened once per process (kept on globalThis across dev reloads). */
export function getDb() {
  cache.__guanjiaDb ??= openDb(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  return cache.__guanjiaDb.db;
}

export type { Db, DbOrTx } from "./client";
