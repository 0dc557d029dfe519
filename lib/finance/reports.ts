import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { communities, ENTRY_SOURCES, financeBudgets, financeCategories, financeEntries, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { MONTHS, varianceOf, ytdMonths, type Variance } from "./rules";

/*
 * Reports over the ledger and the budgets: budget vs actual per category and month (and
 * year to date), and a P&L summary. Scope: one community, a list of communities (a project
 * manager's), or the whole company ("all"; includes ledger entries without a community).
 */

export type CommunityScope = number[] | "all";

function entryScope(scope: CommunityScope) {
  return scope === "all" ? undefined : inArray(financeEntries.communityId, scope.length ? scope : [-1]);
}
function budgetScope(scope: CommunityScope) {
  return scope === "all" ? undefined : inArray(financeBudgets.communityId, scope.length ? scope : [-1]);
}

export interface BvaRow {
  categoryId: number;
  code: string;
  name: string;
  kind: "income" | "expense";
  months: Variance[];
  ytd: Variance;
  year: Variance;
}

type MonthSum = { categoryId: number; month: string; fen: number };

/** Budgeted amounts per category and month (YYYY-MM) of the year, summed over the scope's communities. */
function monthlyBudgets(db: DbOrTx, companyId: number, scope: CommunityScope, year: number) {
  return db
    .select({
      categoryId: financeBudgets.categoryId,
      month: financeBudgets.month,
      fen: sql<number>`sum(${financeBudgets.amountFen})`,
    })
    .from(financeBudgets)
    .where(
      and(
        eq(financeBudgets.companyId, companyId),
        budgetScope(scope),
        gte(financeBudgets.month, `${year}-01`),
        lte(financeBudgets.month, `${year}-12`),
      ),
    )
    .groupBy(financeBudgets.categoryId, financeBudgets.month);
}

/** Ledger amounts per category and month (YYYY-MM) of the year within the scope. */
function monthlyActuals(db: DbOrTx, companyId: number, scope: CommunityScope, year: number) {
  return db
    .select({
      categoryId: financeEntries.categoryId,
      month: sql<string>`substr(${financeEntries.occurredOn}, 1, 7)`,
      fen: sql<number>`sum(${financeEntries.amountFen})`,
    })
    .from(financeEntries)
    .where(
      and(
        eq(financeEntries.companyId, companyId),
        entryScope(scope),
        gte(financeEntries.occurredOn, `${year}-01-01`),
        lte(financeEntries.occurredOn, `${year}-12-31`),
      ),
    )
    .groupBy(financeEntries.categoryId, sql`substr(${financeEntries.occurredOn}, 1, 7)`);
}

/** Per category, its twelve monthly amounts. */
function monthGrid(rows: MonthSum[]) {
  const m = new Map<number, number[]>();
  for (const r of rows) {
    const arr = m.get(r.categoryId) ?? Array(12).fill(0);
    arr[Number(r.month.slice(5, 7)) - 1] += Number(r.fen);
    m.set(r.categoryId, arr);
  }
  return m;
}

const sumMonths = (arr: number[], n = 12) => arr.slice(0, n).reduce((x, y) => x + y, 0);

/** The income or expense total of the rows: per month, year to date and the year. */
function bvaTotal(rows: BvaRow[], kind: "income" | "expense") {
  const rs = rows.filter((r) => r.kind === kind);
  const both = (pick: (r: BvaRow) => Variance) =>
    varianceOf(
      rs.reduce((n, r) => n + pick(r).budget, 0),
      rs.reduce((n, r) => n + pick(r).actual, 0),
    );
  return { months: MONTHS.map((_, i) => both((r) => r.months[i])), ytd: both((r) => r.ytd), year: both((r) => r.year) };
}

/** Budget vs actual for a year: one row per category (with budget or actuals), 12 months, YTD and the year. */
export async function budgetVsActual(
  db: DbOrTx,
  companyId: number,
  scope: CommunityScope,
  year: number,
  today: string,
) {
  const [cats, budgets, actuals] = await Promise.all([
    db
      .select({
        id: financeCategories.id,
        code: financeCategories.code,
        name: financeCategories.name,
        kind: financeCategories.kind,
      })
      .from(financeCategories)
      .where(eq(financeCategories.companyId, companyId))
      .orderBy(asc(financeCategories.kind), asc(financeCategories.id)),
    monthlyBudgets(db, companyId, scope, year),
    monthlyActuals(db, companyId, scope, year),
  ]);
  const b = monthGrid(budgets);
  const a = monthGrid(actuals);
  const ytdN = ytdMonths(year, today);
  const rows: BvaRow[] = cats
    .filter((c) => b.has(c.id) || a.has(c.id))
    .map((c) => {
      const bb = b.get(c.id) ?? Array(12).fill(0);
      const aa = a.get(c.id) ?? Array(12).fill(0);
      return {
        categoryId: c.id,
        code: c.code,
        name: c.name,
        kind: c.kind,
        months: MONTHS.map((_, i) => varianceOf(bb[i], aa[i])),
        ytd: varianceOf(sumMonths(bb, ytdN), sumMonths(aa, ytdN)),
        year: varianceOf(sumMonths(bb), sumMonths(aa)),
      };
    });
  return { year, ytdMonths: ytdN, rows, income: bvaTotal(rows, "income"), expense: bvaTotal(rows, "expense") };
}

/** P&L: income and expenses by category between two dates (inclusive), and the net. */
export async function profitAndLoss(db: DbOrTx, companyId: number, scope: CommunityScope, from: string, to: string) {
  const rows = await db
    .select({
      categoryId: financeCategories.id,
      code: financeCategories.code,
      name: financeCategories.name,
      kind: financeCategories.kind,
      fen: sql<number>`sum(${financeEntries.amountFen})`,
    })
    .from(financeEntries)
    .innerJoin(financeCategories, eq(financeCategories.id, financeEntries.categoryId))
    .where(
      and(
        eq(financeEntries.companyId, companyId),
        entryScope(scope),
        gte(financeEntries.occurredOn, from),
        lte(financeEntries.occurredOn, to),
      ),
    )
    .groupBy(financeCategories.id)
    .orderBy(asc(financeCategories.kind), asc(financeCategories.id));
  const income = rows.filter((r) => r.kind === "income").map((r) => ({ ...r, fen: Number(r.fen) }));
  const expense = rows.filter((r) => r.kind === "expense").map((r) => ({ ...r, fen: Number(r.fen) }));
  const incomeFen = income.reduce((n, r) => n + r.fen, 0);
  const expenseFen = expense.reduce((n, r) => n + r.fen, 0);
  return { from, to, income, expense, incomeFen, expenseFen, netFen: incomeFen - expenseFen };
}

/** Ledger total for a scope and period, straight from the table (reports must sum to it). */
export async function ledgerTotals(db: DbOrTx, companyId: number, scope: CommunityScope, from: string, to: string) {
  const rows = await db
    .select({ kind: financeEntries.kind, fen: sql<number>`coalesce(sum(${financeEntries.amountFen}), 0)` })
    .from(financeEntries)
    .where(
      and(
        eq(financeEntries.companyId, companyId),
        entryScope(scope),
        gte(financeEntries.occurredOn, from),
        lte(financeEntries.occurredOn, to),
      ),
    )
    .groupBy(financeEntries.kind);
  return {
    income: Number(rows.find((r) => r.kind === "income")?.fen ?? 0),
    expense: Number(rows.find((r) => r.kind === "expense")?.fen ?? 0),
  };
}

/** The newest ledger entries (journal page), with category, community and actor. */
export async function recentEntries(
  db: DbOrTx,
  companyId: number,
  scope: CommunityScope,
  limit = 50,
  source?: (typeof ENTRY_SOURCES)[number],
) {
  return db
    .select({
      id: financeEntries.id,
      occurredOn: financeEntries.occurredOn,
      kind: financeEntries.kind,
      amountFen: financeEntries.amountFen,
      source: financeEntries.source,
      sourceKey: financeEntries.sourceKey,
      reason: financeEntries.reason,
      reversesEntryId: financeEntries.reversesEntryId,
      categoryCode: financeCategories.code,
      categoryName: financeCategories.name,
      communityName: communities.name,
      actorName: users.name,
      reversed: sql<number>`exists (select 1 from ${financeEntries} r where r.reverses_entry_id = ${financeEntries.id})`,
    })
    .from(financeEntries)
    .innerJoin(financeCategories, eq(financeCategories.id, financeEntries.categoryId))
    .leftJoin(communities, eq(communities.id, financeEntries.communityId))
    .leftJoin(users, eq(users.id, financeEntries.actorUserId))
    .where(
      and(
        eq(financeEntries.companyId, companyId),
        entryScope(scope),
        source ? eq(financeEntries.source, source) : undefined,
      ),
    )
    .orderBy(desc(financeEntries.id))
    .limit(limit);
}
