import { describe, expect, it } from "vitest";
import { nextAttemptDelayMs, OUTBOX_MAX_ATTEMPTS, renderTemplate } from "@/lib/outbox/rules";

describe("outbox backoff", () => {
  it("doubles the delay per failed attempt, capped, and gives up after the last attempt", () => {
    expect(nextAttemptDelayMs(1)).toBe(60_000);
    expect(nextAttemptDelayMs(2)).toBe(120_000);
    expect(nextAttemptDelayMs(3)).toBe(240_000);
    expect(nextAttemptDelayMs(4)).toBe(480_000);
    expect(nextAttemptDelayMs(OUTBOX_MAX_ATTEMPTS)).toBeNull();
    expect(nextAttemptDelayMs(4, 60_000, 200_000)).toBe(200_000);
    expect(nextAttemptDelayMs(2, 10, 1000, 2)).toBeNull();
  });

  it("renders {placeholders}", () => {
    expect(renderTemplate("Receipt {no}: {amount}", { no: "2026-0001", amount: "¥10.00" })).toBe(
      "Receipt 2026-0001: ¥10.00",
    );
    expect(renderTemplate("Hi {name} {missing}", { name: "王" })).toBe("Hi 王 {missing}");
  });
});
