import { describe, expect, it } from "vitest";
import {
  checkScan,
  CLOCK_SKEW_MS,
  EARLY_MS,
  expandSchedule,
  LATE_GRACE_MS,
  minuteOfDay,
  PAYLOAD_MAX_AGE_MS,
  roundDeadline,
  runsOn,
  weekdayOf,
  type ScanFacts,
} from "@/lib/field/rules";
import { instantOf } from "@/lib/time/zone";

const TZ = "Asia/Shanghai";
const at = (date: string, minute: number) => instantOf(date, minute, TZ);

describe("schedule expansion", () => {
  it("reads times of day and weekdays", () => {
    expect(minuteOfDay("07:30")).toBe(450);
    expect(minuteOfDay("23:59")).toBe(1439);
    expect(minuteOfDay("24:00")).toBeNull();
    expect(minuteOfDay("7:30")).toBeNull();
    expect(weekdayOf("2026-12-07")).toBe(0); // a Monday
    expect(weekdayOf("2026-12-06")).toBe(6); // a Sunday
    expect(runsOn(0b0011111, "2026-12-06")).toBe(false);
    expect(runsOn(0b1000000, "2026-12-06")).toBe(true);
  });

  it("gives one slot per distinct valid time, sorted, each as long as the window, in the company's zone", () => {
    const slots = expandSchedule(
      { times: ["14:00", "08:00", "08:00", "bad"], windowMinutes: 90, weekdays: 127 },
      "2026-12-07",
      at,
    );
    expect(slots.map((s) => s.slot)).toEqual(["08:00", "14:00"]);
    expect(slots[0].startsAt.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(slots[0].endsAt.toISOString()).toBe("2026-12-07T01:30:00.000Z");
  });

  it("gives nothing on a day off or with an empty window", () => {
    expect(expandSchedule({ times: ["08:00"], windowMinutes: 60, weekdays: 0b0011111 }, "2026-12-06", at)).toEqual([]);
    expect(expandSchedule({ times: ["08:00"], windowMinutes: 0, weekdays: 127 }, "2026-12-07", at)).toEqual([]);
  });

  it("lets a late round run past midnight", () => {
    const [s] = expandSchedule({ times: ["23:30"], windowMinutes: 60, weekdays: 127 }, "2026-12-07", at);
    expect(s.endsAt.toISOString()).toBe("2026-12-07T16:30:00.000Z");
  });
});

describe("a patrol scan", () => {
  const startsAt = new Date("2026-12-07T00:00:00Z");
  const endsAt = new Date("2026-12-07T01:00:00Z");
  const base = (now: Date, more: Partial<ScanFacts> = {}): ScanFacts => ({
    round: { routeId: 1, status: "open", startsAt, endsAt, scanned: 1 },
    checkpoint: { routeId: 1, seq: 2 },
    alreadyScanned: false,
    capturedAt: now.getTime() - 1000,
    now,
    ...more,
  });
  const inWindow = new Date("2026-12-07T00:20:00Z");

  it("is accepted in order inside the window, late after it until the grace ends", () => {
    expect(checkScan(base(inWindow))).toEqual({ ok: true, late: false });
    const late = new Date(endsAt.getTime() + 5 * 60_000);
    expect(checkScan(base(late))).toEqual({ ok: true, late: true });
    const gone = new Date(endsAt.getTime() + LATE_GRACE_MS + 1000);
    expect(checkScan(base(gone))).toEqual({ ok: false, reason: "closed" });
    expect(roundDeadline(endsAt).getTime()).toBe(endsAt.getTime() + LATE_GRACE_MS);
  });

  it("refuses a code from another route or company", () => {
    expect(checkScan(base(inWindow, { checkpoint: { routeId: 2, seq: 2 } }))).toEqual({ ok: false, reason: "foreign" });
    expect(checkScan(base(inWindow, { checkpoint: null }))).toEqual({ ok: false, reason: "foreign" });
  });

  it("refuses a checkpoint out of order and one already scanned", () => {
    expect(checkScan(base(inWindow, { checkpoint: { routeId: 1, seq: 3 } }))).toEqual({
      ok: false,
      reason: "outOfOrder",
    });
    expect(checkScan(base(inWindow, { checkpoint: { routeId: 1, seq: 1 } }))).toEqual({
      ok: false,
      reason: "outOfOrder",
    });
    expect(checkScan(base(inWindow, { alreadyScanned: true }))).toEqual({ ok: false, reason: "duplicate" });
  });

  it("refuses a payload older than the round, stale, or from the future", () => {
    const before = startsAt.getTime() - EARLY_MS - 1;
    expect(checkScan(base(inWindow, { capturedAt: before }))).toEqual({ ok: false, reason: "replayed" });
    const stale = inWindow.getTime() - PAYLOAD_MAX_AGE_MS - 1;
    expect(checkScan(base(inWindow, { capturedAt: stale }))).toEqual({ ok: false, reason: "replayed" });
    const future = inWindow.getTime() + CLOCK_SKEW_MS + 1;
    expect(checkScan(base(inWindow, { capturedAt: future }))).toEqual({ ok: false, reason: "replayed" });
  });

  it("refuses before the round opens and on a closed round", () => {
    const early = new Date(startsAt.getTime() - EARLY_MS - 60_000);
    expect(checkScan(base(early, { capturedAt: early.getTime() }))).toEqual({ ok: false, reason: "replayed" });
    const r = { routeId: 1, status: "missed", startsAt, endsAt, scanned: 1 };
    expect(checkScan(base(inWindow, { round: r }))).toEqual({ ok: false, reason: "closed" });
  });
});
