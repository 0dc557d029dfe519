import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import {
  allocations,
  billLines,
  bills,
  contractAllocations,
  contractBills,
  contracts,
  financeCategories,
  financeEntries,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { CronJob } from "@/lib/jobs/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { advanceMark, BATCH, communitiesOf, insertEntries, readMark, type EntryRow } from "./posting";
import { categoryIdsByCode, ensureCategories } from "./categories";
import { feeCategoryCode, splitProportionally } from "./rules";
import { localParts } from "@/lib/time/zone";
import { timeSlicer } from "@/lib/jobs/slice";

/*
 * The finance ledger (finance_entries). Every automatic posting has a unique source key, so
 * however often (or concurrently) a posting runs, each source is in the ledger once:
 *   alloc:<allocation id>:<fee item id>  household payments applied to bills, split over the bill's lines
 *   calloc:<contract allocation id>      contract income
 *   approval:<request id>                an approved money request (posted in the approval's transaction)
 *   shop:<source id>                     shop income (postShopIncome)
 * Income is dated by the allocation's local date (the cash date for payments; a refund's
 * negative allocation on the day of the refund), so the income of any period equals the sum
 * of the allocations of that period.
 */

type PostedAllocation = { id: number; billId: number; amountFen: number; createdAt: Date; communityId: number | null };

/** A batch of allocations as income entries, split over their bills' fee items. */
async function incomeRows(
  db: Db,
  companyId: number,
  timeZone: string,
  allocs: readonly PostedAllocation[],
  pause: () => Promise<void>,
): Promise<EntryRow[]> {
  const billIds = [...new Set(allocs.map((a) => a.billId))];
  const lines = await db
    .select({
      billId: billLines.billId,
      feeItemId: billLines.feeItemId,
      amountFen: sql<number>`sum(${billLines.amountFen})`,
    })
    .from(billLines)
    .where(and(eq(billLines.companyId, companyId), inArray(billLines.billId, billIds)))
    .groupBy(billLines.billId, billLines.feeItemId)
    .orderBy(asc(billLines.billId), asc(billLines.feeItemId));
  const byBill = new Map<number, { feeItemId: number; amountFen: number }[]>();
  for (const l of lines)
    byBill.set(l.billId, [...(byBill.get(l.billId) ?? []), { feeItemId: l.feeItemId, amountFen: Number(l.amountFen) }]);
  const feeIds = [...new Set(lines.map((l) => l.feeItemId))];
  const cats = await categoryIdsByCode(db, companyId, [...feeIds.map(feeCategoryCode), "billing_other"]);
  const rows: EntryRow[] = [];
  for (const a of allocs) {
    await pause();
    const occurredOn = localParts(a.createdAt, timeZone).date;
    const parts = byBill.get(a.billId) ?? [];
    const split = parts.length
      ? splitProportionally(
          a.amountFen,
          parts.map((p) => p.amountFen),
        )
      : [a.amountFen];
    split.forEach((amountFen, i) => {
      if (amountFen === 0) return;
      const feeItemId = parts[i]?.feeItemId ?? 0;
      const categoryId = cats.get(feeCategoryCode(feeItemId)) ?? cats.get("billing_other")!;
      rows.push({
        companyId,
        communityId: a.communityId ?? null,
        categoryId,
        kind: "income",
        amountFen,
        occurredOn,
        source: "billing",
        sourceKey: `alloc:${a.id}:${feeItemId}`,
      });
    });
  }
  return rows;
}

/** Household allocations not yet in the ledger, as income per fee item. Returns entries written. */
export async function postBillingIncome(db: Db, companyId: number, timeZone: string, batch = BATCH): Promise<number> {
  let written = 0;
  let after = await readMark(db, companyId, "alloc");
  const communities = new Map<number, number | null>();
  const pause = timeSlicer();
  for (;;) {
    const found = await db
      .select({
        id: allocations.id,
        billId: allocations.billId,
        amountFen: allocations.amountFen,
        createdAt: allocations.createdAt,
        householdId: bills.householdId,
      })
      .from(allocations)
      .innerJoin(bills, eq(bills.id, allocations.billId))
      .where(and(eq(allocations.companyId, companyId), gt(allocations.id, after)))
      .orderBy(asc(allocations.id))
      .limit(batch);
    if (!found.length) break;
    await communitiesOf(
      db,
      companyId,
      found.map((r) => r.householdId),
      communities,
    );
    const allocs = found.map((r) => ({ ...r, communityId: communities.get(r.householdId) ?? null }));
    after = allocs[allocs.length - 1].id;
    const rows = await incomeRows(db, companyId, timeZone, allocs, pause);
    const last = after;
    written += await db.transaction(async (tx) => {
      const n = await insertEntries(tx, rows);
      await advanceMark(tx, companyId, "alloc", last);
      return n;
    });
  }
  return written;
}

/** Contract allocations not yet in the ledger, as contract income of the contract's community. */
async function postContractIncome(db: Db, companyId: number, timeZone: string): Promise<number> {
  const cats = await categoryIdsByCode(db, companyId, ["contract_income"]);
  const categoryId = cats.get("contract_income")!;
  let written = 0;
  let after = await readMark(db, companyId, "calloc");
  for (;;) {
    const rows = await db
      .select({
        id: contractAllocations.id,
        amountFen: contractAllocations.amountFen,
        createdAt: contractAllocations.createdAt,
        communityId: contracts.communityId,
      })
      .from(contractAllocations)
      .innerJoin(contractBills, eq(contractBills.id, contractAllocations.contractBillId))
      .innerJoin(contracts, eq(contracts.id, contractBills.contractId))
      .where(and(eq(contractAllocations.companyId, companyId), gt(contractAllocations.id, after)))
      .orderBy(asc(contractAllocations.id))
      .limit(BATCH);
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const entries: EntryRow[] = rows
      .filter((r) => r.amountFen !== 0)
      .map((r) => ({
        companyId,
        communityId: r.communityId,
        categoryId,
        kind: "income",
        amountFen: r.amountFen,
        occurredOn: localParts(r.createdAt, timeZone).date,
        source: "contract",
        sourceKey: `calloc:${r.id}`,
      }));
    const last = after;
    written += await db.transaction(async (tx) => {
      const n = await insertEntries(tx, entries);
      await advanceMark(tx, companyId, "calloc", last);
      return n;
    });
  }
  return written;
}

/**
 * The daily job: posts income from household and contract payments (their allocations) that
 * is not in the ledger yet, reading only allocations newer than the last run's mark.
 * Idempotent and overlap-safe through the unique source keys.
 */
export const postFinanceActuals: CronJob = async (db, company) => {
  await ensureCategories(db, company.id);
  const billing = await postBillingIncome(db, company.id, company.timeZone);
  const contract = await postContractIncome(db, company.id, company.timeZone);
  return { billingIncomeEntries: billing, contractIncomeEntries: contract };
};

/**
 * An approved money request's expense: called inside the final approval's transaction, so the
 * approval and its posting commit together. Posted once (source key approval:<id>).
 */
export async function postApprovalExpense(
  tx: DbOrTx,
  r: {
    companyId: number;
    requestId: number;
    communityId: number;
    categoryId: number;
    amountFen: number;
    approvedOn: string;
    actorUserId: number;
  },
): Promise<boolean> {
  const rows = await tx
    .insert(financeEntries)
    .values({
      companyId: r.companyId,
      communityId: r.communityId,
      categoryId: r.categoryId,
      kind: "expense",
      amountFen: r.amountFen,
      occurredOn: r.approvedOn,
      source: "approval",
      sourceKey: `approval:${r.requestId}`,
      actorUserId: r.actorUserId,
    })
    .onConflictDoNothing()
    .returning({ id: financeEntries.id });
  return rows.length === 1;
}

/**
 * Shop income (增值服务, category value_added), for the shop module: call inside the
 * transaction that records the sale. Idempotent per `sourceId` (a second call writes nothing
 * and returns false). `occurredOn` is the company-local date YYYY-MM-DD.
 */
export async function postShopIncome(
  tx: DbOrTx,
  input: {
    companyId: number;
    communityId: number | null;
    amountFen: number;
    occurredOn: string;
    sourceId: string | number;
  },
): Promise<boolean> {
  if (!Number.isInteger(input.amountFen) || input.amountFen === 0)
    throw new AppError("validation", "finance.errors.amount");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.occurredOn)) throw new AppError("validation", "finance.errors.date");
  await tx
    .insert(financeCategories)
    .values({ companyId: input.companyId, kind: "income", code: "value_added", name: "增值服务收入" })
    .onConflictDoNothing();
  const [cat] = await tx
    .select({ id: financeCategories.id })
    .from(financeCategories)
    .where(and(eq(financeCategories.companyId, input.companyId), eq(financeCategories.code, "value_added")));
  const rows = await tx
    .insert(financeEntries)
    .values({
      companyId: input.companyId,
      communityId: input.communityId,
      categoryId: cat.id,
      kind: "income",
      amountFen: input.amountFen,
      occurredOn: input.occurredOn,
      source: "shop",
      sourceKey: `shop:${input.sourceId}`,
    })
    .onConflictDoNothing()
    .returning({ id: financeEntries.id });
  return rows.length === 1;
}
