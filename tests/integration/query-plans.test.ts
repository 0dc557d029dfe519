import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { households, users } from "@/db/schema";
import { seedDemo } from "@/scripts/seed/index";
import { seedBilling } from "@/scripts/seed/billing";
import { DEMO_LOGINS } from "@/scripts/seed/demo-logins";
import type { Role } from "@/lib/auth/roles";
import { agingReport, collectionReport, dailyCash } from "@/lib/billing/queries/reports";
import { householdAccount } from "@/lib/billing/queries/household-account";
import { listBills, residentHouseholdIds } from "@/lib/billing/queries/bills";
import { dayBounds, localDate } from "@/lib/time/zone";
import { addMonths } from "@/lib/time/calendar";
import { bandDistribution, movedThisWeek, weeklyTrend } from "@/lib/crm/dashboard";
import { householdLedger } from "@/lib/crm/ledger/household";
import { butlerRiskLists } from "@/lib/crm/risk-lists";
import { activeGoldBadges, householdSentiments, publishedRules } from "@/lib/crm/ledger/read";
import { runTick } from "@/lib/cron/tick";
import { analyzeDb } from "@/lib/db/analyze";
import type { Client } from "@libsql/client";
import { residentDashboard } from "@/lib/portal/home";
import { getHousehold, searchHouseholds } from "@/lib/registry/households";
import { loadRegistryView } from "@/lib/registry/view";
import { residentHome } from "@/lib/residents/home";
import { loadOrderScope } from "@/lib/tickets/access";
import { listOrders } from "@/lib/tickets/queries";
import { atRiskHouseholds } from "@/lib/workbench/crm";
import { orderFigures } from "@/lib/workbench/orders";
import {
  capturingDb,
  companyWideSearches,
  dropStatistics,
  fullScans,
  perCandidateSubqueries,
  queryPlan,
  type CapturedQuery,
} from "../support/query-plans";
import { createTestDb } from "../support/test-db";

/**
 * Issue 14 §3: the hot queries' plans. Each page's or job's real query functions run on a
 * seeded company (demo shape, 24 months of bills and payments, another company beside it,
 * statistics refreshed as the seed does); every statement they send is captured and
 * `EXPLAIN QUERY PLAN`ned, and none may read bills, payments, allocations, sentiment entries
 * or work orders in full — with the statistics, and without them (a libSQL server refuses
 * ANALYZE: there, and in this file's remote mode, the indexes alone must lead the planner).
 * One household's pages must moreover find its rows by household, not by the company index.
 *
 * Hot queries (by page or job):
 * - resident /home: residentHome, residentDashboard
 * - resident /bills: residentHouseholdIds, householdAccount, activeGoldBadges
 * - staff household page (/staff/billing/households/[id], /staff/crm/households/[id]):
 *   householdAccount, getHousehold, householdLedger, householdSentiments
 * - the butler's CRM list and the admin's CRM dashboard (/staff/crm): bandDistribution,
 *   weeklyTrend, movedThisWeek, butlerRiskLists
 * - orders lists (/staff/orders, mine / scope / triage): listOrders. No subquery there may run
 *   for every candidate order: what the scope may see is a set of ids (assignees, creator,
 *   household, community), not a test per row, and the names are looked up for the page's rows
 * - billing reports (/staff/billing/reports): agingReport and collectionReport (community, building,
 *   butler: household_placements, billing_group_totals), collectionReport (month), dailyCash;
 *   the bills list (/staff/billing/bills): listBills
 * - the cashier lookup (/staff/billing/cashier): searchHouseholds, householdAccount
 * - the admin's workbench (/staff): atRiskHouseholds, orderFigures
 * - the minute tick's "anything due" queries: runTick (escalation, notices, checkout expiry, outbox)
 */
/** One household's pages: their bills, payments, ledger must be found by household, not by company. */
const HOUSEHOLD_PAGES = ["resident /home", "resident /bills", "staff household page"];

describe("query plans of the hot queries", { timeout: 240_000 }, () => {
  let client: Client;
  let captured: CapturedQuery[];

  beforeAll(async () => {
    const handle = await createTestDb();
    client = handle.client;
    const { companyId } = await seedDemo(handle.db, {
      households: 300,
      passwordHash: "$argon2id$not-a-real-hash",
      reset: true,
    });
    await seedBilling(handle.db, companyId, {});
    // A second company beside it, as on a hosted deployment: the planner's statistics then see
    // the company indexes for what they are (one company's share of the rows).
    const other = await seedDemo(handle.db, {
      profile: "bench",
      households: 300,
      passwordHash: "$argon2id$not-a-real-hash",
      reset: true,
    });
    await seedBilling(handle.db, other.companyId, {});
    await analyzeDb(handle.db);

    const cap = capturingDb(client);
    captured = cap.captured;
    const run = cap.run;
    const staff = await handle.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          DEMO_LOGINS.map((l) => l.email),
        ),
      );
    const idOf = (role: Role) => {
      const email = DEMO_LOGINS.find((l) => l.role === role)!.email;
      return staff.find((s) => s.email === email)!.id;
    };
    const [household] = await handle.db
      .select({ id: households.id })
      .from(households)
      .where(eq(households.companyId, companyId))
      .limit(1);
    const now = new Date();
    const today = localDate(now, "Asia/Shanghai");
    const residentId = idOf("resident");

    await run("resident /home", async (db) => {
      const home = await residentHome(db, companyId, residentId);
      const ids = home.households.map((h) => h.householdId);
      expect(ids.length).toBeGreaterThan(0);
      await residentDashboard(db, companyId, residentId, ids, now, today);
    });
    await run("resident /bills", async (db) => {
      const ids = await residentHouseholdIds(db, companyId, residentId);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) await householdAccount(db, companyId, id, today);
      await activeGoldBadges(db, companyId, ids, today);
    });
    await run("staff household page", async (db) => {
      expect(await householdAccount(db, companyId, household.id, today)).toBeTruthy();
      await getHousehold(db, companyId, { kind: "all" }, household.id);
      await householdLedger(db, companyId, household.id);
      await householdSentiments(db, companyId, [household.id]);
    });
    for (const role of ["butler", "admin"] as const) {
      await run(`/staff/crm as ${role}`, async (db) => {
        const rules = await publishedRules(db, companyId);
        const view = await loadRegistryView(db, companyId, { userId: idOf(role), roles: [role] });
        await bandDistribution(db, companyId, view, rules);
        await weeklyTrend(db, companyId, view, rules, today);
        await movedThisWeek(db, companyId, view, rules, today);
        await butlerRiskLists(db, companyId, view, rules, today, 10);
      });
    }
    for (const role of ["butler", "supervisor", "project_manager", "technician", "front_desk"] as const) {
      await run(`/staff/orders as ${role}`, async (db) => {
        const user = { id: idOf(role), roles: [role] };
        const scope = await loadOrderScope(db, companyId, user);
        await listOrders(db, companyId, scope, { status: "open", assignedTo: user.id }, now);
        const { total } = await listOrders(db, companyId, scope, { status: "open" }, now);
        if (role !== "technician") expect(total, role).toBeGreaterThan(0);
        await listOrders(db, companyId, scope, { status: "closed", overdue: true }, now);
        await listOrders(db, companyId, scope, { awaitingTriage: true }, now);
      });
    }
    await run("billing reports", async (db) => {
      const to = today.slice(0, 7);
      const { start, end } = dayBounds(today, "Asia/Shanghai");
      for (const g of ["community", "building", "butler"] as const) {
        await agingReport(db, companyId, today, g);
        await collectionReport(db, companyId, addMonths(to, -11), to, g);
      }
      await collectionReport(db, companyId, addMonths(to, -11), to, "month");
      await dailyCash(db, companyId, start, end);
      await listBills(db, companyId, { period: to });
      await listBills(db, companyId, { period: to, status: "unpaid" });
    });
    await run("cashier lookup", async (db) => {
      const view = await loadRegistryView(db, companyId, { userId: idOf("front_desk"), roles: ["front_desk"] });
      await searchHouseholds(db, companyId, view, { q: "1" });
      await householdAccount(db, companyId, household.id, today);
    });
    await run("admin workbench", async (db) => {
      const rules = await publishedRules(db, companyId);
      const admin = { id: idOf("admin"), roles: ["admin" as const] };
      const view = await loadRegistryView(db, companyId, { userId: admin.id, roles: admin.roles });
      await atRiskHouseholds(db, companyId, view, rules);
      const scope = await loadOrderScope(db, companyId, admin);
      await orderFigures(db, companyId, scope, now, { todayStart: dayBounds(today, "Asia/Shanghai").start });
    });
    await run("minute tick", (db) => runTick(db, { now, companyIds: [companyId], lease: `plans-${companyId}` }));
  });

  it("captured the statements of every hot query", () => {
    const labels = new Set(captured.map((q) => q.label));
    expect(labels.size).toBe(14);
    expect(captured.length).toBeGreaterThan(40);
  });

  /** Every offending plan line, with the page and the statement. */
  async function offenders(): Promise<string[]> {
    const out: string[] = [];
    for (const q of captured) {
      if (!/^\s*(select|with|update|delete|insert)/i.test(q.sql)) continue;
      const plan = await queryPlan(client, q);
      const bad = [
        ...fullScans(plan),
        ...(HOUSEHOLD_PAGES.includes(q.label) ? companyWideSearches(plan) : []),
        ...(q.label.startsWith("/staff/orders") ? perCandidateSubqueries(plan, "order_page") : []),
      ];
      if (bad.length) out.push(`${q.label}: ${bad.join(" | ")}\n    ${q.sql}`);
    }
    return out;
  }

  it("reads no bills, payments, allocations, sentiment entries or work orders in full (statistics as the app leaves them)", async () => {
    const found = await offenders();
    expect(found, found.join("\n")).toEqual([]);
  });

  it("and none without statistics either (a libSQL server refuses ANALYZE)", async () => {
    await dropStatistics(client);
    const found = await offenders();
    expect(found, found.join("\n")).toEqual([]);
  });

  it("the checks can fail: a full read, a company-wide read of one household's bills and a per-row subquery are caught", async () => {
    const scan = await queryPlan(client, { label: "", sql: "select sum(lines_fen) from bills", params: [] });
    expect(fullScans(scan)).toEqual([expect.stringMatching(/^SCAN bills/)]);
    const byCompany = await queryPlan(client, {
      label: "",
      sql: "select * from bills indexed by bills_company_period_idx where company_id = ? and household_id = ?",
      params: [1, 1],
    });
    expect(companyWideSearches(byCompany)).toEqual([expect.stringMatching(/^SEARCH bills .*\(company_id=\?\)/)]);
    const perRow = await queryPlan(client, {
      label: "",
      sql: "select count(*) from work_orders w where exists (select 1 from work_order_assignees a where a.work_order_id = w.id and a.user_id = ?)",
      params: [1],
    });
    expect(perCandidateSubqueries(perRow, "order_page")).toEqual([expect.stringMatching(/^CORRELATED/)]);
  });
});
