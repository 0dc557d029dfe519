import type { TestProject } from "vitest/node";
import { openDb } from "../../lib/db/client";
import { migrateDb } from "../../lib/db/migrate";
import { startSqld, testDbMode } from "../support/sqld";

/**
 * TEST_DB_MODE=file (default): nothing to start; every test database is a new file.
 * TEST_DB_MODE=remote: one sqld server for the whole run, migrated here once so that test
 * files never race to migrate it. Its URL reaches tests through `inject("sqldUrl")`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDbMode() === "file") {
    project.provide("sqldUrl", "");
    return async () => {};
  }
  const server = await startSqld();
  const handle = openDb(server.url);
  try {
    await migrateDb(handle.db);
  } catch (e) {
    await server.stop();
    throw e;
  } finally {
    handle.client.close();
  }
  project.provide("sqldUrl", server.url);
  console.log(`[integration] remote mode: sqld at ${server.url}`);
  return () => server.stop();
}
