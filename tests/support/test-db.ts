import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { companies } from "../../db/schema";
import { openDb, type DbHandle, type DbOrTx } from "../../lib/db/client";
import { migrateDb } from "../../lib/db/migrate";
import { startSqld, testDbMode } from "./sqld";

/*
 * How tests get a database, in each TEST_DB_MODE:
 *
 * file (default): every createTestDb() call is a brand-new `file:` database in its own
 *   temp dir, so it is empty apart from what the test writes.
 *
 * remote: every call returns a new client on the ONE sqld server the global setup started
 *   and migrated. sqld serves separate databases only with --enable-namespaces, and then
 *   takes the namespace from the Host header's first label (`<ns>.host`), which a
 *   127.0.0.1 URL cannot carry (and `<ns>.localhost` does not resolve here). So the
 *   database is shared by every test of the run, and tests must not depend on it being
 *   empty: each test creates its own company (createTestCompany below, or fixtures.ts)
 *   and asserts only on rows it reaches from that company. Test files run one at a time
 *   (vitest.config.ts), so the shared server is never migrated concurrently. A test that
 *   truly needs an empty database uses createEmptyDb(), which in remote mode starts a
 *   private sqld (about 30 ms).
 *
 * cleanup() closes every client and removes temp dirs and servers; tests/support/
 * integration-setup.ts runs it after every integration test file.
 */

const cleanups: Array<() => void | Promise<void>> = [];

function newFileDb(): DbHandle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-test-"));
  const handle = openDb(`file:${path.join(dir, "test.db")}`);
  cleanups.push(() => {
    handle.client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}

/** A fully migrated database handle (see the comment above for what "fresh" means per mode). */
export async function createTestDb(): Promise<DbHandle> {
  let handle: DbHandle;
  if (testDbMode() === "file") {
    handle = newFileDb();
  } else {
    const url = inject("sqldUrl");
    if (!url) throw new Error("remote mode but no sqld URL: is tests/integration/global-setup.ts configured?");
    handle = openDb(url);
    cleanups.push(() => handle.client.close());
  }
  await migrateDb(handle.db); // remote: already migrated by the global setup, so a no-op
  return handle;
}

/** A database with no tables at all, for testing migrations themselves. */
export async function createEmptyDb(): Promise<DbHandle> {
  if (testDbMode() === "file") return newFileDb();
  const server = await startSqld();
  const handle = openDb(server.url);
  cleanups.push(async () => {
    handle.client.close();
    await server.stop();
  });
  return handle;
}

/** Closes every handle created so far and removes what they used. */
export async function cleanup(): Promise<void> {
  while (cleanups.length) await cleanups.pop()?.();
}

/** A bare company with a unique name: the tenant one test owns and scopes its assertions to. */
export async function createTestCompany(db: DbOrTx): Promise<number> {
  const [row] = await db
    .insert(companies)
    .values({ name: `Test Co ${randomUUID().slice(0, 8)}` })
    .returning({ id: companies.id });
  return row.id;
}
