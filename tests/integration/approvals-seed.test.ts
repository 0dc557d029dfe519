import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { allocations, approvalRequests, approvalSteps, financeBudgets, financeEntries } from "@/db/schema";
import { seedDemo } from "@/scripts/seed/index";
import { seedDemoFinance } from "@/scripts/seed/approvals";
import { seedBilling } from "@/scripts/seed/billing";
import { postFinanceActuals } from "@/lib/finance/ledger";
import { ledgerTotals } from "@/lib/finance/reports";
import { createTestDb } from "../support/test-db";

// Heavy (seeds or escalates hundreds of rows): generous on a loaded machine — the CRM history took 54 s with both cores busy.
describe("approvals and finance demo seed", { timeout: 240_000 }, () => {
  it("requests in every state, pending at every step; income posted once; budgets; a second run writes nothing", async () => {
    const { db } = await createTestDb();
    const opts = { households: 120, passwordHash: "$argon2id$not-a-real-hash" };
    const { companyId } = await seedDemo(db, { ...opts, reset: true });
    const states = await db
      .select({ status: approvalRequests.status, n: count() })
      .from(approvalRequests)
      .where(eq(approvalRequests.companyId, companyId))
      .groupBy(approvalRequests.status);
    expect(states.map((s) => s.status).sort()).toEqual([
      "approved",
      "draft",
      "pending",
      "rejected",
      "returned",
      "withdrawn",
    ]);
    const waiting = await db
      .select({ role: approvalSteps.role })
      .from(approvalRequests)
      .innerJoin(
        approvalSteps,
        and(
          eq(approvalSteps.requestId, approvalRequests.id),
          eq(approvalSteps.round, approvalRequests.round),
          eq(approvalSteps.position, approvalRequests.currentStep),
        ),
      )
      .where(and(eq(approvalRequests.companyId, companyId), eq(approvalRequests.status, "pending")));
    expect(new Set(waiting.map((w) => w.role))).toEqual(new Set(["supervisor", "project_manager", "finance"]));
    // every approved money request is in the ledger once
    const [approvedMoney] = await db
      .select({ n: count() })
      .from(approvalRequests)
      .where(
        and(
          eq(approvalRequests.companyId, companyId),
          eq(approvalRequests.status, "approved"),
          sql`${approvalRequests.amountFen} is not null`,
        ),
      );
    const [expenses] = await db
      .select({ n: count() })
      .from(financeEntries)
      .where(and(eq(financeEntries.companyId, companyId), eq(financeEntries.source, "approval")));
    expect(expenses.n).toBe(approvedMoney.n);

    await seedBilling(db, companyId);
    const first = await seedDemoFinance(db, companyId);
    expect(first.status).toBe("created");
    expect(first.budgets).toBeGreaterThan(0);
    expect((await seedDemoFinance(db, companyId)).status).toBe("exists");
    expect(
      (await postFinanceActuals(db, { id: companyId, timeZone: "Asia/Shanghai" }, "2026-11-27", new Date()))
        .billingIncomeEntries,
    ).toBe(0);
    const [alloc] = await db
      .select({ fen: sql<number>`coalesce(sum(${allocations.amountFen}), 0)` })
      .from(allocations)
      .where(eq(allocations.companyId, companyId));
    expect((await ledgerTotals(db, companyId, "all", "2000-01-01", "2999-12-31")).income).toBe(Number(alloc.fen));
    const [budgets] = await db
      .select({ n: count() })
      .from(financeBudgets)
      .where(eq(financeBudgets.companyId, companyId));
    expect(budgets.n).toBe(first.budgets);
  });
});
