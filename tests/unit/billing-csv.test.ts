import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/billing/csv";
import { fenToYuanText } from "@/lib/billing/rules";

describe("toCsv", () => {
  it("quotes commas, quotes and newlines, starts with a BOM, ends rows with CRLF", () => {
    expect(toCsv([["a", 'b"c', "d,e"], [1, null, "x\ny"]])).toBe('\uFEFFa,"b""c","d,e"\r\n1,,"x\ny"\r\n');
  });
  it("defuses text that a spreadsheet would run as a formula, but not numbers", () => {
    expect(toCsv([["=SUM(A1)", -5, "-5"]])).toBe("\uFEFF'=SUM(A1),-5,'-5\r\n");
  });
});

describe("fenToYuanText", () => {
  it("writes fen as yuan with two decimals", () => {
    expect(fenToYuanText(123456)).toBe("1234.56");
    expect(fenToYuanText(5)).toBe("0.05");
    expect(fenToYuanText(-1050)).toBe("-10.50");
  });
});
