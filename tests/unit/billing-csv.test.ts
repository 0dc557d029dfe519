import { describe, expect, it } from "vitest";
import { fenToYuanText } from "@/lib/billing/rules";

describe("fenToYuanText", () => {
  it("writes fen as yuan with two decimals", () => {
    expect(fenToYuanText(123456)).toBe("1234.56");
    expect(fenToYuanText(5)).toBe("0.05");
    expect(fenToYuanText(-1050)).toBe("-10.50");
  });
});
