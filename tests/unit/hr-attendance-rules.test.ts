import { describe, expect, it } from "vitest";
import {
  DEFAULT_SHIFT,
  effectiveEntries,
  evaluateDay,
  formatMinute,
  isWorkday,
  parseMinute,
  totalsOf,
} from "@/lib/hr/rules";

const TZ = "Asia/Shanghai";
/** An instant given as Shanghai wall-clock time (UTC+8, no DST). */
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const day = (
  date: string,
  inAt: Date | null,
  outAt: Date | null,
  now = sh("2026-11-30", "12:00"),
  shift = DEFAULT_SHIFT,
) => evaluateDay({ date, shift, timeZone: TZ, now, inAt, outAt });

describe("time of day and workdays", () => {
  it("formats and parses HH:MM", () => {
    expect(formatMinute(545)).toBe("09:05");
    expect(parseMinute("09:05")).toBe(545);
    expect(parseMinute("24:00")).toBeNull();
    expect(parseMinute("9:5")).toBeNull();
  });
  it("knows weekends", () => {
    expect(isWorkday("2026-11-27")).toBe(true); // Friday
    expect(isWorkday("2026-11-28")).toBe(false);
    expect(isWorkday("2026-11-29")).toBe(false);
  });
});

describe("evaluateDay", () => {
  it("on time both ways: present, nothing late or early", () => {
    expect(day("2026-11-27", sh("2026-11-27", "08:55"), sh("2026-11-27", "18:00"))).toMatchObject({
      status: "present",
      lateMinutes: 0,
      earlyMinutes: 0,
      inMinute: 535,
      outMinute: 1080,
    });
  });
  it("counts late and early minutes against the shift", () => {
    expect(day("2026-11-27", sh("2026-11-27", "09:01"), sh("2026-11-27", "17:30"))).toMatchObject({
      status: "present",
      lateMinutes: 1,
      earlyMinutes: 30,
    });
  });
  it("uses a per-person shift", () => {
    const late = { startMinute: 13 * 60, endMinute: 22 * 60 };
    expect(day("2026-11-27", sh("2026-11-27", "12:50"), sh("2026-11-27", "21:00"), undefined, late)).toMatchObject({
      lateMinutes: 0,
      earlyMinutes: 60,
    });
  });
  it("a past workday without a clock-in is absent; a rest day is not", () => {
    expect(day("2026-11-27", null, null).status).toBe("absent");
    expect(day("2026-11-28", null, null).status).toBe("rest");
  });
  it("today is absent only once the shift is over; future days are upcoming", () => {
    expect(day("2026-11-27", null, null, sh("2026-11-27", "17:59")).status).toBe("upcoming");
    expect(day("2026-11-27", null, null, sh("2026-11-27", "18:00")).status).toBe("absent");
    expect(day("2026-12-01", null, null, sh("2026-11-27", "12:00")).status).toBe("upcoming");
  });
  it("clocked in without clocking out: present during the day, incomplete after it", () => {
    expect(day("2026-11-27", sh("2026-11-27", "09:00"), null, sh("2026-11-27", "12:00")).status).toBe("present");
    expect(day("2026-11-27", sh("2026-11-27", "09:00"), null).status).toBe("incomplete");
  });
  it("judges 'now' in the company's zone: 00:30 Shanghai is already the next day", () => {
    // 2026-11-27 16:30 UTC = 2026-11-28 00:30 Shanghai: Friday 27th is over, so absent.
    expect(day("2026-11-27", null, null, new Date("2026-11-27T16:30:00Z")).status).toBe("absent");
    // 2026-11-27 09:00 UTC = 17:00 Shanghai: not over yet.
    expect(day("2026-11-27", null, null, new Date("2026-11-27T09:00:00Z")).status).toBe("upcoming");
  });
  it("work on a rest day counts as present but never late or early", () => {
    expect(day("2026-11-28", sh("2026-11-28", "10:00"), sh("2026-11-28", "12:00"))).toMatchObject({
      status: "present",
      lateMinutes: 0,
      earlyMinutes: 0,
    });
  });
});

describe("totals and corrections", () => {
  it("adds up a month", () => {
    const days = [
      day("2026-11-23", sh("2026-11-23", "09:10"), sh("2026-11-23", "18:00")),
      day("2026-11-24", sh("2026-11-24", "09:00"), sh("2026-11-24", "17:00")),
      day("2026-11-25", null, null),
      day("2026-11-26", sh("2026-11-26", "09:20"), null),
      day("2026-11-28", null, null),
    ];
    expect(totalsOf(days)).toEqual({
      present: 3,
      late: 2,
      lateMinutes: 30,
      early: 1,
      earlyMinutes: 60,
      absent: 1,
      incomplete: 1,
      leave: 0,
    });
  });
  it("the newest correction wins over the clock entry, in any order", () => {
    const e = (id: number, kind: "in" | "out", source: "clock" | "correction", hhmm: string) => ({
      id,
      workDate: "2026-11-27",
      kind,
      source,
      at: sh("2026-11-27", hhmm),
    });
    const picked = effectiveEntries([
      e(5, "in", "correction", "08:30"),
      e(1, "in", "clock", "09:40"),
      e(7, "in", "correction", "08:45"),
      e(2, "out", "clock", "18:05"),
    ]);
    expect(picked.get("2026-11-27", "in")?.id).toBe(7);
    expect(picked.get("2026-11-27", "out")?.id).toBe(2);
    expect(picked.get("2026-11-26", "in")).toBeNull();
  });
});

describe("hire date", () => {
  it("days before the hire date are never absent; from the hire date on they are", () => {
    const at = (date: string) =>
      evaluateDay({
        date,
        shift: DEFAULT_SHIFT,
        timeZone: TZ,
        now: sh("2026-11-30", "12:00"),
        inAt: null,
        outAt: null,
        hiredOn: "2026-11-25",
      });
    expect(at("2026-11-24").status).toBe("notHired");
    expect(at("2026-11-22").status).toBe("notHired");
    expect(at("2026-11-25").status).toBe("absent");
    expect(totalsOf([at("2026-11-23"), at("2026-11-24"), at("2026-11-25")]).absent).toBe(1);
  });
  it("an entry before the hire date still counts (the record was made late)", () => {
    const d = evaluateDay({
      date: "2026-11-24",
      shift: DEFAULT_SHIFT,
      timeZone: TZ,
      now: sh("2026-11-30", "12:00"),
      inAt: sh("2026-11-24", "09:00"),
      outAt: sh("2026-11-24", "18:00"),
      hiredOn: "2026-11-25",
    });
    expect(d.status).toBe("present");
  });
});
