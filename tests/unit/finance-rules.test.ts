import { describe, expect, it } from "vitest";
import { splitProportionally, varianceOf, ytdMonths } from "@/lib/finance/rules";
import { journalSchema } from "@/lib/finance/schemas";

describe("finance rules", () => {
  it("splits an amount over lines exactly", () => {
    expect(splitProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitProportionally(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(splitProportionally(12345, [20000, 5000])).toEqual([9876, 2469]);
    expect(splitProportionally(50, [0, 0])).toEqual([50, 0]);
    for (const [amt, w] of [
      [99999, [3, 7, 11]],
      [1, [5, 5]],
      [7, [1, 2, 3, 4]],
    ] as const)
      expect(splitProportionally(amt, w).reduce((a, b) => a + b, 0)).toBe(amt);
  });
  it("computes variance and variance %", () => {
    expect(varianceOf(10000, 12500)).toEqual({ budget: 10000, actual: 12500, variance: 2500, variancePct: 25 });
    expect(varianceOf(0, 300).variancePct).toBeNull();
    expect(varianceOf(30000, 10000).variancePct).toBe(-66.7);
  });
  it("year to date runs to the current month of the current year", () => {
    expect(ytdMonths(2026, "2026-11-27")).toBe(11);
    expect(ytdMonths(2025, "2026-11-27")).toBe(12);
    expect(ytdMonths(2027, "2026-11-27")).toBe(0);
  });
  it("journal amounts are signed yuan, never zero; a reason is required", () => {
    expect(
      journalSchema.parse({
        communityId: "",
        categoryId: "2",
        amount: "-10.50",
        occurredOn: "2026-11-01",
        reason: "冲正",
      }),
    ).toMatchObject({ amountFen: -1050, communityId: null });
    expect(
      journalSchema.safeParse({
        communityId: "",
        categoryId: "2",
        amount: "0",
        occurredOn: "2026-11-01",
        reason: "冲正",
      }).success,
    ).toBe(false);
    expect(
      journalSchema.safeParse({ communityId: "", categoryId: "2", amount: "5", occurredOn: "2026-11-01", reason: "" })
        .success,
    ).toBe(false);
  });
});

describe("report scope", () => {
  it("finance and admin see the company; a project manager only the communities they run", async () => {
    const { reportScopeFor } = await import("@/lib/finance/access");
    expect(reportScopeFor(["finance"], [])).toBe("all");
    expect(reportScopeFor(["admin", "project_manager"], [3])).toBe("all");
    expect(reportScopeFor(["project_manager"], [3, 4])).toEqual([3, 4]);
    expect(reportScopeFor(["project_manager"], [])).toEqual([]);
  });
});
