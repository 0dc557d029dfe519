/** npm run db:migrate — applies committed migrations to DATABASE_URL (default: the embedded file). */
import { openDb, DEFAULT_DATABASE_URL } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const handle = openDb(url, process.env.DATABASE_AUTH_TOKEN);
const started = Date.now();
await migrateDb(handle.db);
handle.client.close();
console.log(`migrations applied to ${url.replace(/\/\/.*@/, "//***@")} in ${Date.now() - started} ms`);
