import { describe, expect, it } from "vitest";
import { bandOf } from "@/lib/crm/bands";
import { DEFAULT_CRM_RULES, type CrmRules } from "@/lib/crm/config";
import { foldScores } from "@/lib/crm/ledger/write";
import { clampIntoRange, complaintPointsInRange, defaultComplaintPoints } from "@/lib/crm/rules/complaints";
import { goldExpiresOn, isBadgeActive, shouldAwardGold } from "@/lib/crm/rules/gold";
import { earnsRecovery, previousMonth, recoveryDedupeKey, recoveryDue } from "@/lib/crm/rules/recovery";
import { repoint, replay, whatIfCounts } from "@/lib/crm/rules/whatif";
import { crmRulesSchema } from "@/lib/crm/rulesets/schemas";

const R = DEFAULT_CRM_RULES;
const clone = (): CrmRules => structuredClone(DEFAULT_CRM_RULES);

describe("§8.1 the ledger fold", () => {
  it("clamps at 0 and at 100 after each entry, in order", () => {
    expect(foldScores(100, [{ id: 1, points: 20 }]).map((f) => f.scoreAfter)).toEqual([100]);
    expect(
      foldScores(100, [
        { id: 1, points: -50 },
        { id: 2, points: -50 },
        { id: 3, points: -20 },
        { id: 4, points: 5 },
      ]).map((f) => f.scoreAfter),
    ).toEqual([50, 0, 0, 5]);
    expect(
      foldScores(90, [
        { id: 1, points: 20 },
        { id: 2, points: -1 },
      ]).map((f) => f.scoreAfter),
    ).toEqual([100, 99]);
    expect(replay(100, [-120, 30])).toBe(30);
  });
  it("bands by floors", () => {
    expect([100, 95, 94, 80, 79, 70, 69, 50, 49, 0].map((s) => bandOf(s))).toEqual([
      "excellent",
      "excellent",
      "good",
      "good",
      "fair",
      "fair",
      "poor",
      "poor",
      "critical",
      "critical",
    ]);
  });
});

describe("§8.2 complaint points under the company's rules", () => {
  it.each([
    ["invalid", -1, true],
    ["invalid", -2, false],
    ["general", -2, true],
    ["general", -5, true],
    ["general", -6, false],
    ["medium", -6, true],
    ["medium", -10, true],
    ["medium", -5, false],
    ["major", -11, true],
    ["major", -50, true],
    ["major", -51, false],
    ["general", -2.5, false],
  ] as const)("%s %d → %s", (c, p, ok) => {
    expect(complaintPointsInRange(R, c, p)).toBe(ok);
  });
  it("defaults are the smallest deduction and follow a published change", () => {
    expect(
      (["invalid", "general", "medium", "major"] as const).map((c) => defaultComplaintPoints(R.complaints, c)),
    ).toEqual([-1, -2, -6, -11]);
    const r = clone();
    r.complaints.general = { ...r.complaints.general, max: -3, min: -4 };
    expect(defaultComplaintPoints(r.complaints, "general")).toBe(-3);
    expect(complaintPointsInRange(r, "general", -2)).toBe(false);
    expect(clampIntoRange(-2, r.complaints.general)).toBe(-3);
    expect(clampIntoRange(-9, r.complaints.general)).toBe(-4);
  });
});

describe("§8.4 the gold badge", () => {
  it("awards at 12 months ahead, not at 11", () => {
    expect(shouldAwardGold(R, 11, false)).toBe(false);
    expect(shouldAwardGold(R, 12, false)).toBe(true);
    expect(shouldAwardGold(R, 30, false)).toBe(true);
  });
  it("never while a badge is active; again after expiry", () => {
    const b = { awardedOn: "2026-03-15", expiresOn: goldExpiresOn(R, "2026-03-15") };
    expect(b.expiresOn).toBe("2027-03-15");
    expect(shouldAwardGold(R, 24, isBadgeActive(b, "2027-03-14"))).toBe(false);
    expect(shouldAwardGold(R, 24, isBadgeActive(b, "2027-03-15"))).toBe(true);
    expect(isBadgeActive(b, "2026-03-14")).toBe(false);
  });
});

describe("§8.1 recovery rule", () => {
  it("is off by default and runs only on the 1st", () => {
    expect(recoveryDue(R, "2026-03-01")).toBe(false);
    const r = clone();
    r.recovery = { enabled: true, pointsPerMonth: 2 };
    expect(recoveryDue(r, "2026-03-01")).toBe(true);
    expect(recoveryDue(r, "2026-03-02")).toBe(false);
  });
  it("the previous calendar month, and no negative entry in it", () => {
    expect(previousMonth("2026-03-01")).toEqual({ month: "2026-02", from: "2026-02-01", to: "2026-02-28" });
    expect(previousMonth("2026-01-01")).toEqual({ month: "2025-12", from: "2025-12-01", to: "2025-12-31" });
    expect(earnsRecovery([])).toBe(true);
    expect(earnsRecovery([20, 1])).toBe(true);
    expect(earnsRecovery([20, -1])).toBe(false);
    expect(recoveryDedupeKey(7, "2026-02")).toBe("recovery:7:2026-02");
  });
});

describe("what-if preview", () => {
  const h = (...entries: [string, string | null, number][]) =>
    entries.map(([rule, step, points]) => ({ rule, step, points }));
  it("re-points rule entries under the draft and counts bands", () => {
    const draft = clone();
    draft.arrears.steps = draft.arrears.steps.map((s) => (s.key === "m6" ? { ...s, points: -30 } : s));
    draft.gold.points = 0;
    draft.complaints.major = { ...draft.complaints.major, max: -11, min: -20 };
    expect(repoint({ rule: "arrears", step: "m6", points: -5 }, draft)).toBe(-30);
    expect(repoint({ rule: "gold_badge", step: "award", points: 20 }, draft)).toBe(0);
    expect(repoint({ rule: "complaint", step: "major", points: -40 }, draft)).toBe(-20);
    expect(repoint({ rule: "correction", step: null, points: 7 }, draft)).toBe(7);
    const households = [
      h(), // 100 → 100
      h(["arrears", "m6", -5]), // 95 excellent → 70 fair
      h(["complaint", "major", -40]), // 60 poor → 80 good
      h(["gold_badge", "award", 20], ["arrears", "m6", -5], ["complaint", "general", -3]), // 92 good → 67 poor
      h(["correction", null, -60]), // 40 critical both
    ];
    const r = whatIfCounts(households, R, draft);
    expect(r.total).toBe(5);
    expect(r.current).toEqual({ excellent: 2, good: 1, fair: 0, poor: 1, critical: 1 });
    expect(r.draft).toEqual({ excellent: 1, good: 1, fair: 1, poor: 1, critical: 1 });
    expect(r.moved).toBe(3);
  });
  it("uses the draft's initial score and band floors", () => {
    const draft = clone();
    draft.initialScore = 90;
    draft.bandFloors = { excellent: 90, good: 80, fair: 70, poor: 50 };
    const r = whatIfCounts([h(), h(["complaint", "general", -2])], R, draft);
    expect(r.current.excellent).toBe(2);
    expect(r.draft).toMatchObject({ excellent: 1, good: 1 });
  });
});

describe("rules schema", () => {
  const issues = (r: unknown) => {
    const p = crmRulesSchema.safeParse(r);
    return p.success ? [] : p.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };
  it("accepts the defaults", () => expect(issues(R)).toEqual([]));
  it("refuses floors not strictly decreasing or out of 1..100", () => {
    const r = clone();
    r.bandFloors.good = 95;
    expect(issues(r)).toContain("bandFloors.good:crm.rules.errors.floorsDecreasing");
    const r2 = clone();
    r2.bandFloors.poor = 0;
    expect(issues(r2)).toContain("bandFloors.poor:crm.rules.errors.range");
    const r3 = clone();
    r3.bandFloors.excellent = 101;
    expect(issues(r3)).toContain("bandFloors.excellent:crm.rules.errors.range");
  });
  it("refuses overlapping or out-of-order complaint ranges, min above max, positive points", () => {
    const r = clone();
    r.complaints.medium = { ...r.complaints.medium, max: -5 };
    expect(issues(r)).toContain("complaints.medium.max:crm.rules.errors.rangesOverlap");
    const r2 = clone();
    r2.complaints.general = { ...r2.complaints.general, max: -5, min: -2 };
    expect(issues(r2)).toContain("complaints.general.min:crm.rules.errors.minAboveMax");
    const r3 = clone();
    r3.complaints.invalid = { ...r3.complaints.invalid, max: 0, min: 0 };
    expect(issues(r3)).toContain("complaints.invalid.max:crm.rules.errors.range");
  });
  it("refuses arrears months not increasing and positive points", () => {
    const r = clone();
    r.arrears.steps[2] = { ...r.arrears.steps[2], months: 4 };
    expect(issues(r)).toContain("arrears.steps.2.months:crm.rules.errors.monthsIncreasing");
    const r2 = clone();
    r2.arrears.steps[0] = { ...r2.arrears.steps[0], points: 1 };
    expect(issues(r2)).toContain("arrears.steps.0.points:crm.rules.errors.range");
  });
  it("refuses negative gold points, a discount over 100, decreasing coverage, fractions", () => {
    const r = clone();
    r.gold = { ...r.gold, points: -1, vipDiscountPercent: 101 };
    r.initialScore = 99.5;
    const got = issues(r);
    expect(got).toContain("gold.points:crm.rules.errors.range");
    expect(got).toContain("gold.vipDiscountPercent:crm.rules.errors.range");
    expect(got).toContain("initialScore:crm.rules.errors.integer");
    const r1 = clone();
    r1.visits.coveragePercent = [30, 20, 90];
    expect(issues(r1)).toContain("visits.coveragePercent:crm.rules.errors.coverageIncreasing");
    const r2 = clone();
    r2.visits.coveragePercent = [30, 60, 101];
    expect(issues(r2)).toContain("visits.coveragePercent.2:crm.rules.errors.range");
  });
});
