/**
 * A logging client for the embedded database: preload it into any Node process
 * (`NODE_OPTIONS="--import ./scripts/query-log.mjs" QUERY_LOG=/tmp/q.log npm start`) and every
 * SQL statement the libSQL driver prepares is appended to $QUERY_LOG, one line each (BEGIN,
 * COMMIT, ROLLBACK and PRAGMA left out). scripts/count-page-queries.ts counts them per page.
 */
import fs from "node:fs";
import Database from "libsql";

const file = process.env.QUERY_LOG;
if (file) {
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (sql) {
    if (!/^\s*(begin|commit|rollback|pragma)\b/i.test(sql))
      fs.appendFileSync(file, `${sql.replace(/\s+/g, " ").slice(0, 200)}\n`);
    return prepare.call(this, sql);
  };
}
