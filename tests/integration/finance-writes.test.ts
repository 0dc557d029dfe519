import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, financeBudgets, financeEntries } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { budgetGrid, saveBudgetGrid } from "@/lib/finance/budget";
import { categoryIdsByCode, ensureCategories } from "@/lib/finance/categories";
import { addJournalEntry, reverseEntry } from "@/lib/finance/journal";
import { budgetVsActual } from "@/lib/finance/reports";
import { budgetGridSchema, journalSchema, reversalSchema } from "@/lib/finance/schemas";
import { createCompany, createEstate } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/** Finance writes: manual journal entries and their reversals, and the budget grid (SPEC finance). */
describe("finance writes", () => {
  let db: Db;
  let a: { companyId: number; userId: number; communityId: number; repairs: number; otherIncome: number };
  let b: { companyId: number; userId: number; communityId: number; repairs: number };

  async function company() {
    const c = await createCompany(db);
    const { community } = await createEstate(db, c.companyId, { n: 1 });
    await ensureCategories(db, c.companyId);
    const codes = await categoryIdsByCode(db, c.companyId, ["exp_repairs", "billing_other"]);
    return {
      companyId: c.companyId,
      userId: c.adminId,
      communityId: community.id,
      repairs: codes.get("exp_repairs")!,
      otherIncome: codes.get("billing_other")!,
    };
  }

  const entriesOf = (companyId: number) =>
    db.select().from(financeEntries).where(eq(financeEntries.companyId, companyId)).orderBy(financeEntries.id);
  const auditsOf = (companyId: number, prefix: string) =>
    db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), eq(auditLog.entity, prefix)))
      .orderBy(auditLog.id);

  beforeAll(async () => {
    db = (await createTestDb()).db;
    a = await company();
    b = await company();
  });

  describe("journal", () => {
    it("adds a manual entry as a new row with its reason, kind from the category, audited", async () => {
      const input = journalSchema.parse({
        communityId: String(a.communityId),
        categoryId: String(a.repairs),
        amount: "1234.50",
        occurredOn: "2026-03-10",
        reason: "电梯维修",
      });
      const row = await addJournalEntry(db, a, input);
      expect(row).toMatchObject({
        companyId: a.companyId,
        communityId: a.communityId,
        categoryId: a.repairs,
        kind: "expense",
        amountFen: 123450,
        source: "manual",
        reason: "电梯维修",
        actorUserId: a.userId,
      });
      const audits = await auditsOf(a.companyId, "finance_entry");
      expect(audits.map((x) => x.action)).toEqual(["finance.journal"]);
      expect(audits[0].after).toMatchObject({ amountFen: 123450, reason: "电梯维修" });
    });

    it("a correction is a reversing entry: the pair nets to zero, the original stays unchanged, once only", async () => {
      const orig = await addJournalEntry(
        db,
        a,
        journalSchema.parse({
          communityId: "",
          categoryId: a.otherIncome,
          amount: "-20.00",
          occurredOn: "2026-03-11",
          reason: "退款冲减",
        }),
      );
      expect(orig).toMatchObject({ kind: "income", amountFen: -2000, communityId: null });
      const rev = await reverseEntry(
        db,
        a,
        reversalSchema.parse({ entryId: String(orig.id), occurredOn: "2026-03-12", reason: "录入错误" }),
      );
      expect(rev).toMatchObject({ amountFen: 2000, source: "reversal", reversesEntryId: orig.id, kind: "income" });
      const pair = (await entriesOf(a.companyId)).filter((e) => e.id === orig.id || e.reversesEntryId === orig.id);
      expect(pair).toHaveLength(2);
      expect(pair.reduce((s, e) => s + e.amountFen, 0)).toBe(0);
      expect(pair[0]).toEqual(orig);
      await expect(
        reverseEntry(db, a, { entryId: orig.id, occurredOn: "2026-03-12", reason: "再次冲销" }),
      ).rejects.toMatchObject({ code: "conflict", message: "finance.errors.alreadyReversed" });
      await expect(
        reverseEntry(db, a, { entryId: rev.id, occurredOn: "2026-03-12", reason: "冲销冲销" }),
      ).rejects.toMatchObject({ code: "conflict", message: "finance.errors.reverseReversal" });
      expect(
        (await entriesOf(a.companyId)).filter((e) => e.id === orig.id || e.reversesEntryId === orig.id),
      ).toHaveLength(2);
      const actions = (await auditsOf(a.companyId, "finance_entry")).map((x) => x.action);
      expect(actions.filter((x) => x === "finance.reverse")).toHaveLength(1);
    });

    it("bad input is refused at the field by the shared schema", () => {
      const bad = journalSchema.safeParse({
        communityId: "",
        categoryId: "",
        amount: "0",
        occurredOn: "2026-02-30",
        reason: "x",
      });
      expect(bad.success).toBe(false);
      const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
      expect(fields).toEqual({
        categoryId: "validation.required",
        amount: "finance.errors.amount",
        occurredOn: "finance.errors.date",
        reason: "finance.errors.reason",
      });
    });

    it("another company's category, community or entry: refused, nothing written", async () => {
      const before = (await entriesOf(a.companyId)).length;
      const base = { communityId: null, amountFen: 100, occurredOn: "2026-03-10", reason: "测试" };
      await expect(addJournalEntry(db, a, { ...base, categoryId: b.repairs })).rejects.toMatchObject({
        code: "validation",
        fieldErrors: { categoryId: ["finance.errors.category"] },
      });
      await expect(
        addJournalEntry(db, a, { ...base, categoryId: a.repairs, communityId: b.communityId }),
      ).rejects.toMatchObject({ fieldErrors: { communityId: ["finance.errors.community"] } });
      const theirs = await addJournalEntry(db, b, { ...base, categoryId: b.repairs });
      await expect(
        reverseEntry(db, a, { entryId: theirs.id, occurredOn: "2026-03-10", reason: "越权冲销" }),
      ).rejects.toMatchObject({ code: "not_found" });
      expect(await entriesOf(a.companyId)).toHaveLength(before);
      expect(await entriesOf(b.companyId)).toHaveLength(1);
    });
  });

  describe("budget grid", () => {
    const months = (fill: (i: number) => string) => Array.from({ length: 12 }, (_, i) => fill(i));

    it("saves a community's grid, reads it back, and audits only the cells that changed", async () => {
      const input = budgetGridSchema.parse({
        communityId: String(a.communityId),
        year: "2026",
        rows: [
          { categoryId: a.repairs, months: months((i) => (i < 3 ? "1000" : "")) },
          { categoryId: a.otherIncome, months: months(() => "50.5") },
        ],
      });
      expect(await saveBudgetGrid(db, a, input)).toEqual({ changed: 15 });
      const grid = await budgetGrid(db, a.companyId, a.communityId, 2026);
      expect([...grid.keys()].sort()).toEqual([a.repairs, a.otherIncome].sort());
      expect(grid.get(a.repairs)).toEqual([100000, 100000, 100000, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(grid.get(a.otherIncome)).toEqual(Array(12).fill(5050));
      // The same grid again changes nothing and writes no audit entry.
      expect(await saveBudgetGrid(db, a, input)).toEqual({ changed: 0 });
      // One cell changed: updated in place (a plan, not money), the audit keeps before and after.
      const edited = {
        ...input,
        rows: [{ categoryId: a.repairs, months: [120000, ...input.rows[0].months.slice(1)] }],
      };
      expect(await saveBudgetGrid(db, a, edited)).toEqual({ changed: 1 });
      expect((await budgetGrid(db, a.companyId, a.communityId, 2026)).get(a.repairs)?.[0]).toBe(120000);
      const audits = await auditsOf(a.companyId, "finance_budget");
      expect(audits.map((x) => x.action)).toEqual(["finance.budget.grid", "finance.budget.grid"]);
      expect(audits[1].before).toEqual([
        { communityId: a.communityId, categoryId: a.repairs, month: "2026-01", amountFen: 100000 },
      ]);
      expect(audits[1].after).toEqual([
        { communityId: a.communityId, categoryId: a.repairs, month: "2026-01", amountFen: 120000 },
      ]);
      expect(await budgetGrid(db, a.companyId, a.communityId, 2025)).toEqual(new Map());
    });

    it("another company's community or category is not found, and nothing is written", async () => {
      const count = async () =>
        (await db.select().from(financeBudgets).where(eq(financeBudgets.companyId, a.companyId))).length;
      const before = await count();
      expect(before).toBeGreaterThan(0);
      const row = (categoryId: number) => ({ categoryId, months: Array(12).fill(100) });
      await expect(
        saveBudgetGrid(db, a, { communityId: b.communityId, year: 2026, rows: [row(a.repairs)] }),
      ).rejects.toMatchObject({ code: "not_found" });
      await expect(
        saveBudgetGrid(db, a, { communityId: a.communityId, year: 2026, rows: [row(a.repairs), row(b.repairs)] }),
      ).rejects.toMatchObject({ code: "not_found" });
      expect(await count()).toBe(before);
      expect(await budgetGrid(db, b.companyId, b.communityId, 2026)).toEqual(new Map());
      expect(await budgetGrid(db, b.companyId, a.communityId, 2026)).toEqual(new Map());
    });

    it("a cell that is not an amount is a field error of the schema", () => {
      const bad = budgetGridSchema.safeParse({
        communityId: a.communityId,
        year: 2026,
        rows: [{ categoryId: a.repairs, months: months((i) => (i === 4 ? "abc" : "1")) }],
      });
      expect(bad.success).toBe(false);
      expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["rows.0.months.4", "finance.errors.budgetAmount"],
      ]);
    });

    it("budget vs actual sums the grid and the ledger of the scope per month", async () => {
      const report = await budgetVsActual(db, a.companyId, [a.communityId], 2026, "2026-03-31");
      const repairs = report.rows.find((r) => r.categoryId === a.repairs);
      expect(repairs?.months.slice(0, 3).map((m) => [m.budget, m.actual])).toEqual([
        [120000, 0],
        [100000, 0],
        [100000, 123450],
      ]);
      expect(repairs?.ytd).toMatchObject({ budget: 320000, actual: 123450, variance: 123450 - 320000 });
      expect(report.ytdMonths).toBe(3);
      expect(report.expense.year.budget).toBe(320000);
      const other = await budgetVsActual(db, b.companyId, "all", 2026, "2026-03-31");
      expect(other.rows.map((r) => r.categoryId)).toEqual([b.repairs]);
    });
  });
});
