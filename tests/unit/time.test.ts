import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addMonthsToDate,
  daysInMonth,
  daysOfMonth,
  isCalendarDate,
  isMonth,
  lastDayOf,
  nextDay,
  weekStart,
} from "@/lib/time/calendar";
import { isQuarter, monthIndexInQuarter, previousQuarter, quarterBounds, quarterOf } from "@/lib/time/quarters";
import {
  dateToZonedLocal,
  dayBounds,
  instantOf,
  localDate,
  localParts,
  replayCutoff,
  zonedLocalToDate,
} from "@/lib/time/zone";

const TZ = "Asia/Shanghai";
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("calendar dates", () => {
  it.each(["2026-01-01", "2024-02-29", "2026-12-31", "2000-02-29"])("accepts %s", (d) =>
    expect(isCalendarDate(d)).toBe(true),
  );
  it.each([
    "2026-02-29",
    "1900-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-1-1",
    "",
    "20260101",
    "2026-01-01T00:00",
  ])("refuses %s", (d) => expect(isCalendarDate(d)).toBe(false));
  it("adds days across months and years", () => {
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-01", -365)).toBe("2025-03-01");
  });
  it("weeks start on Monday", () => {
    expect(weekStart("2026-03-04")).toBe("2026-03-02");
    expect(weekStart("2026-03-02")).toBe("2026-03-02");
    expect(weekStart("2026-03-01")).toBe("2026-02-23");
  });
});

describe("months", () => {
  it("knows a month's days", () => {
    expect(daysOfMonth("2026-02")).toHaveLength(28);
    expect(daysOfMonth("2024-02").at(-1)).toBe("2024-02-29");
    expect(daysInMonth("2026-04")).toBe(30);
    expect(lastDayOf("2026-12")).toBe("2026-12-31");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
  });
  it("validates and adds months", () => {
    expect(isMonth("2026-11")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-00")).toBe(false);
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 13)).toBe("2027-01");
    expect(addMonths("2026-05", -29)).toBe("2023-12");
  });
  it("adds months to a date, clamping the day", () => {
    expect(addMonthsToDate("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToDate("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonthsToDate("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonthsToDate("2026-03-15", -3)).toBe("2025-12-15");
  });
});

describe("quarters", () => {
  it("knows quarters and the month's place in them", () => {
    expect(quarterOf("2026-11-01")).toBe("2026Q4");
    expect(quarterOf("2026-01")).toBe("2026Q1");
    expect([
      monthIndexInQuarter("2026-10-01"),
      monthIndexInQuarter("2026-11-15"),
      monthIndexInQuarter("2026-12-31"),
    ]).toEqual([1, 2, 3]);
    expect(quarterBounds("2026Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(quarterBounds("2028Q1").to).toBe("2028-03-31");
    expect(quarterBounds("2026Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(() => quarterBounds("2026Q5")).toThrow();
    expect(previousQuarter("2026Q1")).toBe("2025Q4");
    expect(previousQuarter(quarterOf("2026-11-27"))).toBe("2026Q3");
    expect(isQuarter("2026Q4")).toBe(true);
    expect(isQuarter("2026Q0")).toBe(false);
  });
});

describe("local time in a zone", () => {
  it("gives the Shanghai date across the UTC midnight", () => {
    expect(localParts(new Date("2026-11-26T16:30:00Z"), TZ)).toEqual({ date: "2026-11-27", minute: 30 });
    expect(localParts(new Date("2026-11-26T15:59:00Z"), TZ)).toEqual({ date: "2026-11-26", minute: 23 * 60 + 59 });
    expect(localParts(new Date("2026-12-31T16:00:00Z"), TZ)).toEqual({ date: "2027-01-01", minute: 0 });
    expect(localDate(new Date("2026-03-14T17:00:00Z"), TZ)).toBe("2026-03-15");
    expect(localDate(new Date("2026-03-14T15:59:59Z"), TZ)).toBe("2026-03-14");
  });
  it("follows other zones, DST included", () => {
    expect(localParts(new Date("2026-07-01T07:00:00Z"), "Europe/Berlin")).toEqual({ date: "2026-07-01", minute: 540 });
    expect(localParts(new Date("2026-01-01T08:00:00Z"), "Europe/Berlin")).toEqual({ date: "2026-01-01", minute: 540 });
  });
  it("turns a local date and minute back into the instant", () => {
    expect(iso(instantOf("2026-11-27", 9 * 60, TZ))).toBe("2026-11-27T01:00:00.000Z");
    expect(iso(instantOf("2026-11-27", 30, TZ))).toBe("2026-11-26T16:30:00.000Z");
    expect(iso(instantOf("2026-07-01", 9 * 60, "Europe/Berlin"))).toBe("2026-07-01T07:00:00.000Z");
    expect(iso(instantOf("2026-01-01", 9 * 60, "Europe/Berlin"))).toBe("2026-01-01T08:00:00.000Z");
  });
});

describe("datetime-local inputs", () => {
  it("converts company-local date-times both ways", () => {
    expect(zonedLocalToDate("2026-11-28T14:00", TZ).toISOString()).toBe("2026-11-28T06:00:00.000Z");
    expect(zonedLocalToDate("2026-07-01T09:30", "Europe/Berlin").toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(zonedLocalToDate("2026-10-25T02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(dateToZonedLocal(new Date("2026-11-28T06:00:00Z"), TZ)).toBe("2026-11-28T14:00");
    expect(dateToZonedLocal(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe("2026-03-29T03:00");
    expect(() => zonedLocalToDate("2026-11-28", TZ)).toThrow();
  });
});

describe("DST-safe conversion (Berlin: 2026-03-29 02:00→03:00, 2026-10-25 03:00→02:00)", () => {
  const B = "Europe/Berlin";
  it("lands right just before and after the spring change", () => {
    expect(iso(instantOf("2026-03-29", 60 + 59, B))).toBe("2026-03-29T00:59:00.000Z"); // 01:59 CET
    expect(iso(instantOf("2026-03-29", 3 * 60, B))).toBe("2026-03-29T01:00:00.000Z"); // 03:00 CEST
    expect(iso(instantOf("2026-03-29", 12 * 60, B))).toBe("2026-03-29T10:00:00.000Z");
    expect(iso(instantOf("2026-03-28", 23 * 60 + 30, B))).toBe("2026-03-28T22:30:00.000Z");
  });
  it("moves a wall time inside the spring gap forward past the gap", () => {
    // 02:30 does not exist that night; read with the offset before the change: 03:30 CEST.
    expect(iso(instantOf("2026-03-29", 2 * 60 + 30, B))).toBe("2026-03-29T01:30:00.000Z");
  });
  it("gives the first of a repeated autumn hour, and lands right around it", () => {
    expect(iso(instantOf("2026-10-25", 2 * 60 + 30, B))).toBe("2026-10-25T00:30:00.000Z"); // 02:30 CEST
    expect(iso(instantOf("2026-10-25", 60 + 59, B))).toBe("2026-10-24T23:59:00.000Z");
    expect(iso(instantOf("2026-10-25", 3 * 60, B))).toBe("2026-10-25T02:00:00.000Z"); // 03:00 CET
    expect(iso(instantOf("2026-10-25", 12 * 60, B))).toBe("2026-10-25T11:00:00.000Z");
  });
  it("round-trips every quarter hour of both change days", () => {
    for (const date of ["2026-03-29", "2026-10-25"]) {
      for (let minute = 0; minute < 24 * 60; minute += 15) {
        if (date === "2026-03-29" && minute >= 120 && minute < 180) continue; // the gap
        expect(localParts(instantOf(date, minute, B), B)).toEqual({ date, minute });
      }
    }
  });
  it("knows the southern hemisphere and America (New York 2026-03-08 02:00→03:00)", () => {
    expect(iso(instantOf("2026-03-08", 3 * 60, "America/New_York"))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(instantOf("2026-03-08", 60 + 30, "America/New_York"))).toBe("2026-03-08T06:30:00.000Z");
    expect(iso(instantOf("2026-04-05", 2 * 60 + 30, "Australia/Sydney"))).toBe("2026-04-04T15:30:00.000Z"); // AEDT
  });
});

describe("day bounds and the replay cut-off", () => {
  it("a Shanghai day is 24 hours from local midnight", () => {
    const { start, end } = dayBounds("2026-03-15", TZ);
    expect(iso(start)).toBe("2026-03-14T16:00:00.000Z");
    expect(iso(end)).toBe("2026-03-15T16:00:00.000Z");
  });
  it("a DST change day is 23 or 25 hours long", () => {
    const spring = dayBounds("2026-03-29", "Europe/Berlin");
    const autumn = dayBounds("2026-10-25", "Europe/Berlin");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });
  it("cuts a past day off at its local end; today and later have none", () => {
    const now = new Date("2026-03-15T04:00:00Z"); // 12:00 in Shanghai
    expect(iso(replayCutoff("2026-03-10", TZ, now))).toBe("2026-03-10T16:00:00.000Z");
    expect(replayCutoff("2026-03-15", TZ, now)).toBeNull();
    expect(replayCutoff("2026-03-16", TZ, now)).toBeNull();
  });
});
