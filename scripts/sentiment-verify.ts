/**
 * npm run sentiment:verify [-- --company <id>] — recomputes every household's sentiment score
 * from its ledger (lib/crm/verify.ts) for every company (or one) and compares it with the
 * household_scores cache and each entry's score_after. Prints counts and the first mismatches;
 * exits 1 on any mismatch.
 */
import { parseArgs } from "node:util";
import { companies } from "../db/schema";
import { openDb, DEFAULT_DATABASE_URL } from "../lib/db/client";
import { verifyCompany } from "../lib/crm/ledger/verify";

const { values } = parseArgs({ options: { company: { type: "string" } } });
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const { db } = openDb(url, process.env.DATABASE_AUTH_TOKEN);

async function main() {
  const only = values.company === undefined ? null : Number(values.company);
  if (only !== null && (!Number.isInteger(only) || only < 1)) {
    console.error(`--company must be a company id, got "${values.company}"`);
    process.exit(2);
  }
  const list = (await db.select({ id: companies.id, name: companies.name }).from(companies)).filter(
    (c) => only === null || c.id === only,
  );
  if (only !== null && list.length === 0) {
    console.error(`no company ${only}`);
    process.exit(2);
  }
  let bad = 0;
  const started = Date.now();
  for (const c of list) {
    const r = await verifyCompany(db, c.id);
    bad += r.mismatchedEntries + r.mismatchedScores;
    console.log(
      `company ${c.id} ${c.name}: ${r.households} households, ${r.entries} entries, ${r.mismatchedEntries} entry mismatches, ${r.mismatchedScores} score mismatches`,
    );
    for (const m of r.mismatches)
      console.log(
        `  ${m.kind} household ${m.householdId}${m.entryId ? ` entry ${m.entryId}` : ""}: expected ${m.expected}, found ${m.actual ?? "nothing"}`,
      );
  }
  console.log(`${bad === 0 ? "OK" : "MISMATCH"} in ${Date.now() - started} ms`);
  process.exit(bad === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
