import { describe, expect, it } from "vitest";
import { median, readingPlausibility } from "@/lib/billing/meter-plausibility";

describe("meter reading plausibility", () => {
  const usual = [1000, 1200, 900, 1100, 1000, 1050]; // median 1025 (hundredths of m³ per month)

  it("takes the median of the recent months", () => {
    expect(median(usual)).toBe(1025);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it("accepts consumption between 0.3× and 3× the median, edges included", () => {
    expect(readingPlausibility(50_000 + 1025, 50_000, usual)).toBe("ok");
    expect(readingPlausibility(50_000 + 3075, 50_000, usual)).toBe("ok");
    expect(readingPlausibility(50_000 + 308, 50_000, usual)).toBe("ok");
  });

  it("flags more than 3× as high and less than 0.3× as low", () => {
    expect(readingPlausibility(50_000 + 3076, 50_000, usual)).toBe("high");
    expect(readingPlausibility(50_000 + 307, 50_000, usual)).toBe("low");
    expect(readingPlausibility(50_000, 50_000, usual)).toBe("low");
  });

  it("a reading below the previous one is always implausible", () => {
    expect(readingPlausibility(49_999, 50_000, usual)).toBe("below_previous");
    expect(readingPlausibility(49_999, 50_000, [])).toBe("below_previous");
  });

  it("without a previous reading or history only the order rule applies; a unit that used nothing is high when it uses", () => {
    expect(readingPlausibility(10, null, usual)).toBe("ok");
    expect(readingPlausibility(99_999, 50_000, [])).toBe("ok");
    expect(readingPlausibility(50_001, 50_000, [0, 0, 0])).toBe("high");
    expect(readingPlausibility(50_000, 50_000, [0, 0, 0])).toBe("ok");
  });

  it("only the six most recent months count", () => {
    // Newest first: six months around 1000, then a year of 10 000 that must not lift the median.
    const history = [...usual, ...Array(12).fill(10_000)];
    expect(readingPlausibility(50_000 + 5000, 50_000, history)).toBe("high");
  });
});
