import { describe, expect, it } from "vitest";
import { billedDays, lineReason, monthBounds, proratedFen, proratedSql } from "@/lib/billing/proration";
import { areaLineFen } from "@/lib/billing/rules";

describe("proration by days (rules)", () => {
  it("knows the days of 28-, 29-, 30- and 31-day months", () => {
    expect(monthBounds("2026-02")).toEqual({ first: "2026-02-01", next: "2026-03-01", days: 28 });
    expect(monthBounds("2028-02").days).toBe(29);
    expect(monthBounds("2026-04").days).toBe(30);
    expect(monthBounds("2026-12")).toEqual({ first: "2026-12-01", next: "2027-01-01", days: 31 });
  });

  it("counts the days held in a month over half-open periods [from, to)", () => {
    expect(billedDays("2020-01-01", null, "2026-02")).toBe(28);
    expect(billedDays("2026-02-17", null, "2026-02")).toBe(12); // 17th–28th
    expect(billedDays("2028-02-17", null, "2028-02")).toBe(13); // leap year: 17th–29th
    expect(billedDays("2020-01-01", "2026-04-17", "2026-04")).toBe(16); // 1st–16th, the 17th is the buyer's
    expect(billedDays("2026-04-17", null, "2026-04")).toBe(14);
    expect(billedDays("2026-03-17", null, "2026-03") + billedDays("2020-01-01", "2026-03-17", "2026-03")).toBe(31);
    expect(billedDays("2026-05-10", null, "2026-04")).toBe(0); // before the handover
    expect(billedDays("2020-01-01", "2026-03-01", "2026-03")).toBe(0); // sold before the month
    expect(billedDays("2026-03-05", "2026-03-09", "2026-03")).toBe(4);
  });

  it("by billing day: the whole month to whoever holds the unit on the billing day, nothing to the other", () => {
    expect(billedDays("2020-01-01", "2026-03-17", "2026-03", "billing_day", 1)).toBe(31);
    expect(billedDays("2026-03-17", null, "2026-03", "billing_day", 1)).toBe(0);
    expect(billedDays("2026-03-01", null, "2026-03", "billing_day", 1)).toBe(31);
    expect(billedDays("2020-01-01", "2026-03-01", "2026-03", "billing_day", 1)).toBe(0);
  });

  it("prorates a line by days in each month length, rounding half up to the fen", () => {
    // 2.50 元/m² × 89.00 m² = 222.50 元 a month
    expect(proratedFen(250, 8900, 28, 28)).toBe(22250);
    expect(proratedFen(250, 8900, 14, 28)).toBe(11125);
    expect(proratedFen(250, 8900, 15, 29)).toBe(11509); // 11508.62
    expect(proratedFen(250, 8900, 14, 30)).toBe(10383); // 10383.33
    expect(proratedFen(250, 8900, 15, 31)).toBe(10766); // 10766.13
    expect(proratedFen(250, 8900, 16, 31)).toBe(11484); // 11483.87
    expect(proratedFen(1000, 100, 1, 31)).toBe(32); // 32.26
    expect(proratedFen(250, 8900, 0, 30)).toBe(0);
  });

  it("applies each rounding rule (抹零) to the prorated amount", () => {
    // 14 of 30 days of 222.50 元 = 103.8333 元
    expect(proratedFen(250, 8900, 14, 30, "fen")).toBe(10383);
    expect(proratedFen(250, 8900, 14, 30, "jiao")).toBe(10380);
    expect(proratedFen(250, 8900, 14, 30, "yuan")).toBe(10300);
  });

  it("a full month equals the plain area line for every rounding rule", () => {
    for (const rounding of ["fen", "jiao", "yuan"] as const) {
      for (const [price, area] of [
        [250, 8901],
        [199, 12345],
        [1, 1],
        [0, 5000],
      ] as const) {
        for (const days of [28, 29, 30, 31])
          expect(proratedFen(price, area, days, days, rounding)).toBe(areaLineFen(price, area, rounding));
      }
    }
  });

  it("refuses negative, fractional or out-of-month inputs", () => {
    expect(() => proratedFen(-1, 100, 1, 30)).toThrow(RangeError);
    expect(() => proratedFen(100, 1.5, 1, 30)).toThrow(RangeError);
    expect(() => proratedFen(100, 100, 31, 30)).toThrow(RangeError);
    expect(() => proratedFen(100, 100, 1, 27)).toThrow(RangeError);
  });

  it("the SQL form is the same integer arithmetic", () => {
    expect(proratedSql("p", "q", "d", 30, "fen")).toBe("(((p * q * d) + 1500) / 3000)");
    expect(proratedSql("p", "q", "d", 31, "yuan")).toBe("(((p * q * d) / 3100) / 100 * 100)");
  });

  it("reads a line's stored reason for display", () => {
    expect(lineReason("reason.prorated", '{"days":14,"monthDays":30}')).toEqual({
      key: "reason.prorated",
      params: { days: 14, monthDays: 30 },
    });
    expect(lineReason(null, null)).toBeNull();
    expect(lineReason("reason.prorated", "not json")).toBeNull();
  });
});

describe("vacancy rate (rules)", () => {
  it("applies the rate before rounding, with each rounding rule", () => {
    // 20 of 30 vacant days of 2.50 元/m² × 89.00 m² at 70 %: 222.50 × 20/30 × 0.7 = 103.8333 元
    expect(proratedFen(250, 8900, 20, 30, "fen", 7000)).toBe(10383);
    expect(proratedFen(250, 8900, 20, 30, "jiao", 7000)).toBe(10380);
    expect(proratedFen(250, 8900, 20, 30, "yuan", 7000)).toBe(10300);
    // a whole vacant month at 70 %: 155.75 元
    expect(proratedFen(250, 8900, 31, 31, "fen", 7000)).toBe(15575);
    expect(proratedFen(250, 8900, 31, 31, "yuan", 7000)).toBe(15500);
    expect(proratedFen(250, 8900, 31, 31, "fen", 10_000)).toBe(22250);
    expect(proratedFen(250, 8900, 31, 31, "fen", 0)).toBe(0);
  });

  it("the SQL form scales by the rate the same way", () => {
    expect(proratedSql("p", "q", "d", 30, "fen", 7000)).toBe("(((p * q * d * 7000) + 15000000) / 30000000)");
  });
});
