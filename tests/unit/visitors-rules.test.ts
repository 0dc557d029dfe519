import { describe, expect, it } from "vitest";
import {
  canRevoke,
  defaultPassWindow,
  passState,
  purgeCutoff,
  purgeDue,
  visitorFirstName,
  windowProblem,
  type PassFacts,
} from "@/lib/visitors/rules";
import { createPassSchema, scanPassSchema } from "@/lib/visitors/schemas";
import { zonedLocalToDate } from "@/lib/time/zone";

const at = (iso: string) => new Date(iso);
const pass = (over: Partial<PassFacts> = {}): PassFacts => ({
  validFrom: at("2026-05-01T02:00:00Z"),
  validUntil: at("2026-05-01T10:00:00Z"),
  maxEntries: 1,
  entriesUsed: 0,
  revokedAt: null,
  ...over,
});

describe("pass state", () => {
  it("is valid inside [from, until) and not yet valid / expired at the edges", () => {
    expect(passState(pass(), at("2026-05-01T01:59:59Z"))).toBe("not_yet_valid");
    expect(passState(pass(), at("2026-05-01T02:00:00Z"))).toBe("valid");
    expect(passState(pass(), at("2026-05-01T09:59:59Z"))).toBe("valid");
    expect(passState(pass(), at("2026-05-01T10:00:00Z"))).toBe("expired");
  });

  it("a one-time pass is used after one entry; a multi-entry pass after its maximum", () => {
    const now = at("2026-05-01T05:00:00Z");
    expect(passState(pass({ entriesUsed: 1 }), now)).toBe("used");
    expect(passState(pass({ maxEntries: 3, entriesUsed: 2 }), now)).toBe("valid");
    expect(passState(pass({ maxEntries: 3, entriesUsed: 3 }), now)).toBe("used");
  });

  it("revoked wins over everything, used over the window", () => {
    expect(passState(pass({ revokedAt: at("2026-04-30T00:00:00Z") }), at("2026-05-01T05:00:00Z"))).toBe("revoked");
    expect(passState(pass({ entriesUsed: 1 }), at("2026-05-02T00:00:00Z"))).toBe("used");
  });

  it("can be revoked only while it could still admit someone", () => {
    expect(canRevoke(pass(), at("2026-04-30T00:00:00Z"))).toBe(true);
    expect(canRevoke(pass(), at("2026-05-01T05:00:00Z"))).toBe(true);
    expect(canRevoke(pass({ entriesUsed: 1 }), at("2026-05-01T05:00:00Z"))).toBe(false);
    expect(canRevoke(pass(), at("2026-05-01T10:00:00Z"))).toBe(false);
    expect(canRevoke(pass({ revokedAt: at("2026-04-30T00:00:00Z") }), at("2026-04-30T01:00:00Z"))).toBe(false);
  });

  it("the window is read in the company's time zone (08:00–18:00 in Shanghai is 00:00–10:00 UTC)", () => {
    const from = zonedLocalToDate("2026-05-01T08:00", "Asia/Shanghai");
    const until = zonedLocalToDate("2026-05-01T18:00", "Asia/Shanghai");
    expect(from.toISOString()).toBe("2026-05-01T00:00:00.000Z");
    const p = pass({ validFrom: from, validUntil: until });
    expect(passState(p, at("2026-04-30T23:59:00Z"))).toBe("not_yet_valid");
    expect(passState(p, at("2026-05-01T09:59:00Z"))).toBe("valid");
    expect(passState(p, at("2026-05-01T10:00:00Z"))).toBe("expired");
    // The same wall-clock window in New York is twelve hours later.
    expect(zonedLocalToDate("2026-05-01T08:00", "America/New_York").toISOString()).toBe("2026-05-01T12:00:00.000Z");
  });
});

describe("window choice", () => {
  const now = at("2026-05-01T00:00:00Z");
  it("accepts a future window up to seven days long", () => {
    expect(windowProblem(at("2026-05-01T01:00:00Z"), at("2026-05-08T01:00:00Z"), now)).toBeNull();
    expect(windowProblem(now, at("2026-05-01T00:01:00Z"), now)).toBeNull();
  });
  it("refuses an end before the start, an end in the past, too long, too far ahead", () => {
    expect(windowProblem(at("2026-05-01T05:00:00Z"), at("2026-05-01T05:00:00Z"), now)).toBe(
      "visitors.errors.windowOrder",
    );
    expect(windowProblem(at("2026-04-30T05:00:00Z"), at("2026-04-30T06:00:00Z"), now)).toBe(
      "visitors.errors.windowPast",
    );
    expect(windowProblem(at("2026-05-01T01:00:00Z"), at("2026-05-08T01:01:00Z"), now)).toBe(
      "visitors.errors.windowTooLong",
    );
    expect(windowProblem(at("2026-06-01T00:00:01Z"), at("2026-06-01T05:00:00Z"), now)).toBe(
      "visitors.errors.windowTooFar",
    );
  });
});

describe("purge and what the link shows", () => {
  it("personal fields are due for purge the retention period after the pass ends", () => {
    const until = at("2026-05-01T10:00:00Z");
    expect(purgeDue(until, 30).toISOString()).toBe("2026-05-31T10:00:00.000Z");
    expect(purgeCutoff(at("2026-05-31T10:00:00Z"), 30).getTime()).toBe(until.getTime());
  });
  it("shows only a first name", () => {
    expect(visitorFirstName("张小明")).toBe("张*");
    expect(visitorFirstName("Anna  Li")).toBe("Anna");
    expect(visitorFirstName(null)).toBe("—");
  });
});

describe("schemas", () => {
  const base = { householdId: "3", visitorName: "王五", plate: "", validFrom: "2026-05-01T08:00" };
  it("one-time passes admit one entry; multi-entry passes need 2–20", () => {
    const once = createPassSchema.parse({ ...base, validUntil: "2026-05-01T18:00", kind: "once", maxEntries: "" });
    expect(once.maxEntries).toBe(1);
    expect(once.plate).toBeNull();
    const multi = createPassSchema.parse({ ...base, validUntil: "2026-05-01T18:00", kind: "multi", maxEntries: "4" });
    expect(multi.maxEntries).toBe(4);
    const bad = createPassSchema.safeParse({ ...base, validUntil: "2026-05-01T18:00", kind: "multi", maxEntries: "" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["maxEntries"]);
  });
  it("normalizes a plate and refuses nonsense", () => {
    const ok = createPassSchema.parse({ ...base, plate: "粤b·12345", validUntil: "2026-05-01T18:00", kind: "once" });
    expect(ok.plate).toBe("粤B12345");
    expect(createPassSchema.safeParse({ ...base, plate: "!!", validUntil: "x", kind: "once" }).success).toBe(false);
  });
  it("the gate accepts a bare token or the whole link", () => {
    const token = "A".repeat(30) + "_-";
    expect(scanPassSchema.parse({ code: token }).code).toBe(token);
    expect(scanPassSchema.parse({ code: `https://demo.guanjia.cn/v/${token}` }).code).toBe(token);
    expect(scanPassSchema.safeParse({ code: "short" }).success).toBe(false);
  });
});

describe("the form's suggested window", () => {
  it("starts at the current hour in the company's zone and is valid right away", () => {
    const now = at("2026-05-01T04:35:00Z");
    const w = defaultPassWindow(now, "Asia/Shanghai");
    expect(w).toEqual({ from: "2026-05-01T12:00", until: "2026-05-01T17:00" });
    const p = pass({
      validFrom: zonedLocalToDate(w.from, "Asia/Shanghai"),
      validUntil: zonedLocalToDate(w.until, "Asia/Shanghai"),
    });
    expect(passState(p, now)).toBe("valid");
  });
});
