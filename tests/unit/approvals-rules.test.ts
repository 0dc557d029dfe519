import { describe, expect, it } from "vitest";
import { DEFAULT_SHIFT, evaluateDay, totalsOf } from "@/lib/hr/rules";
import {
  chainFor,
  DEFAULT_CHAINS,
  linesTotal,
  rangesOverlap,
  stepDenial,
  tierRoles,
  type ActorFacts,
} from "@/lib/approvals/rules";
import { chainConfigSchema, decisionSchema, requestSchema } from "@/lib/approvals/schemas";

const yuan = (y: number) => Math.round(y * 100);

describe("chain selection by type and amount", () => {
  it.each([
    [yuan(2000), ["supervisor", "finance"]],
    [yuan(2000.01), ["supervisor", "project_manager", "finance"]],
    [yuan(20000), ["supervisor", "project_manager", "finance"]],
    [yuan(20000.01), ["supervisor", "project_manager", "admin", "finance"]],
    [1, ["supervisor", "finance"]],
  ])("expense of %i fen → %j", (fen, roles) => {
    expect(tierRoles(DEFAULT_CHAINS, "expense", fen)).toEqual(roles);
    expect(tierRoles(DEFAULT_CHAINS, "procurement", fen)).toEqual(roles);
    expect(tierRoles(DEFAULT_CHAINS, "contract", fen)).toEqual(roles);
  });

  it("leave and general work events go to the supervisor only, no finance review", () => {
    expect(tierRoles(DEFAULT_CHAINS, "leave", null)).toEqual(["supervisor"]);
    expect(tierRoles(DEFAULT_CHAINS, "general", null)).toEqual(["supervisor"]);
  });

  it("a requester's own role goes to the next higher role; repeats collapse", () => {
    expect(chainFor(DEFAULT_CHAINS, "expense", yuan(15000), ["butler"])).toEqual([
      "supervisor",
      "project_manager",
      "finance",
    ]);
    expect(chainFor(DEFAULT_CHAINS, "expense", yuan(15000), ["supervisor"])).toEqual(["project_manager", "finance"]);
    expect(chainFor(DEFAULT_CHAINS, "expense", yuan(500), ["supervisor"])).toEqual(["project_manager", "finance"]);
    expect(chainFor(DEFAULT_CHAINS, "expense", yuan(500), ["finance"])).toEqual(["supervisor", "admin"]);
    expect(chainFor(DEFAULT_CHAINS, "expense", yuan(50000), ["project_manager"])).toEqual([
      "supervisor",
      "admin",
      "finance",
    ]);
    expect(chainFor(DEFAULT_CHAINS, "leave", null, ["supervisor"])).toEqual(["project_manager"]);
    expect(chainFor(DEFAULT_CHAINS, "expense", yuan(50000), ["admin"])).toEqual([
      "supervisor",
      "project_manager",
      "admin",
      "finance",
    ]);
  });
});

describe("step permissions", () => {
  const req = { requesterUserId: 10, communityId: 1 };
  const person = (over: Partial<ActorFacts>): ActorFacts => ({
    userId: 20,
    roles: [],
    teamUserIds: [],
    ownCommunityId: null,
    managedCommunityIds: [],
    ...over,
  });

  it("nobody decides their own request, not even the admin", () => {
    expect(
      stepDenial("supervisor", person({ userId: 10, roles: ["supervisor", "admin"], teamUserIds: [10] }), req),
    ).toBe("own");
  });
  it("a supervisor decides supervisor steps of their team or community only", () => {
    expect(stepDenial("supervisor", person({ roles: ["supervisor"], teamUserIds: [10] }), req)).toBeNull();
    expect(stepDenial("supervisor", person({ roles: ["supervisor"], ownCommunityId: 1 }), req)).toBeNull();
    expect(stepDenial("supervisor", person({ roles: ["supervisor"], ownCommunityId: 2, teamUserIds: [11] }), req)).toBe(
      "scope",
    );
  });
  it("a supervisor cannot decide the project manager's, finance's or admin's step", () => {
    const sup = person({ roles: ["supervisor"], teamUserIds: [10], ownCommunityId: 1 });
    expect(stepDenial("project_manager", sup, req)).toBe("role");
    expect(stepDenial("admin", sup, req)).toBe("role");
    expect(stepDenial("finance", sup, req)).toBe("role");
  });
  it("a project manager decides for the communities they run", () => {
    expect(
      stepDenial("project_manager", person({ roles: ["project_manager"], managedCommunityIds: [1] }), req),
    ).toBeNull();
    expect(stepDenial("project_manager", person({ roles: ["project_manager"], managedCommunityIds: [2] }), req)).toBe(
      "scope",
    );
  });
  it("finance decides finance steps company-wide; the admin any step", () => {
    expect(stepDenial("finance", person({ roles: ["finance"] }), req)).toBeNull();
    expect(stepDenial("supervisor", person({ roles: ["admin"] }), req)).toBeNull();
  });
});

describe("request schema", () => {
  const base = {
    type: "procurement",
    communityId: "1",
    categoryId: "3",
    title: "采购扫帚",
    description: "",
    submit: true,
  };

  it("sums procurement lines on the server and ignores the total sent", () => {
    const r = requestSchema.parse({
      ...base,
      total: "1.00",
      lines: [
        { item: "扫帚", quantity: "3", unitPrice: "25.50" },
        { item: "拖把", quantity: 2, unitPrice: "40" },
      ],
    });
    expect(r.amountFen).toBe(3 * 2550 + 2 * 4000);
    expect(linesTotal(r.lines)).toBe(r.amountFen);
  });
  it("refuses amounts ≤ 0 and bad prices with translated keys", () => {
    const bad = requestSchema.safeParse({ ...base, type: "expense", amount: "0" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([
      "amount",
      "approvals.errors.amount",
    ]);
    const neg = requestSchema.safeParse({ ...base, type: "expense", amount: "-5" });
    expect(neg.success).toBe(false);
    const line = requestSchema.safeParse({ ...base, lines: [{ item: "x", quantity: 1, unitPrice: "0" }] });
    expect(line.error!.issues[0]).toMatchObject({
      path: ["lines", 0, "unitPrice"],
      message: "approvals.errors.amount",
    });
    const none = requestSchema.safeParse({ ...base, lines: [] });
    expect(none.error!.issues[0]).toMatchObject({ path: ["lines"], message: "approvals.errors.linesRequired" });
  });
  it("requires leave dates in order", () => {
    const r = requestSchema.safeParse({
      ...base,
      type: "leave",
      categoryId: "",
      leaveType: "annual",
      leaveFrom: "2026-12-03",
      leaveTo: "2026-12-01",
    });
    expect(r.error!.issues[0]).toMatchObject({ path: ["leaveTo"], message: "approvals.errors.range" });
    const ok = requestSchema.parse({
      ...base,
      type: "leave",
      categoryId: "",
      leaveType: "annual",
      leaveFrom: "2026-12-01",
      leaveTo: "2026-12-03",
    });
    expect(ok).toMatchObject({ amountFen: null, categoryId: null, leaveFrom: "2026-12-01", leaveTo: "2026-12-03" });
  });
  it("a rejection or return needs a comment", () => {
    expect(decisionSchema.safeParse({ requestId: 1, position: 0, decision: "reject", comment: "" }).success).toBe(
      false,
    );
    expect(decisionSchema.safeParse({ requestId: 1, position: 0, decision: "approve", comment: "" }).success).toBe(
      true,
    );
  });
  it("ranges overlap inclusively", () => {
    expect(rangesOverlap({ from: "2026-12-01", to: "2026-12-03" }, { from: "2026-12-03", to: "2026-12-05" })).toBe(
      true,
    );
    expect(rangesOverlap({ from: "2026-12-01", to: "2026-12-02" }, { from: "2026-12-03", to: "2026-12-05" })).toBe(
      false,
    );
  });
});

describe("chain settings", () => {
  const open = { tiers: [{ max: "", roles: ["supervisor"] }], financeReview: false };
  const ok = {
    contract: open,
    procurement: open,
    general: open,
    leave: open,
    expense: {
      tiers: [
        { max: "1000", roles: ["supervisor"] },
        { max: "", roles: ["supervisor", "admin"] },
      ],
      financeReview: true,
    },
  };
  it("parses ascending limits in yuan into fen, the last open", () => {
    const c = chainConfigSchema.parse(ok);
    expect(c.expense.tiers).toEqual([
      { maxFen: 100000, roles: ["supervisor"] },
      { maxFen: null, roles: ["supervisor", "admin"] },
    ]);
  });
  it("refuses descending limits, a closed last tier and unknown roles", () => {
    const bad = chainConfigSchema.safeParse({
      ...ok,
      expense: {
        tiers: [
          { max: "1000", roles: ["supervisor"] },
          { max: "500", roles: ["admin"] },
          { max: "", roles: ["admin"] },
        ],
        financeReview: true,
      },
    });
    expect(bad.error!.issues[0].message).toBe("approvals.errors.tierOrder");
    expect(
      chainConfigSchema.safeParse({
        ...ok,
        leave: { tiers: [{ max: "10", roles: ["supervisor"] }], financeReview: false },
      }).error!.issues[0].message,
    ).toBe("approvals.errors.lastTierOpen");
    expect(
      chainConfigSchema.safeParse({ ...ok, leave: { tiers: [{ max: "", roles: ["butler"] }], financeReview: false } })
        .success,
    ).toBe(false);
  });
});

describe("approved leave in attendance", () => {
  const at = (iso: string) => new Date(iso);
  const base = { shift: DEFAULT_SHIFT, timeZone: "Asia/Shanghai", now: at("2026-11-30T04:00:00Z"), outAt: null };
  it("a workday on leave without a clock-in is leave, not absent; a clock-in still counts as present; weekends stay rest", () => {
    expect(evaluateDay({ ...base, date: "2026-11-24", inAt: null, onLeave: true }).status).toBe("leave");
    expect(evaluateDay({ ...base, date: "2026-11-24", inAt: null }).status).toBe("absent");
    expect(
      evaluateDay({
        ...base,
        date: "2026-11-24",
        inAt: at("2026-11-24T01:00:00Z"),
        outAt: at("2026-11-24T10:00:00Z"),
        onLeave: true,
      }).status,
    ).toBe("present");
    expect(evaluateDay({ ...base, date: "2026-11-28", inAt: null, onLeave: true }).status).toBe("rest");
    expect(evaluateDay({ ...base, date: "2026-12-02", inAt: null, onLeave: true }).status).toBe("leave");
    const days = ["2026-11-23", "2026-11-24"].map((date) => evaluateDay({ ...base, date, inAt: null, onLeave: true }));
    expect(totalsOf(days)).toMatchObject({ leave: 2, absent: 0 });
  });
});
