/**
 * Demo approvals and finance (示范物业).
 *
 * seedDemoApprovals (from seedDemo, before the completion mark): a few dozen requests by demo
 * staff in every state — draft, pending at each step, approved, rejected, returned, withdrawn —
 * made through the real commands (so steps, timeline, audit, notifications and the expense
 * postings are what the app itself writes). Approvals are dated across the current year.
 *
 * seedDemoFinance (from scripts/seed.ts after the billing seed, demo only): posts income from
 * the seeded payments, then a budget for the current year per community × category × month —
 * income near the actual run rate, expenses at fixed monthly plans — so the reports show real
 * variances. Marked done by an audit row; running it again writes nothing.
 *
 * Deterministic (amounts, types and states follow the index), idempotent, fast (< 1 s).
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Role } from "../../lib/auth/roles";
import type { Db } from "../../lib/db/client";
import { decide } from "../../lib/approvals/commands/decide";
import { saveRequest } from "../../lib/approvals/commands/save-request";
import { withdraw } from "../../lib/approvals/commands/withdraw";
import { loadActorFacts } from "../../lib/approvals/access";
import { stepDenial, type ActorFacts, type StepRole } from "../../lib/approvals/rules";
import { requestSchema } from "../../lib/approvals/schemas";
import { ensureCategories } from "../../lib/finance/categories";
import { postFinanceActuals } from "../../lib/finance/ledger";
import { MONTHS } from "../../lib/finance/rules";
import * as s from "../../db/schema";
import { localParts } from "../../lib/time/zone";
import type { RoleActor } from "../../lib/auth/actor";

export const FINANCE_SEED_ACTION = "seed.finance";

type Target = "approved" | "pending0" | "pending1" | "pending2" | "rejected" | "returned" | "withdrawn" | "draft";
const TARGETS: Target[] = [
  "approved",
  "approved",
  "pending0",
  "approved",
  "pending1",
  "rejected",
  "approved",
  "pending2",
  "returned",
  "withdrawn",
  "approved",
  "draft",
];
const AMOUNTS = ["860", "1500", "2600", "9800", "15000", "26000", "4800", "1200", "18800", "3500", "52000", "700"];
const SUBJECTS: Record<string, string[]> = {
  expense: ["水泵维修费", "消防器材年检", "电梯维保费", "绿化补种", "公共照明更换"],
  procurement: ["保洁用品采购", "监控摄像头采购", "办公电脑采购", "工具采购"],
  contract: ["外墙清洗合同", "秩序维护外包合同", "垃圾清运合同"],
  general: ["中秋社区活动方案", "停车场划线施工安排", "消防演练计划"],
  leave: ["年假", "病假", "事假"],
};
const TYPES = ["expense", "procurement", "contract", "expense", "general", "leave"] as const;
const EXPENSE_CODES = [
  "exp_repairs",
  "exp_procurement",
  "exp_outsourcing",
  "exp_utilities",
  "exp_cleaning",
  "exp_security",
  "exp_office",
];

async function membersByRole(db: Db, companyId: number) {
  const rows = await db
    .select({ userId: s.memberships.userId, role: s.memberships.role })
    .from(s.memberships)
    .where(and(eq(s.memberships.companyId, companyId), ne(s.memberships.role, "resident")))
    .orderBy(asc(s.memberships.userId));
  const roles = new Map<number, Role[]>();
  for (const r of rows) roles.set(r.userId, [...(roles.get(r.userId) ?? []), r.role]);
  return roles;
}

/** Who may act in the company, the finance categories, the requesters and the communities. */
async function loadApprovalContext(db: Db, companyId: number) {
  const roles = await membersByRole(db, companyId);
  const cats = new Map(
    (
      await db
        .select({ id: s.financeCategories.id, code: s.financeCategories.code })
        .from(s.financeCategories)
        .where(eq(s.financeCategories.companyId, companyId))
    ).map((c) => [c.code, c.id]),
  );
  // Requesters: the staff records of butlers, front desk and technicians (with their community).
  const staff = await db
    .select({ userId: s.staffRecords.userId, communityId: s.staffRecords.communityId })
    .from(s.staffRecords)
    .where(
      and(eq(s.staffRecords.companyId, companyId), inArray(s.staffRecords.position, ["管家", "客服专员", "维修技师"])),
    )
    .orderBy(asc(s.staffRecords.userId));
  const communities = (
    await db
      .select({ id: s.communities.id })
      .from(s.communities)
      .where(eq(s.communities.companyId, companyId))
      .orderBy(asc(s.communities.id))
  ).map((c) => c.id);
  return { roles, cats, staff, communities };
}

type ApprovalContext = Awaited<ReturnType<typeof loadApprovalContext>>;

/** Actors, step deciders and a request's current steps, as the seed's requests need them. */
function approvalHelpers(db: Db, companyId: number, roles: ApprovalContext["roles"]) {
  const factsCache = new Map<number, ActorFacts>();
  const facts = async (userId: number) => {
    if (!factsCache.has(userId))
      factsCache.set(userId, await loadActorFacts(db, companyId, userId, roles.get(userId) ?? []));
    return factsCache.get(userId)!;
  };
  const actorOf = (userId: number): RoleActor => ({ companyId, userId, roles: roles.get(userId) ?? [] });
  /** Someone who may decide the step: the first holder of the role in scope, else an admin. */
  const approver = async (role: StepRole, req: { requesterUserId: number; communityId: number }) => {
    const ordered = [...roles.keys()].sort(
      (a, b) =>
        Number((roles.get(a) ?? []).includes("admin")) - Number((roles.get(b) ?? []).includes("admin")) || a - b,
    );
    for (const id of ordered) {
      const f = await facts(id);
      if ((f.roles.includes(role) || f.roles.includes("admin")) && stepDenial(role, f, req) === null) return id;
    }
    return null;
  };
  const stepsOf = async (requestId: number) =>
    db
      .select({ role: s.approvalSteps.role, position: s.approvalSteps.position })
      .from(s.approvalSteps)
      .innerJoin(
        s.approvalRequests,
        and(eq(s.approvalRequests.id, s.approvalSteps.requestId), eq(s.approvalRequests.round, s.approvalSteps.round)),
      )
      .where(eq(s.approvalSteps.requestId, requestId))
      .orderBy(asc(s.approvalSteps.position));
  return { actorOf, approver, stepsOf };
}

type ApprovalHelpers = ReturnType<typeof approvalHelpers>;

/** Request i: its target state, requester, date and form input (all from the index). */
function requestPlan(i: number, ctx: ApprovalContext, year: number, thisMonth: number) {
  const { staff, communities, cats } = ctx;
  const target = TARGETS[i % TARGETS.length];
  // Requests pending at the 2nd / 3rd step need a money chain long enough.
  const type =
    target === "pending1" || target === "pending2"
      ? (["expense", "contract", "procurement"] as const)[Math.floor(i / 12) % 3]
      : TYPES[(i + Math.floor(i / 12)) % TYPES.length];
  const person = staff[(i * 7) % staff.length];
  const communityId = person.communityId ?? communities[i % communities.length];
  const month = 1 + (i % thisMonth);
  const day = String(3 + (i % 20)).padStart(2, "0");
  const on = `${year}-${MONTHS[month - 1]}-${day}`;
  const subjects = SUBJECTS[type];
  const amount = target === "pending2" ? "15000" : target === "pending1" ? "2600" : AMOUNTS[i % AMOUNTS.length];
  const base = {
    type,
    communityId,
    title: subjects[i % subjects.length],
    description: "",
    submit: target !== "draft",
  };
  const input =
    type === "procurement"
      ? {
          ...base,
          categoryId: cats.get("exp_procurement"),
          lines: [
            { item: "物资A", quantity: 2 + (i % 5), unitPrice: String(Number(amount) / 10) },
            { item: "物资B", quantity: 1, unitPrice: amount },
          ],
        }
      : type === "contract"
        ? {
            ...base,
            categoryId: cats.get("exp_outsourcing"),
            amount,
            party: "某某服务有限公司",
            termFrom: `${year}-01-01`,
            termTo: `${year}-12-31`,
          }
        : type === "expense"
          ? {
              ...base,
              categoryId: cats.get(EXPENSE_CODES[i % EXPENSE_CODES.length]),
              amount,
              receipts: `FP${year}${String(i).padStart(4, "0")}`,
            }
          : type === "leave"
            ? {
                ...base,
                categoryId: "",
                leaveType: (["annual", "sick", "personal"] as const)[i % 3],
                leaveFrom: `${year}-${MONTHS[month - 1]}-${day}`,
                leaveTo: `${year}-${MONTHS[month - 1]}-${String(Number(day) + 1).padStart(2, "0")}`,
              }
            : { ...base, categoryId: "", description: "请审阅。" };
  return { target, person, communityId, on, input };
}

type RequestPlan = ReturnType<typeof requestPlan>;

/** Decide the request's steps up to its target state (and withdraw it when that is the target). */
async function advanceRequest(db: Db, h: ApprovalHelpers, requestId: number, plan: RequestPlan) {
  const { target, person, communityId, on } = plan;
  const { actorOf, approver, stepsOf } = h;
  const steps = await stepsOf(requestId);
  const req = { requesterUserId: person.userId, communityId };
  const stopAt =
    target === "pending0"
      ? 0
      : target === "pending1"
        ? 1
        : target === "withdrawn"
          ? Math.min(1, steps.length - 1)
          : target === "pending2"
            ? 2
            : steps.length;
  for (const step of steps) {
    if (step.position >= Math.min(stopAt, steps.length)) break;
    const by = await approver(step.role as StepRole, req);
    if (by === null) break;
    const last = step.position === steps.length - 1;
    const decision =
      target === "rejected" && (last || step.position === 1)
        ? "reject"
        : target === "returned" && step.position === 0
          ? "return"
          : "approve";
    await decide(
      db,
      actorOf(by),
      {
        requestId: requestId,
        position: step.position,
        decision,
        comment: decision === "approve" ? "同意" : decision === "reject" ? "预算不足，暂缓" : "请补充报价单",
      },
      on,
      new Date(`${on}T06:00:00Z`),
    );
    if (decision !== "approve") break;
  }
  if (target === "withdrawn")
    await withdraw(db, actorOf(person.userId), { requestId, comment: "情况有变" }, new Date(`${on}T08:00:00Z`));
}

export async function seedDemoApprovals(db: Db, companyId: number, now: Date): Promise<number> {
  const year = Number(localParts(now, "Asia/Shanghai").date.slice(0, 4));
  const thisMonth = Number(localParts(now, "Asia/Shanghai").date.slice(5, 7));
  await ensureCategories(db, companyId);
  const ctx = await loadApprovalContext(db, companyId);
  if (!ctx.staff.length || !ctx.communities.length) return 0;
  const helpers = approvalHelpers(db, companyId, ctx.roles);

  const N = 36;
  let made = 0;
  for (let i = 0; i < N; i++) {
    const plan = requestPlan(i, ctx, year, thisMonth);
    const parsed = requestSchema.safeParse(plan.input);
    if (!parsed.success) continue;
    let saved;
    try {
      saved = await saveRequest(db, helpers.actorOf(plan.person.userId), parsed.data, new Date(`${plan.on}T01:00:00Z`));
    } catch {
      continue; // e.g. an overlapping leave of the same person
    }
    made++;
    if (plan.target === "draft") continue;
    await advanceRequest(db, helpers, saved.id, plan);
  }
  return made;
}

export async function seedDemoFinance(
  db: Db,
  companyId: number,
  now = new Date(),
): Promise<{ status: "created" | "exists"; budgets: number; entries: number }> {
  const [done] = await db
    .select({ id: s.auditLog.id })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.companyId, companyId), eq(s.auditLog.action, FINANCE_SEED_ACTION)))
    .limit(1);
  if (done) return { status: "exists", budgets: 0, entries: 0 };
  const today = localParts(now, "Asia/Shanghai").date;
  const year = Number(today.slice(0, 4));
  await ensureCategories(db, companyId);
  const posted = await postFinanceActuals(db, { id: companyId, timeZone: "Asia/Shanghai" }, today, now);
  const cats = await db
    .select({ id: s.financeCategories.id, code: s.financeCategories.code, kind: s.financeCategories.kind })
    .from(s.financeCategories)
    .where(eq(s.financeCategories.companyId, companyId))
    .orderBy(asc(s.financeCategories.id));
  const communities = (
    await db
      .select({ id: s.communities.id })
      .from(s.communities)
      .where(eq(s.communities.companyId, companyId))
      .orderBy(asc(s.communities.id))
  ).map((c) => c.id);
  // Income: the average actual month of this year (up to last month) per community and category, ±8 %.
  const actual = await db
    .select({
      communityId: s.financeEntries.communityId,
      categoryId: s.financeEntries.categoryId,
      fen: sql<number>`sum(${s.financeEntries.amountFen})`,
      months: sql<number>`count(distinct substr(${s.financeEntries.occurredOn}, 1, 7))`,
    })
    .from(s.financeEntries)
    .where(
      and(
        eq(s.financeEntries.companyId, companyId),
        eq(s.financeEntries.kind, "income"),
        sql`${s.financeEntries.occurredOn} >= ${`${year}-01-01`}`,
      ),
    )
    .groupBy(s.financeEntries.communityId, s.financeEntries.categoryId);
  const avg = new Map(
    actual.map((a) => [`${a.communityId}/${a.categoryId}`, Math.round(Number(a.fen) / Math.max(1, Number(a.months)))]),
  );
  const rows: (typeof s.financeBudgets.$inferInsert)[] = [];
  communities.forEach((communityId, ci) => {
    cats.forEach((c, ki) => {
      MONTHS.forEach((m, mi) => {
        const wobble = 92 + ((ci * 7 + ki * 5 + mi * 3) % 17); // 92 … 108 %
        let fen: number;
        if (c.kind === "income")
          fen = Math.round(((avg.get(`${communityId}/${c.id}`) ?? 0) * wobble) / 100 / 100) * 100;
        else fen = (300 + ((ci * 13 + ki * 29) % 9) * 150) * 100; // ¥300 … ¥1,500 a month per category
        if (fen > 0) rows.push({ companyId, communityId, categoryId: c.id, month: `${year}-${m}`, amountFen: fen });
      });
    });
  });
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insert(s.financeBudgets)
      .values(rows.slice(i, i + 300))
      .onConflictDoNothing();
  await db.insert(s.auditLog).values({
    companyId,
    actorUserId: null,
    action: FINANCE_SEED_ACTION,
    entity: "company",
    entityId: String(companyId),
    after: { budgets: rows.length, year },
  });
  return {
    status: "created",
    budgets: rows.length,
    entries: posted.billingIncomeEntries + posted.contractIncomeEntries,
  };
}
