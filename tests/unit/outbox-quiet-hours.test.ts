import { describe, expect, it } from "vitest";
import { inQuietHours, isUrgentTemplate, preferenceKindOf, smsSendAfter } from "@/lib/outbox/quiet-hours";

const S = 21 * 60;
const E = 8 * 60;

describe("quiet hours", () => {
  it("wraps past midnight", () => {
    expect(inQuietHours(20 * 60 + 59, S, E)).toBe(false);
    expect(inQuietHours(21 * 60, S, E)).toBe(true);
    expect(inQuietHours(3 * 60, S, E)).toBe(true);
    expect(inQuietHours(8 * 60, S, E)).toBe(false);
  });

  it("handles a same-day window and none", () => {
    expect(inQuietHours(13 * 60, 12 * 60, 14 * 60)).toBe(true);
    expect(inQuietHours(14 * 60, 12 * 60, 14 * 60)).toBe(false);
    expect(inQuietHours(0, 0, 0)).toBe(false);
  });

  it("defers to the end of quiet hours in the company's zone", () => {
    const tz = "Asia/Shanghai";
    // 22:30 local → 08:00 next day; 02:00 local → 08:00 the same day; 12:00 → now.
    expect(smsSendAfter(new Date("2026-03-10T14:30:00Z"), tz, S, E).toISOString()).toBe("2026-03-11T00:00:00.000Z");
    expect(smsSendAfter(new Date("2026-03-10T18:00:00Z"), tz, S, E).toISOString()).toBe("2026-03-11T00:00:00.000Z");
    const noon = new Date("2026-03-10T04:00:00Z");
    expect(smsSendAfter(noon, tz, S, E)).toBe(noon);
  });

  it("is DST-safe (America/New_York, clocks forward 2026-03-08)", () => {
    // 22:00 EST on 03-07 → 08:00 EDT on 03-08 = 12:00Z.
    expect(smsSendAfter(new Date("2026-03-08T03:00:00Z"), "America/New_York", S, E).toISOString()).toBe(
      "2026-03-08T12:00:00.000Z",
    );
  });

  it("knows urgent templates and preference kinds", () => {
    expect(isUrgentTemplate("notice")).toBe(true);
    expect(isUrgentTemplate("signInCode")).toBe(true);
    expect(isUrgentTemplate("receipt")).toBe(false);
    expect(preferenceKindOf("arrearsNotice")).toBe("arrears");
    expect(preferenceKindOf("shopStatus")).toBe("shop");
    expect(preferenceKindOf("notice")).toBeNull();
  });
});
