import { and, eq, sql } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addAttachments, approvalAttachmentFor } from "@/lib/approvals/attachments";
import { PNG } from "../support/tickets";
import {
  allocations,
  approvalEvents,
  approvalRequests,
  approvalSteps,
  auditLog,
  financeEntries,
  notifications,
  staffRecords,
  supervisorButlers,
  communityManagers,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { decide } from "@/lib/approvals/commands/decide";
import { saveChainConfig } from "@/lib/approvals/commands/chains";
import { saveRequest } from "@/lib/approvals/commands/save-request";
import { withdraw } from "@/lib/approvals/commands/withdraw";
import { loadActorFacts } from "@/lib/approvals/access";
import { canViewRequest, requestDetail, waitingFor } from "@/lib/approvals/queries";
import { chainConfigSchema, requestSchema } from "@/lib/approvals/schemas";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import type { Db } from "@/lib/db/client";
import { ensureCategories, categoryIdsByCode } from "@/lib/finance/categories";
import { importBudgetCsv } from "@/lib/finance/budget";
import { postFinanceActuals, postShopIncome } from "@/lib/finance/ledger";
import { reverseEntry } from "@/lib/finance/journal";
import { budgetVsActual, ledgerTotals, profitAndLoss } from "@/lib/finance/reports";
import { monthSheet } from "@/lib/hr/attendance-queries";
import { createBillingEstate } from "../support/billing";
import { createCompany, createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import type { RoleActor } from "@/lib/auth/actor";

const TODAY = "2026-11-27";

async function setup(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const { community } = await createEstate(db, companyId, { n: 1 });
  const butler = await createUser(db, companyId, ["butler"], "李娜");
  const supervisor = await createUser(db, companyId, ["supervisor"], "张伟");
  const otherSupervisor = await createUser(db, companyId, ["supervisor"], "别组主管");
  const pm = await createUser(db, companyId, ["project_manager"], "刘洋");
  const finance = await createUser(db, companyId, ["finance"], "赵敏");
  await db.insert(supervisorButlers).values({ companyId, butlerUserId: butler.id, supervisorUserId: supervisor.id });
  await db.insert(communityManagers).values({ companyId, communityId: community.id, managerUserId: pm.id });
  await ensureCategories(db, companyId);
  const cats = await categoryIdsByCode(db, companyId, ["exp_repairs", "exp_procurement"]);
  const actor = (u: { id: number }, roles: RoleActor["roles"]): RoleActor => ({ companyId, userId: u.id, roles });
  return {
    companyId,
    community,
    cats,
    admin: actor({ id: adminId }, ["admin"]),
    butler: actor(butler, ["butler"]),
    supervisor: actor(supervisor, ["supervisor"]),
    otherSupervisor: actor(otherSupervisor, ["supervisor"]),
    pm: actor(pm, ["project_manager"]),
    finance: actor(finance, ["finance"]),
  };
}

const expense = (s: Awaited<ReturnType<typeof setup>>, amount: string, extra: Record<string, unknown> = {}) =>
  requestSchema.parse({
    type: "expense",
    communityId: s.community.id,
    categoryId: s.cats.get("exp_repairs"),
    title: "水泵维修",
    description: "",
    amount,
    submit: true,
    ...extra,
  });

async function code(p: Promise<unknown>) {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.message}`;
    throw e;
  }
}

describe("approvals", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("¥15,000 expense: supervisor → project manager → finance, then posted once as an expense", async () => {
    const s = await setup(db);
    const { id, chain } = await saveRequest(db, s.butler, expense(s, "15000"));
    expect(chain).toEqual(["supervisor", "project_manager", "finance"]);
    // the first approver is notified; the waiting list shows it for them only
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, s.companyId), eq(notifications.userId, s.supervisor.userId)));
    expect(note).toMatchObject({ kind: "approval.pending", href: `/staff/approvals/${id}` });
    expect(
      (
        await waitingFor(db, s.companyId, await loadActorFacts(db, s.companyId, s.supervisor.userId, ["supervisor"]))
      ).map((r) => r.id),
    ).toEqual([id]);
    expect(
      await waitingFor(
        db,
        s.companyId,
        await loadActorFacts(db, s.companyId, s.otherSupervisor.userId, ["supervisor"]),
      ),
    ).toEqual([]);
    // out of turn and wrong scope are refused, nothing written
    expect(await code(decide(db, s.pm, { requestId: id, position: 1, decision: "approve", comment: "" }, TODAY))).toBe(
      "conflict:approvals.errors.outOfTurn",
    );
    expect(await code(decide(db, s.pm, { requestId: id, position: 0, decision: "approve", comment: "" }, TODAY))).toBe(
      "forbidden:approvals.errors.notYourStep",
    );
    expect(
      await code(
        decide(db, s.otherSupervisor, { requestId: id, position: 0, decision: "approve", comment: "" }, TODAY),
      ),
    ).toBe("forbidden:approvals.errors.notYourScope");
    expect(
      await code(decide(db, s.butler, { requestId: id, position: 0, decision: "approve", comment: "" }, TODAY)),
    ).toBe("forbidden:approvals.errors.ownRequest");
    // two approvers' clicks at once decide the step once
    const twice = await Promise.all(
      [0, 1].map(() =>
        code(decide(db, s.supervisor, { requestId: id, position: 0, decision: "approve", comment: "同意" }, TODAY)),
      ),
    );
    expect(twice.sort()).toEqual(["conflict:approvals.errors.alreadyDecided", "ok"]);
    await decide(db, s.pm, { requestId: id, position: 1, decision: "approve", comment: "" }, TODAY);
    expect(await db.select().from(financeEntries).where(eq(financeEntries.companyId, s.companyId))).toEqual([]);
    const last = await decide(
      db,
      s.finance,
      { requestId: id, position: 2, decision: "approve", comment: "已复核" },
      TODAY,
    );
    expect(last).toMatchObject({ status: "approved", posted: true });
    expect(
      await code(decide(db, s.finance, { requestId: id, position: 2, decision: "approve", comment: "" }, TODAY)),
    ).toBe("conflict:approvals.errors.notPending");
    const entries = await db.select().from(financeEntries).where(eq(financeEntries.companyId, s.companyId));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "expense",
      amountFen: 1_500_000,
      occurredOn: TODAY,
      source: "approval",
      sourceKey: `approval:${id}`,
      communityId: s.community.id,
    });
    const events = await db
      .select({ kind: approvalEvents.kind })
      .from(approvalEvents)
      .where(eq(approvalEvents.requestId, id));
    expect(events.map((e) => e.kind)).toEqual(["created", "submitted", "approved", "approved", "approved"]);
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.companyId, s.companyId), eq(auditLog.entity, "approval_request")));
    expect(audits.map((a) => a.action)).toEqual([
      "approval.create",
      "approval.submit",
      "approval.approve",
      "approval.approve",
      "approval.approve",
    ]);
    // an approved request cannot be edited
    expect(await code(saveRequest(db, s.butler, expense(s, "1", { id })))).toBe(
      "conflict:approvals.errors.notEditable",
    );
    // the month's actuals show it
    const bva = await budgetVsActual(db, s.companyId, [s.community.id], 2026, TODAY);
    expect(bva.expense.months[10].actual).toBe(1_500_000);
  });

  it("reject ends the chain; return lets the requester edit and resubmit from the first step; withdraw stops it", async () => {
    const s = await setup(db);
    const r1 = await saveRequest(db, s.butler, expense(s, "800"));
    await decide(db, s.supervisor, { requestId: r1.id, position: 0, decision: "reject", comment: "预算不足" }, TODAY);
    const [rejected] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, r1.id));
    expect(rejected.status).toBe("rejected");
    const steps1 = await db
      .select({ status: approvalSteps.status })
      .from(approvalSteps)
      .where(eq(approvalSteps.requestId, r1.id));
    expect(steps1.map((x) => x.status)).toEqual(["rejected", "cancelled"]);

    const r2 = await saveRequest(db, s.butler, expense(s, "800"));
    await decide(db, s.supervisor, { requestId: r2.id, position: 0, decision: "approve", comment: "" }, TODAY);
    await decide(db, s.finance, { requestId: r2.id, position: 1, decision: "return", comment: "请补发票" }, TODAY);
    const again = await saveRequest(db, s.butler, expense(s, "900", { id: r2.id }));
    expect(again.status).toBe("pending");
    const [resubmitted] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, r2.id));
    expect(resubmitted).toMatchObject({ status: "pending", round: 2, currentStep: 0, amountFen: 90000 });
    await decide(db, s.supervisor, { requestId: r2.id, position: 0, decision: "approve", comment: "" }, TODAY);
    await decide(db, s.finance, { requestId: r2.id, position: 1, decision: "approve", comment: "" }, TODAY);
    const detail = (await requestDetail(db, s.companyId, r2.id))!;
    expect(detail.status).toBe("approved");
    expect(detail.steps.map((x) => `${x.round}:${x.status}`)).toEqual([
      "1:approved",
      "1:returned",
      "2:approved",
      "2:approved",
    ]);

    const r3 = await saveRequest(db, s.butler, expense(s, "300"));
    expect(await code(withdraw(db, s.supervisor, { requestId: r3.id, comment: "" }))).toBe(
      "not_found:errors.not_found",
    );
    await withdraw(db, s.butler, { requestId: r3.id, comment: "不需要了" });
    expect(
      await code(decide(db, s.supervisor, { requestId: r3.id, position: 0, decision: "approve", comment: "" }, TODAY)),
    ).toBe("conflict:approvals.errors.notPending");
    expect(await code(withdraw(db, s.butler, { requestId: r3.id, comment: "" }))).toBe(
      "conflict:approvals.errors.notWithdrawable",
    );
    const expenses = await db.select().from(financeEntries).where(eq(financeEntries.companyId, s.companyId));
    expect(expenses.map((e) => e.amountFen)).toEqual([90000]);
  });

  it("a procurement total sent by the browser is ignored: the server sums the lines", async () => {
    const s = await setup(db);
    const input = requestSchema.parse({
      type: "procurement",
      communityId: s.community.id,
      categoryId: s.cats.get("exp_procurement"),
      title: "扫帚采购",
      total: "1.00",
      lines: [
        { item: "扫帚", quantity: 3, unitPrice: "25.50" },
        { item: "拖把", quantity: 2, unitPrice: "40" },
      ],
    });
    const { id, chain } = await saveRequest(db, s.butler, { ...input, total: "1.00" } as typeof input);
    const d = (await requestDetail(db, s.companyId, id))!;
    expect(d.amountFen).toBe(15650);
    expect(d.lines.map((l) => l.amountFen)).toEqual([7650, 8000]);
    expect(chain).toEqual(["supervisor", "finance"]);
  });

  it("drafts are not in anyone's queue; a supervisor's own request goes to the project manager", async () => {
    const s = await setup(db);
    const draft = await saveRequest(db, s.butler, expense(s, "100", { submit: false }));
    expect(draft.status).toBe("draft");
    expect(
      await waitingFor(db, s.companyId, await loadActorFacts(db, s.companyId, s.supervisor.userId, ["supervisor"])),
    ).toEqual([]);
    const own = await saveRequest(db, s.supervisor, expense(s, "100"));
    expect(own.chain).toEqual(["project_manager", "finance"]);
    expect(
      await code(decide(db, s.supervisor, { requestId: own.id, position: 0, decision: "approve", comment: "" }, TODAY)),
    ).toBe("forbidden:approvals.errors.ownRequest");
  });

  it("other companies and unrelated staff cannot see or decide a request", async () => {
    const s = await setup(db);
    const other = await setup(db);
    const { id } = await saveRequest(db, s.butler, expense(s, "100"));
    expect(await requestDetail(db, other.companyId, id)).toBeNull();
    expect(
      await code(decide(db, other.admin, { requestId: id, position: 0, decision: "approve", comment: "" }, TODAY)),
    ).toBe("not_found:errors.not_found");
    const tech = await createUser(db, s.companyId, ["technician"], "杨磊");
    const detail = (await requestDetail(db, s.companyId, id))!;
    expect(canViewRequest(detail, await loadActorFacts(db, s.companyId, tech.id, ["technician"]))).toBe(false);
    expect(canViewRequest(detail, await loadActorFacts(db, s.companyId, s.supervisor.userId, ["supervisor"]))).toBe(
      true,
    );
    expect(
      canViewRequest(detail, await loadActorFacts(db, s.companyId, s.otherSupervisor.userId, ["supervisor"])),
    ).toBe(false);
    // a category of another company is refused, nothing written
    const before = (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(approvalRequests)
        .where(eq(approvalRequests.companyId, s.companyId))
    )[0].n;
    expect(
      await code(saveRequest(db, s.butler, expense(s, "100", { categoryId: other.cats.get("exp_repairs") }))),
    ).toBe("validation:errors.validation");
    expect(
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(approvalRequests)
          .where(eq(approvalRequests.companyId, s.companyId))
      )[0].n,
    ).toBe(before);
  });

  it("attachments: the requester uploads images; only the request's viewers can fetch them", async () => {
    process.env.UPLOADS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-uploads-"));
    const s = await setup(db);
    const other = await setup(db);
    const { id } = await saveRequest(db, s.butler, expense(s, "100"));
    const file = {
      size: PNG.length,
      arrayBuffer: async () => PNG.buffer.slice(PNG.byteOffset, PNG.byteOffset + PNG.length) as ArrayBuffer,
    };
    expect(await code(addAttachments(db, s.supervisor, id, [file]))).toBe("not_found:errors.not_found");
    const bad = { size: 4, arrayBuffer: async () => new TextEncoder().encode("text").buffer as ArrayBuffer };
    expect(await code(addAttachments(db, s.butler, id, [bad]))).toBe("validation:errors.validation");
    await addAttachments(db, s.butler, id, [file]);
    const [att] = (await requestDetail(db, s.companyId, id))!.files;
    const viewer = (companyId: number, userId: number, roles: RoleActor["roles"]) => async () => {
      const facts = await loadActorFacts(db, companyId, userId, roles);
      return approvalAttachmentFor(db, companyId, facts, att.id, async (rid) => {
        const d = await requestDetail(db, companyId, rid);
        return !!d && canViewRequest(d, facts);
      });
    };
    expect(await viewer(s.companyId, s.supervisor.userId, ["supervisor"])()).toMatchObject({ mime: "image/png" });
    expect(await viewer(s.companyId, s.finance.userId, ["finance"])()).not.toBeNull();
    expect(await viewer(s.companyId, s.otherSupervisor.userId, ["supervisor"])()).toBeNull();
    expect(await viewer(other.companyId, other.admin.userId, ["admin"])()).toBeNull();
  });

  it("the admin's chain settings apply to new submissions and are audited", async () => {
    const s = await setup(db);
    const open = { tiers: [{ max: "", roles: ["supervisor"] }], financeReview: false };
    const chains = chainConfigSchema.parse({
      contract: open,
      procurement: open,
      general: open,
      leave: open,
      expense: {
        tiers: [
          { max: "500", roles: ["supervisor"] },
          { max: "", roles: ["supervisor", "admin"] },
        ],
        financeReview: false,
      },
    });
    await saveChainConfig(db, s.admin, chains);
    expect((await saveRequest(db, s.butler, expense(s, "500"))).chain).toEqual(["supervisor"]);
    expect((await saveRequest(db, s.butler, expense(s, "500.01"))).chain).toEqual(["supervisor", "admin"]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, s.companyId), eq(auditLog.action, "approvals.chains")));
    expect(audit.after).toMatchObject({ expense: { financeReview: false } });
  });

  it("approved leave counts as leave in attendance; overlapping leave is refused", async () => {
    const s = await setup(db);
    await db.insert(staffRecords).values({
      companyId: s.companyId,
      userId: s.butler.userId,
      employeeNo: "E1",
      name: "李娜",
      communityId: s.community.id,
      position: "管家",
      hireDate: "2024-01-01",
    });
    const leave = (from: string, to: string) =>
      requestSchema.parse({
        type: "leave",
        communityId: s.community.id,
        categoryId: "",
        title: "年假",
        leaveType: "annual",
        leaveFrom: from,
        leaveTo: to,
        submit: true,
      });
    const { id } = await saveRequest(db, s.butler, leave("2026-11-02", "2026-11-03"));
    expect(await code(saveRequest(db, s.butler, leave("2026-11-03", "2026-11-05")))).toBe("conflict:errors.validation");
    await decide(db, s.supervisor, { requestId: id, position: 0, decision: "approve", comment: "" }, TODAY);
    const sheet = await monthSheet(db, s.companyId, "2026-11", { now: new Date("2026-11-27T12:00:00Z") });
    const row = sheet.rows.find((r) => r.userId === s.butler.userId)!;
    expect(row.days.find((d) => d.date === "2026-11-02")!.status).toBe("leave");
    expect(row.days.find((d) => d.date === "2026-11-04")!.status).toBe("absent");
    expect(row.totals.leave).toBe(2);
    expect(await db.select().from(financeEntries).where(eq(financeEntries.companyId, s.companyId))).toEqual([]);
    // two overlapping submissions at once: one is refused
    const both = await Promise.all(
      [leave("2026-12-07", "2026-12-08"), leave("2026-12-08", "2026-12-09")].map((l) =>
        code(saveRequest(db, s.butler, l)),
      ),
    );
    expect(both.sort()).toEqual(["conflict:errors.validation", "ok"]);
  });
});

describe("finance actuals", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("income from payments is posted exactly once (twice and concurrently) and sums equal the allocations", async () => {
    const e = await createBillingEstate(db, 2);
    await generateBills(db, e.companyId, "2026-10");
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 12345,
      method: "cash",
      idempotencyKey: "p1",
      actorUserId: e.finance.id,
      now: new Date("2026-11-05T03:00:00Z"),
    });
    await recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[1].id,
      amountFen: 50000,
      method: "cash",
      idempotencyKey: "p2",
      actorUserId: e.finance.id,
      now: new Date("2026-11-06T03:00:00Z"),
    });
    const company = { id: e.companyId, timeZone: "Asia/Shanghai" };
    const runs = await Promise.all([1, 2, 3].map(() => postFinanceActuals(db, company, TODAY, new Date())));
    expect(runs.reduce((n, r) => n + r.billingIncomeEntries, 0)).toBeGreaterThan(0);
    expect((await postFinanceActuals(db, company, TODAY, new Date())).billingIncomeEntries).toBe(0);
    const [alloc] = await db
      .select({ fen: sql<number>`sum(${allocations.amountFen})` })
      .from(allocations)
      .where(eq(allocations.companyId, e.companyId));
    const totals = await ledgerTotals(db, e.companyId, "all", "2026-01-01", "2026-12-31");
    expect(totals.income).toBe(Number(alloc.fen));
    const bva = await budgetVsActual(db, e.companyId, "all", 2026, TODAY);
    expect(bva.income.year.actual).toBe(totals.income);
    expect(bva.income.months[10].actual).toBe(totals.income);
    const pnl = await profitAndLoss(db, e.companyId, "all", "2026-01-01", "2026-12-31");
    expect(pnl.incomeFen).toBe(totals.income);
    expect(pnl.income.map((r) => r.name).sort()).toEqual(["垃圾费", "物业费"]);
    // per community equals the company here (one community)
    expect((await ledgerTotals(db, e.companyId, [e.community.id], "2026-01-01", "2026-12-31")).income).toBe(
      totals.income,
    );
  });

  it("shop income is idempotent per source; a reversal corrects once", async () => {
    const { companyId, adminId } = await createCompany(db);
    const { community } = await createEstate(db, companyId, { n: 1 });
    const post = () =>
      db.transaction((tx) =>
        postShopIncome(tx, {
          companyId,
          communityId: community.id,
          amountFen: 8800,
          occurredOn: "2026-11-20",
          sourceId: "order-7",
        }),
      );
    expect(await post()).toBe(true);
    expect(await post()).toBe(false);
    const [entry] = await db.select().from(financeEntries).where(eq(financeEntries.companyId, companyId));
    await reverseEntry(
      db,
      { companyId, userId: adminId },
      { entryId: entry.id, occurredOn: "2026-11-21", reason: "退货" },
    );
    expect(
      await code(
        reverseEntry(
          db,
          { companyId, userId: adminId },
          { entryId: entry.id, occurredOn: "2026-11-21", reason: "退货" },
        ),
      ),
    ).toBe("conflict:finance.errors.alreadyReversed");
    expect((await ledgerTotals(db, companyId, "all", "2026-01-01", "2026-12-31")).income).toBe(0);
  });

  it("a budget CSV with unknown categories or communities or bad amounts writes nothing; a good one is imported", async () => {
    const { companyId, adminId } = await createCompany(db);
    const { community } = await createEstate(db, companyId, { n: 1 });
    await ensureCategories(db, companyId);
    const months = (v: string) => Array(12).fill(v).join(",");
    const head = "community,category,m01,m02,m03,m04,m05,m06,m07,m08,m09,m10,m11,m12";
    const bad = await importBudgetCsv(
      db,
      { companyId, userId: adminId },
      2026,
      `${head}\n${community.name},exp_repairs,${months("100")}\n不存在小区,exp_repairs,${months("1")}\n${community.name},没有的科目,${months("1")}\n${community.name},exp_office,${months("-5")}`,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((x) => `${x.line}:${x.key}`)).toEqual([
      "3:community",
      "4:category",
      ...Array(12).fill("5:amount"),
    ]);
    const bva0 = await budgetVsActual(db, companyId, "all", 2026, TODAY);
    expect(bva0.rows).toEqual([]);
    const good = await importBudgetCsv(
      db,
      { companyId, userId: adminId },
      2026,
      `${head}\n${community.name},exp_repairs,${months("100")}\n${community.name},维修保养,${months("1")}`,
    );
    expect(good.ok).toBe(false); // same category twice (code and name)
    const ok = await importBudgetCsv(
      db,
      { companyId, userId: adminId },
      2026,
      `${head}\n${community.name},exp_repairs,${months("100")}`,
    );
    expect(ok).toMatchObject({ ok: true, rows: 1, changed: 12 });
    const bva = await budgetVsActual(db, companyId, [community.id], 2026, TODAY);
    expect(bva.expense.year.budget).toBe(120000);
    expect(bva.expense.ytd.budget).toBe(110000);
  });
});
