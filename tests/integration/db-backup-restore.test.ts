import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payments, sentimentEntries } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { monthlyFeeFen } from "@/lib/billing/queries/bills";
import { appendSentimentEntries } from "@/lib/crm/ledger/write";
import { publishedRules } from "@/lib/crm/ledger/read";
import { verifyCompany } from "@/lib/crm/ledger/verify";
import { openDb, type DbHandle } from "@/lib/db/client";
import { restoreDatabase, RestoreRefused } from "@/lib/db/restore";
import { createBillingEstate } from "../support/billing";
import { billingInvariantProblems } from "../support/billing-invariants";
import { startSqld, testDbMode, type SqldServer } from "../support/sqld";
import { createTestDb } from "../support/test-db";
import { closeClients, removeDbFolder } from "../support/close-clients";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

/**
 * `npm run db:backup` in a process of its own while this one keeps recording payments and
 * ledger entries, then `db:restore` into a fresh database (a new file, or a new sqld server):
 * the copy holds every write confirmed before the backup began, and its ledger and billing
 * invariants hold.
 */
describe("db:backup under write load, db:restore into a fresh database", () => {
  let handle: DbHandle;
  let dir: string;
  let server: SqldServer | null = null;
  let restored: DbHandle | null = null;
  beforeAll(async () => {
    handle = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-backup-test-"));
  });
  afterAll(async () => {
    await closeClients([restored?.client]);
    await server?.stop();
    removeDbFolder(dir);
  });

  it("copies a consistent snapshot that restores clean", { timeout: 120_000 }, async () => {
    const { db } = handle;
    const e = await createBillingEstate(db, 12);
    for (const month of ["2026-07", "2026-08", "2026-09", "2026-10"]) await generateBills(db, e.companyId, month);
    const initial = (await publishedRules(db, e.companyId)).initialScore;
    const monthly = await monthlyFeeFen(db, e.companyId, e.households[0].id);

    const confirmed = { payments: 0, entries: 0 };
    let stop = false;
    const load = (async () => {
      for (let i = 1; !stop; i++) {
        const h = e.households[i % e.households.length].id;
        // Every 7th payment prepays 20 months: the gold badge and its ledger entry come with it.
        const amountFen = i % 7 === 0 ? monthly * 20 : 1_234 + i;
        await recordPayment(db, {
          companyId: e.companyId,
          householdId: h,
          amountFen,
          method: "cash",
          idempotencyKey: `load-${i}`,
          actorUserId: e.finance.id,
        });
        confirmed.payments++;
        const entry = {
          householdId: h,
          occurredOn: "2026-11-02",
          rule: "complaint",
          step: "general",
          points: -1,
          dedupeKey: `load-${i}`,
          messageKey: "crm.ledger.complaint",
        };
        await db.transaction((tx) => appendSentimentEntries(tx, e.companyId, initial, [entry]));
        confirmed.entries++;
        // Embedded calls resolve as microtasks only: yield so timers and the child's I/O run.
        await new Promise((r) => setImmediate(r));
      }
    })();
    let failure: unknown = null;
    load.catch((err: unknown) => (failure = err));
    while (confirmed.entries < 5 && !failure) await new Promise((r) => setTimeout(r, 20));
    if (failure) throw failure;

    const file = path.join(dir, "backup.db");
    const before = { ...confirmed };
    const out = await run(TSX, ["scripts/db-backup.ts", file], { env: { ...process.env, DATABASE_URL: handle.url } });
    const after = { ...confirmed };
    stop = true;
    await load;
    expect(out.stdout).toMatch(/backup of .* MB in \d+ ms/);
    expect(after.payments).toBeGreaterThan(before.payments); // the writes went on during the backup

    let target: string;
    if (testDbMode() === "remote") {
      server = await startSqld();
      target = server.url;
    } else {
      target = `file:${path.join(dir, "restored.db")}`;
    }
    const result = await restoreDatabase(file, target, undefined);
    expect(result.rows).toBeGreaterThan(0);
    await expect(restoreDatabase(file, target, undefined)).rejects.toBeInstanceOf(RestoreRefused);
    restored = openDb(target);
    const copy = restored.db;

    const restoredPayments = await copy.$count(payments, eq(payments.companyId, e.companyId));
    expect(restoredPayments).toBeGreaterThanOrEqual(before.payments);
    expect(restoredPayments).toBeLessThanOrEqual(after.payments);
    const restoredEntries = await copy.$count(
      sentimentEntries,
      and(eq(sentimentEntries.companyId, e.companyId), eq(sentimentEntries.rule, "complaint")),
    );
    expect(restoredEntries).toBeGreaterThanOrEqual(before.entries);
    expect(restoredEntries).toBeLessThanOrEqual(after.entries);
    const gold = await copy.$count(
      sentimentEntries,
      and(eq(sentimentEntries.companyId, e.companyId), eq(sentimentEntries.rule, "gold_badge")),
    );
    expect(gold).toBeGreaterThan(0);

    const verify = await verifyCompany(copy, e.companyId);
    expect(verify.entries).toBeGreaterThan(0);
    expect(verify.mismatches).toEqual([]);
    expect(await billingInvariantProblems(copy, e.companyId)).toEqual([]);
    // The restored database takes new writes: ids and receipt numbers continue.
    const next = await recordPayment(copy, {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 500,
      method: "cash",
      idempotencyKey: "after-restore",
      actorUserId: e.finance.id,
    });
    expect(next.payment.receiptNo).toBe(
      `${next.payment.receiptNo.slice(0, 4)}-${String(restoredPayments + 1).padStart(6, "0")}`,
    );
    expect(await billingInvariantProblems(copy, e.companyId)).toEqual([]);
    const [{ n }] = await copy.all<{ n: number }>(
      sql`select count(*) as n from payments where company_id = ${e.companyId}`,
    );
    expect(n).toBe(restoredPayments + 1);
  });
});
