/**
 * A second process that holds the database's write lock: `tsx tests/support/hold-write-lock.ts
 * URL MS` opens a write transaction, writes one row, prints "holding", waits MS ms, commits and
 * prints "committed" (or "aborted: …" when the server ended the transaction). Used by
 * tests/integration/multi-process.test.ts.
 */
import { createClient } from "@libsql/client";

const [url, ms] = process.argv.slice(2);
const client = createClient({ url, timeout: 50 });
const tx = await client.transaction("write");
await tx.execute("UPDATE companies SET name = name WHERE id = (SELECT min(id) FROM companies)");
console.log("holding");
await new Promise((resolve) => setTimeout(resolve, Number(ms)));
try {
  await tx.commit();
  console.log("committed");
} catch (e) {
  console.log(`aborted: ${e instanceof Error ? e.message : String(e)}`);
}
client.close();
