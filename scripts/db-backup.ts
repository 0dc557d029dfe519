/**
 * npm run db:backup -- FILE — an online, consistent copy of DATABASE_URL (default: the embedded
 * file) written to FILE, a plain SQLite database (lib/db/backup.ts). Safe while the app runs.
 * Prints the size and the time taken; exits 1 on failure (no FILE is left behind then).
 */
import { parseArgs } from "node:util";
import { backupDatabase } from "../lib/db/backup";
import { DEFAULT_DATABASE_URL } from "../lib/db/client";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error("usage: npm run db:backup -- FILE   (e.g. backups/guanjia-$(date +%F).db)");
  process.exit(2);
}
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
try {
  const r = await backupDatabase(url, process.env.DATABASE_AUTH_TOKEN, positionals[0]);
  console.log(
    `backup of ${url.replace(/\/\/.*@/, "//***@")} (${r.source}) → ${r.file}: ${(r.bytes / 1e6).toFixed(1)} MB in ${r.ms} ms`,
  );
} catch (e) {
  console.error(`backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
