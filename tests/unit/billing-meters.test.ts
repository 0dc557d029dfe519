import { describe, expect, it } from "vitest";
import {
  areaLineFen,
  areaLineSql,
  centiToText,
  consumptionCenti,
  meteredLineFen,
  parseCenti,
} from "@/lib/billing/rules";
import { readingsSchema } from "@/lib/billing/schemas";

describe("metered utilities (rules)", () => {
  it("consumption is reading − previous, refused below the previous reading", () => {
    expect(consumptionCenti(123450, 120000)).toBe(3450);
    expect(consumptionCenti(5000, 5000)).toBe(0);
    expect(consumptionCenti(4999, 5000)).toBeNull();
    expect(() => consumptionCenti(-1, 0)).toThrow(RangeError);
    expect(() => consumptionCenti(1.5, 0)).toThrow(RangeError);
  });

  it("a line is consumption × price in fen, rounded with the company's rule", () => {
    // 34.50 m³ of water at 3.65 元/m³ = 125.925 元
    expect(meteredLineFen(365, 3450, "fen")).toBe(12593);
    expect(meteredLineFen(365, 3450, "jiao")).toBe(12590);
    expect(meteredLineFen(365, 3450, "yuan")).toBe(12500);
    // whole units: exact
    expect(meteredLineFen(58, 12000, "fen")).toBe(6960);
    expect(meteredLineFen(365, 0, "fen")).toBe(0);
    // half a fen rounds up
    expect(meteredLineFen(1, 50, "fen")).toBe(1);
    expect(meteredLineFen(1, 49, "fen")).toBe(0);
  });

  it("matches the per-area arithmetic the SQL bill run uses", () => {
    for (const [price, qty] of [
      [365, 3450],
      [58, 12001],
      [999, 1],
      [1, 150],
    ] as const) {
      expect(meteredLineFen(price, qty)).toBe(areaLineFen(price, qty));
    }
    expect(areaLineSql("p", "q", "fen")).toBe("((p * q + 50) / 100)");
  });

  it("parses readings with up to two decimals into hundredths", () => {
    expect(parseCenti("1234")).toBe(123400);
    expect(parseCenti("1234.5")).toBe(123450);
    expect(parseCenti(" 0.07 ")).toBe(7);
    expect(parseCenti("1.234")).toBeNull();
    expect(parseCenti("-1")).toBeNull();
    expect(parseCenti("abc")).toBeNull();
    expect(centiToText(123450)).toBe("1234.50");
  });
});

describe("readings schema", () => {
  it("keeps a row per unit; empty readings are null, bad ones are field errors", () => {
    const ok = readingsSchema.parse({
      feeItemId: "3",
      period: "2026-02",
      readings: [
        { unitId: "10", reading: "100.25" },
        { unitId: "11", reading: "" },
      ],
    });
    expect(ok).toEqual({
      feeItemId: 3,
      period: "2026-02",
      readings: [
        { unitId: 10, reading: 10025 },
        { unitId: 11, reading: null },
      ],
    });
    const bad = readingsSchema.safeParse({
      feeItemId: 3,
      period: "2026-02",
      readings: [
        { unitId: 1, reading: "1" },
        { unitId: 2, reading: "1.001" },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["readings", 1, "reading"], message: "billing.errors.reading" });
    expect(readingsSchema.safeParse({ feeItemId: 3, period: "2026-13", readings: [] }).success).toBe(false);
  });
});
