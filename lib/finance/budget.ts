import Papa from "papaparse";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { communities, financeBudgets, financeCategories } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { MONTHS } from "./rules";
import { parseBudgetAmount, type BudgetGridInput } from "./schemas";

/*
 * Budgets: one amount per community × category × month. Entered as a grid (12 months per
 * row) or imported from CSV; every change is audited with before/after. A plan, not money
 * that moved, so a cell is updated in place (the audit log keeps its history).
 */

export interface BudgetCell {
  communityId: number;
  categoryId: number;
  month: string;
  amountFen: number;
}

/** Upserts the cells in one transaction and writes one audit entry with the changed cells. */
export async function saveBudgetCells(
  db: Db,
  actor: { companyId: number; userId: number },
  year: number,
  cells: BudgetCell[],
  source: "grid" | "csv",
) {
  if (!cells.length) return { changed: 0 };
  const communityIds = [...new Set(cells.map((c) => c.communityId))];
  const months = MONTHS.map((m) => `${year}-${m}`);
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({
        communityId: financeBudgets.communityId,
        categoryId: financeBudgets.categoryId,
        month: financeBudgets.month,
        amountFen: financeBudgets.amountFen,
      })
      .from(financeBudgets)
      .where(
        and(
          eq(financeBudgets.companyId, actor.companyId),
          inArray(financeBudgets.communityId, communityIds),
          inArray(financeBudgets.month, months),
        ),
      );
    const key = (c: { communityId: number; categoryId: number; month: string }) =>
      `${c.communityId}/${c.categoryId}/${c.month}`;
    const before = new Map(existing.map((e) => [key(e), e.amountFen]));
    const changed = cells.filter(
      (c) => (before.get(key(c)) ?? null) !== c.amountFen && !(c.amountFen === 0 && !before.has(key(c))),
    );
    for (let i = 0; i < changed.length; i += 100) {
      await tx
        .insert(financeBudgets)
        .values(changed.slice(i, i + 100).map((c) => ({ companyId: actor.companyId, ...c })))
        .onConflictDoUpdate({
          target: [
            financeBudgets.companyId,
            financeBudgets.communityId,
            financeBudgets.categoryId,
            financeBudgets.month,
          ],
          set: { amountFen: sqlExcluded("amount_fen"), updatedAt: new Date() },
        });
    }
    if (changed.length)
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: `finance.budget.${source}`,
        entity: "finance_budget",
        entityId: String(year),
        before: changed.map((c) => ({
          communityId: c.communityId,
          categoryId: c.categoryId,
          month: c.month,
          amountFen: before.get(key(c)) ?? null,
        })),
        after: changed,
      });
    return { changed: changed.length };
  });
}

const sqlExcluded = (col: string) => sql.raw(`excluded.${col}`);

/** The grid form's save: checks the community and categories belong to the company. */
export async function saveBudgetGrid(db: Db, actor: { companyId: number; userId: number }, input: BudgetGridInput) {
  const [c] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.companyId, actor.companyId), eq(communities.id, input.communityId)));
  if (!c) throw new AppError("not_found");
  const catIds = input.rows.map((r) => r.categoryId);
  const cats = catIds.length
    ? await db
        .select({ id: financeCategories.id })
        .from(financeCategories)
        .where(and(eq(financeCategories.companyId, actor.companyId), inArray(financeCategories.id, catIds)))
    : [];
  if (cats.length !== new Set(catIds).size) throw new AppError("not_found");
  const cells = input.rows.flatMap((r) =>
    r.months.map((amountFen, i) => ({
      communityId: input.communityId,
      categoryId: r.categoryId,
      month: `${input.year}-${MONTHS[i]}`,
      amountFen,
    })),
  );
  return saveBudgetCells(db, actor, input.year, cells, "grid");
}

export interface CsvRowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  /** i18n key under finance.import.errors, with params. */
  key: string;
  value?: string;
}

export const BUDGET_CSV_HEADER = ["community", "category", ...MONTHS.map((m) => `m${m}`)];

/**
 * Validates a budget CSV (community name, category code or name, then m01…m12 in yuan) against
 * the company's communities and categories. Returns the cells or the row errors; the caller
 * writes nothing unless there are no errors.
 */
export async function parseBudgetCsv(
  db: DbOrTx,
  companyId: number,
  year: number,
  csv: string,
): Promise<{ cells: BudgetCell[]; errors: CsvRowError[]; rows: number }> {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header, ...data] = parsed.data;
  const errors: CsvRowError[] = [];
  if (
    !header ||
    header.length < 14 ||
    header
      .map((h) => h.trim().toLowerCase())
      .slice(0, 14)
      .join(",") !== BUDGET_CSV_HEADER.join(",")
  ) {
    return { cells: [], errors: [{ line: 1, key: "header", value: BUDGET_CSV_HEADER.join(",") }], rows: 0 };
  }
  const [comms, cats] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.companyId, companyId)),
    db
      .select({ id: financeCategories.id, code: financeCategories.code, name: financeCategories.name })
      .from(financeCategories)
      .where(eq(financeCategories.companyId, companyId)),
  ]);
  const communityByName = new Map(comms.map((c) => [c.name, c.id]));
  const categoryBy = new Map<string, number>();
  for (const c of cats) {
    categoryBy.set(c.code, c.id);
    if (!categoryBy.has(c.name)) categoryBy.set(c.name, c.id);
  }
  const cells: BudgetCell[] = [];
  const seen = new Set<string>();
  data.forEach((row, i) => {
    const line = i + 2;
    const community = (row[0] ?? "").trim();
    const category = (row[1] ?? "").trim();
    const communityId = communityByName.get(community);
    const categoryId = categoryBy.get(category);
    if (!communityId) errors.push({ line, key: "community", value: community });
    if (!categoryId) errors.push({ line, key: "category", value: category });
    const amounts = MONTHS.map((_, m) => parseBudgetAmount(row[2 + m] ?? ""));
    amounts.forEach((a, m) => {
      if (a === null) errors.push({ line, key: "amount", value: `m${MONTHS[m]}: ${row[2 + m]}` });
    });
    if (communityId && categoryId) {
      const k = `${communityId}/${categoryId}`;
      if (seen.has(k)) errors.push({ line, key: "duplicate", value: `${community} / ${category}` });
      seen.add(k);
      amounts.forEach((a, m) => {
        if (a !== null) cells.push({ communityId, categoryId, month: `${year}-${MONTHS[m]}`, amountFen: a });
      });
    }
  });
  if (!data.length) errors.push({ line: 1, key: "empty" });
  return { cells: errors.length ? [] : cells, errors, rows: data.length };
}

/** Validates, then writes every row or none. */
export async function importBudgetCsv(db: Db, actor: { companyId: number; userId: number }, year: number, csv: string) {
  const { cells, errors, rows } = await parseBudgetCsv(db, actor.companyId, year, csv);
  if (errors.length) return { ok: false as const, errors, rows };
  const { changed } = await saveBudgetCells(db, actor, year, cells, "csv");
  return { ok: true as const, rows, changed };
}

/** One community's budget for a year: amount per category and month. */
export async function budgetGrid(db: DbOrTx, companyId: number, communityId: number, year: number) {
  const rows = await db
    .select({ categoryId: financeBudgets.categoryId, month: financeBudgets.month, amountFen: financeBudgets.amountFen })
    .from(financeBudgets)
    .where(
      and(
        eq(financeBudgets.companyId, companyId),
        eq(financeBudgets.communityId, communityId),
        like(financeBudgets.month, `${year}-%`),
      ),
    );
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const m = Number(r.month.slice(5)) - 1;
    const arr = out.get(r.categoryId) ?? Array(12).fill(0);
    arr[m] = r.amountFen;
    out.set(r.categoryId, arr);
  }
  return out;
}
