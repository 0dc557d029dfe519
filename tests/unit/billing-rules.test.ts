import { describe, expect, it } from "vitest";
import {
  agingBucket,
  allocate,
  areaLineFen,
  billStatus,
  collectionRateBp,
  consumeCredit,
  dueDateOf,
  monthsInArrears,
  paidAheadMonths,
  parseYuan,
  receiptNumber,
  roundFen,
  type BillState,
} from "@/lib/billing/rules";

describe("areaLineFen", () => {
  it("multiplies 元/m²/month by the area in 0.01 m² and rounds half up to the fen", () => {
    expect(areaLineFen(250, 8935)).toBe(22338); // 2.50 × 89.35 = 223.375 → 223.38
    expect(areaLineFen(185, 10000)).toBe(18500);
    expect(areaLineFen(199, 8901)).toBe(17713); // 177.1299 → 177.13
    expect(areaLineFen(0, 8935)).toBe(0);
    expect(areaLineFen(250, 0)).toBe(0);
  });
  it("抹零 to the jiao or the yuan drops the rest", () => {
    expect(areaLineFen(250, 8935, "jiao")).toBe(22330);
    expect(areaLineFen(250, 8935, "yuan")).toBe(22300);
    expect(roundFen(199, "yuan")).toBe(100);
    expect(roundFen(199, "fen")).toBe(199);
  });
  it("refuses negative or fractional inputs", () => {
    expect(() => areaLineFen(-1, 100)).toThrow(RangeError);
    expect(() => areaLineFen(1.5, 100)).toThrow(RangeError);
    expect(() => areaLineFen(1, -100)).toThrow(RangeError);
  });
});

describe("parseYuan", () => {
  it("accepts up to two decimals", () => {
    expect(parseYuan("12")).toBe(1200);
    expect(parseYuan("12.5")).toBe(1250);
    expect(parseYuan("0.07")).toBe(7);
  });
  it("refuses three decimals, signs and words", () => {
    for (const bad of ["12.345", "-1", "abc", "", "1e3", "1,000"]) expect(parseYuan(bad)).toBeNull();
  });
});

describe("allocate", () => {
  const open = [
    { id: 3, period: "2026-03", outstandingFen: 300 },
    { id: 1, period: "2026-01", outstandingFen: 100 },
    { id: 2, period: "2026-02", outstandingFen: 200 },
  ];
  it("pays the oldest bill first and keeps the rest as credit", () => {
    expect(allocate(450, open)).toEqual({
      allocations: [
        { billId: 1, amountFen: 100 },
        { billId: 2, amountFen: 200 },
        { billId: 3, amountFen: 150 },
      ],
      creditFen: 0,
    });
    expect(allocate(1000, open).creditFen).toBe(400);
  });
  it("a partial payment leaves the oldest bill partly paid", () => {
    expect(allocate(50, open)).toEqual({ allocations: [{ billId: 1, amountFen: 50 }], creditFen: 0 });
  });
  it("pays chosen bills first, then oldest first", () => {
    expect(allocate(350, open, [3]).allocations).toEqual([
      { billId: 3, amountFen: 300 },
      { billId: 1, amountFen: 50 },
    ]);
  });
  it("with no open bills everything is credit; zero allocates nothing", () => {
    expect(allocate(500, [])).toEqual({ allocations: [], creditFen: 500 });
    expect(allocate(0, open)).toEqual({ allocations: [], creditFen: 0 });
    expect(() => allocate(-1, open)).toThrow(RangeError);
  });
});

describe("credit", () => {
  it("consumes as much credit as the bill needs", () => {
    expect(consumeCredit(1000, 300)).toBe(300);
    expect(consumeCredit(100, 300)).toBe(100);
    expect(consumeCredit(0, 300)).toBe(0);
    expect(consumeCredit(-5, 300)).toBe(0);
  });
  it("counts fully paid-ahead months only with nothing outstanding", () => {
    expect(paidAheadMonths(12_000, 1_000, 0)).toBe(12);
    expect(paidAheadMonths(11_999, 1_000, 0)).toBe(11);
    expect(paidAheadMonths(12_000, 1_000, 1)).toBe(0);
    expect(paidAheadMonths(12_000, 0, 0)).toBe(0);
  });
});

describe("monthsInArrears", () => {
  const bill = (
    dueDate: string,
    paid: { amountFen: number; on: string }[] = [],
    extra: Partial<BillState> = {},
  ): BillState => ({
    dueDate,
    amountFen: 1000,
    voided: false,
    allocations: paid,
    ...extra,
  });
  it("counts bills past due and not fully paid", () => {
    expect(monthsInArrears([bill("2026-01-15"), bill("2026-02-15"), bill("2026-03-15")], "2026-03-10")).toBe(2);
  });
  it("a bill is not overdue on its due date, only the day after", () => {
    expect(monthsInArrears([bill("2026-03-15")], "2026-03-15")).toBe(0);
    expect(monthsInArrears([bill("2026-03-15")], "2026-03-16")).toBe(1);
  });
  it("paid on the due date is not overdue; paid late counts until paid", () => {
    const onTime = bill("2026-03-15", [{ amountFen: 1000, on: "2026-03-15" }]);
    expect(monthsInArrears([onTime], "2026-03-16")).toBe(0);
    const late = bill("2026-03-15", [{ amountFen: 1000, on: "2026-04-02" }]);
    expect(monthsInArrears([late], "2026-04-01")).toBe(1);
    expect(monthsInArrears([late], "2026-04-02")).toBe(0);
  });
  it("a partial payment still counts; voided bills never count", () => {
    expect(monthsInArrears([bill("2026-01-15", [{ amountFen: 999, on: "2026-01-10" }])], "2026-02-01")).toBe(1);
    expect(monthsInArrears([bill("2026-01-15", [], { voided: true })], "2026-02-01")).toBe(0);
  });
  it("a bill reduced to nothing by an adjustment does not count", () => {
    expect(monthsInArrears([bill("2026-01-15", [], { amountFen: 0 })], "2026-02-01")).toBe(0);
  });
});

describe("aging, status, rates, dates", () => {
  it("buckets months in arrears", () => {
    expect([0, 1, 2, 3, 5, 6, 11, 12, 30].map(agingBucket)).toEqual([
      null,
      "1-2",
      "1-2",
      "3-5",
      "3-5",
      "6-11",
      "6-11",
      "12+",
      "12+",
    ]);
  });
  it("derives the status", () => {
    expect(billStatus({ amountFen: 100, allocatedFen: 0, voided: false })).toBe("unpaid");
    expect(billStatus({ amountFen: 100, allocatedFen: 40, voided: false })).toBe("partial");
    expect(billStatus({ amountFen: 100, allocatedFen: 100, voided: false })).toBe("paid");
    expect(billStatus({ amountFen: 100, allocatedFen: 100, voided: true })).toBe("voided");
  });
  it("collection rate in basis points", () => {
    expect(collectionRateBp(9_512, 10_000)).toBe(9512);
    expect(collectionRateBp(1, 3)).toBe(3333);
    expect(collectionRateBp(5, 0)).toBeNull();
  });
  it("due dates, months and receipt numbers", () => {
    expect(dueDateOf("2026-02", 30)).toBe("2026-02-28");
    expect(dueDateOf("2026-03", 15)).toBe("2026-03-15");
    expect(receiptNumber(2026, 42)).toBe("2026-000042");
  });
});
