/**
 * E2E helper: runs the daily reconciliation job for one company and date (RECON_COMPANY,
 * RECON_AS_OF) against the e2e database — the job downloads the day before from the spec's fake.
 */
import { reconcileStatements } from "../../../lib/billing/reconciliation/job";
import { secretsKey } from "../../../lib/crypto/secrets";
import { openDb } from "../../../lib/db/client";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:.*(\/tmp\/|\/e2e\/)/.test(url)) throw new Error(`refusing ${url}: only the e2e database`);
const { db, client } = openDb(url);
try {
  const company = { id: Number(process.env.RECON_COMPANY), timeZone: "Asia/Shanghai" };
  const counts = await reconcileStatements(secretsKey())(db, company, process.env.RECON_AS_OF ?? "", new Date());
  console.log(JSON.stringify(counts));
} finally {
  client.close();
}
