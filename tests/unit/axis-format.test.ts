import { describe, expect, it } from "vitest";
import { formatMoneyAxis, formatPercentAxis } from "@/lib/i18n/axis";

describe("formatMoneyAxis", () => {
  it("Chinese counts in 万 and 亿", () => {
    expect(formatMoneyAxis(340000, "zh-CN")).toBe("¥ 34 万");
    expect(formatMoneyAxis(15000, "zh-CN")).toBe("¥ 1.5 万");
    expect(formatMoneyAxis(120000000, "zh-CN")).toBe("¥ 1.2 亿");
    expect(formatMoneyAxis(9800, "zh-CN")).toBe("¥ 9,800");
    expect(formatMoneyAxis(0, "zh-CN")).toBe("¥ 0");
    expect(formatMoneyAxis(-250000, "zh-CN")).toBe("-¥ 25 万");
  });

  it("English counts in k, M and B", () => {
    expect(formatMoneyAxis(340000, "en")).toBe("¥340k");
    expect(formatMoneyAxis(1500, "en")).toBe("¥1.5k");
    expect(formatMoneyAxis(1_234_567, "en")).toBe("¥1.2M");
    expect(formatMoneyAxis(2_500_000_000, "en")).toBe("¥2.5B");
    expect(formatMoneyAxis(950, "en")).toBe("¥950");
    expect(formatMoneyAxis(-340000, "en")).toBe("-¥340k");
  });

  it("never writes the raw amount for large numbers", () => {
    for (const locale of ["zh-CN", "en"] as const) expect(formatMoneyAxis(340000, locale)).not.toContain("340000");
  });
});

describe("formatPercentAxis", () => {
  it("rounds a share to a whole percent", () => {
    expect(formatPercentAxis(0)).toBe("0%");
    expect(formatPercentAxis(0.123)).toBe("12%");
    expect(formatPercentAxis(1)).toBe("100%");
  });
});
