import { describe, expect, it } from "vitest";
import { checkCronAuth, parseAsOf } from "@/lib/cron/auth";
import { clockFor } from "@/lib/cron/run";

const SECRET = "s3cret-s3cret-s3cret";

describe("cron gate", () => {
  it("fails closed without a configured secret", () => {
    expect(checkCronAuth(`Bearer ${SECRET}`, undefined)).toBe("unconfigured");
    expect(checkCronAuth("Bearer short", "short")).toBe("unconfigured");
  });
  it("needs the exact bearer secret", () => {
    expect(checkCronAuth(`Bearer ${SECRET}`, SECRET)).toBe("ok");
    expect(checkCronAuth(null, SECRET)).toBe("unauthorized");
    expect(checkCronAuth(SECRET, SECRET)).toBe("unauthorized");
    expect(checkCronAuth(`Bearer ${SECRET}x`, SECRET)).toBe("unauthorized");
    expect(checkCronAuth(`Basic ${SECRET}`, SECRET)).toBe("unauthorized");
  });
  it("accepts only real calendar dates for asOf", () => {
    expect(parseAsOf(null)).toBeNull();
    expect(parseAsOf("")).toBeNull();
    expect(parseAsOf("2026-02-28")).toBe("2026-02-28");
    expect(parseAsOf("2026-02-30")).toBe("invalid");
    expect(parseAsOf("2026-2-3")).toBe("invalid");
    expect(parseAsOf("yesterday")).toBe("invalid");
  });
  it("runs today's jobs on the real clock and other dates at 06:00 company time", () => {
    const now = new Date("2026-11-27T03:00:00Z"); // 11:00 in Shanghai
    expect(clockFor("2026-11-27", "Asia/Shanghai", now)).toBe(now);
    expect(clockFor("2026-03-01", "Asia/Shanghai", now).toISOString()).toBe("2026-02-28T22:00:00.000Z");
  });
});
