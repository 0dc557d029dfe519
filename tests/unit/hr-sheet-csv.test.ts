import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv";
import { sheetCsvRows } from "@/lib/hr/sheet-csv";

describe("attendance sheet CSV", () => {
  it("has a header, one line per person and a total line", () => {
    const totals = {
      present: 3,
      late: 1,
      lateMinutes: 10,
      early: 0,
      earlyMinutes: 0,
      absent: 2,
      incomplete: 1,
      leave: 0,
    };
    const rows = sheetCsvRows(
      [
        {
          userId: 1,
          employeeNo: "E0001",
          name: "李娜",
          shift: { startMinute: 540, endMinute: 1080 },
          days: [],
          totals,
        },
      ],
      totals,
      (k) => `[${k}]`,
    );
    expect(rows).toEqual([
      [
        "[employeeNo]",
        "[name]",
        "[shift]",
        "[present]",
        "[late]",
        "[lateMinutes]",
        "[early]",
        "[earlyMinutes]",
        "[absent]",
        "[incomplete]",
        "[leave]",
      ],
      ["E0001", "李娜", "09:00-18:00", 3, 1, 10, 0, 0, 2, 1, 0],
      ["[total]", "", "", 3, 1, 10, 0, 0, 2, 1, 0],
    ]);
    expect(toCsv(rows).split("\n")[1]).toContain("E0001,李娜,09:00-18:00,3,1,10");
  });
});
