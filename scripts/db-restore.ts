/**
 * npm run db:restore -- FILE [--force] — restores a backup (from db:backup, or a libSQL server's
 * SQL dump) into DATABASE_URL (lib/db/restore.ts). Refuses a target that holds any table unless
 * --force is given. Stop the app before restoring over an embedded database.
 */
import { parseArgs } from "node:util";
import { DEFAULT_DATABASE_URL } from "../lib/db/client";
import { restoreDatabase, RestoreRefused } from "../lib/db/restore";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { force: { type: "boolean", default: false } },
});
if (positionals.length !== 1) {
  console.error("usage: npm run db:restore -- FILE [--force]");
  process.exit(2);
}
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
try {
  const r = await restoreDatabase(positionals[0], url, process.env.DATABASE_AUTH_TOKEN, { force: values.force });
  console.log(
    `restored ${positionals[0]} into ${url.replace(/\/\/.*@/, "//***@")}: ${r.tables} tables, ${r.rows} rows in ${r.ms} ms`,
  );
} catch (e) {
  console.error(
    `restore ${e instanceof RestoreRefused ? "refused" : "failed"}: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(e instanceof RestoreRefused ? 3 : 1);
}
