import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv";
import { coverageCsv } from "@/lib/crm/visits/coverage";

const labels = {
  butler: "Butler",
  community: "Community",
  households: "Households",
  sampled: "Sampled",
  visited: "Visited",
  coverage: "Coverage %",
};
const row = (name: string) => ({ id: 1, name, households: 3, sampled: 2, visited: 1, coverage: 33.3 });

describe("toCsv (the one writer for every export)", () => {
  it("quotes commas, quotes and newlines, starts with a BOM, separates rows with CRLF", () => {
    expect(
      toCsv([
        ["a", 'b"c', "d,e"],
        [1, null, "x\ny", undefined],
      ]),
    ).toBe('\uFEFFa,"b""c","d,e"\r\n1,,"x\ny",');
  });
  it("defuses text a spreadsheet would run as a formula, leaves negative numbers alone", () => {
    expect(toCsv([['=HYPERLINK("http://evil.example","x")', "+1", "@SUM(A1)", "-cmd", "\tx", -5, "-5", "-2.5"]])).toBe(
      '\uFEFF"\'=HYPERLINK(""http://evil.example"",""x"")","\'+1","\'@SUM(A1)","\'-cmd","\'\tx",-5,-5,-2.5',
    );
  });
});

describe("coverageCsv (visit coverage export)", () => {
  it("writes a community named =HYPERLINK(…) as text, not a live formula", () => {
    const csv = coverageCsv(
      { byButler: [row("李娜")], byCommunity: [row('=HYPERLINK("http://evil.example/p","点我")')] } as never,
      labels,
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/p"",""点我"")",3,2,1,33.3`);
    expect(csv).not.toMatch(/(^|\n|,)=HYPERLINK/);
  });
});
