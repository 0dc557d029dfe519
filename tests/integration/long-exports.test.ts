import { describe, expect, it, beforeAll } from "vitest";
import { buildingStatementHouseholds } from "@/lib/billing/queries/bills";
import { householdAccount } from "@/lib/billing/queries/household-account";
import { statementAccounts } from "@/lib/billing/queries/statements";
import { generateBills } from "@/lib/billing/generate";
import { REPORTS, reportCsvChunks, reportRows } from "@/lib/billing/reports";
import { csvStream, toCsv, type CsvCell } from "@/lib/csv";
import type { Db } from "@/lib/db/client";
import { recordPayment } from "@/lib/flows/record-payment";
import { createBillingEstate } from "../support/billing";
import { createTestDb } from "../support/test-db";

const TODAY = "2026-03-20";
const DAY_START = new Date("2026-03-20T01:00:00Z");
const label = (k: string) => `«${k}»`;
const params = {
  today: TODAY,
  grouping: "building" as const,
  from: "2026-01",
  to: "2026-03",
  date: TODAY,
  timeZone: "Asia/Shanghai",
};

async function text(chunks: AsyncIterable<readonly (readonly CsvCell[])[]>) {
  // ignoreBOM: keep the BOM in the text (Response.text() would drop it).
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(csvStream(chunks)).arrayBuffer());
}

/** A company with `n` households, three months billed, and payments today (some at the same instant). */
async function world(db: Db, n: number) {
  const e = await createBillingEstate(db, n);
  for (const m of ["2026-01", "2026-02", "2026-03"])
    await generateBills(db, e.companyId, m, new Date(`${m}-02T02:00:00Z`));
  // Every third household pays one month's fee today; pairs of payments share an instant.
  for (let i = 0; i < n; i += 3) {
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[i].id,
      amountFen: 23250 + i,
      method: i % 2 ? "cash" : "wechat",
      idempotencyKey: `pay-${e.companyId}-${i}`,
      actorUserId: e.finance.id,
      now: new Date(DAY_START.getTime() + Math.floor(i / 6) * 60_000),
    });
  }
  return e;
}

describe("long work with progress (issue 16 point 7): streamed CSV exports and batch statements", () => {
  let db: Db;
  let a: Awaited<ReturnType<typeof world>>;
  let b: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    a = await world(db, 24);
    b = await world(db, 6);
  }, 120_000);

  it("every billing report streams the same bytes as the old one-shot CSV, BOM first", async () => {
    for (const name of REPORTS) {
      const old = toCsv(await reportRows(db, a.companyId, name, params, label));
      const streamed = await text(reportCsvChunks(db, a.companyId, name, params, label));
      expect(streamed, name).toBe(old);
      expect(streamed.startsWith("\ufeff")).toBe(true);
    }
  });

  it("the daily cash list pages by keyset (ties on the same instant included) and equals the one-shot list", async () => {
    const old = toCsv(await reportRows(db, a.companyId, "daily-cash", params, label));
    for (const pageSize of [1, 2, 3, 5]) {
      const streamed = await text(reportCsvChunks(db, a.companyId, "daily-cash", params, label, pageSize));
      expect(streamed, `page ${pageSize}`).toBe(old);
    }
    // 8 payments of A (households 0, 3, …, 21); B's export has B's 2 only.
    const receipts = (csv: string) => csv.split("\r\n").filter((l) => /^\d{4}-/.test(l));
    expect(receipts(old)).toHaveLength(8);
    const other = await text(reportCsvChunks(db, b.companyId, "daily-cash", params, label, 1));
    expect(receipts(other)).toHaveLength(2);
    expect(other).toBe(toCsv(await reportRows(db, b.companyId, "daily-cash", params, label)));
  });

  it("the set-based statements equal each household's account, in list order, scoped to the company", async () => {
    const list = await buildingStatementHouseholds(db, a.companyId, a.building.id);
    expect(list).toHaveLength(24);
    const ids = list.map((h) => h.id);
    const batch = await statementAccounts(db, a.companyId, ids, TODAY);
    expect(batch.map((s) => s.id)).toEqual(ids);
    for (const s of batch) {
      const one = (await householdAccount(db, a.companyId, s.id, TODAY))!;
      expect({ ...s, bills: s.bills.map((x) => x.id) }).toEqual({
        id: one.id,
        name: one.name,
        code: one.code,
        outstandingFen: one.outstandingFen,
        creditFen: one.creditFen,
        bills: one.bills.filter((x) => x.outstandingFen > 0).map((x) => x.id),
      });
      expect(s.bills).toEqual(one.bills.filter((x) => x.outstandingFen > 0));
    }
    expect(batch.some((s) => s.outstandingFen > 0)).toBe(true);
    expect(batch.some((s) => s.bills.length < 3)).toBe(true);
    // Another company's households are not read through A.
    expect(
      await statementAccounts(
        db,
        a.companyId,
        b.households.map((h) => h.id),
        TODAY,
      ),
    ).toEqual([]);
  });
});
