import { describe, expect, it } from "vitest";
import { defaultQueueTab, slaCountdown, splitMinutes } from "@/lib/tickets/queue-rules";
import { isOverdue, type SlaState } from "@/lib/tickets/rules";

const now = new Date("2026-12-06T12:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const order = (status: SlaState["status"], accept: number | null, resolve: number | null): SlaState => ({
  status,
  acceptDueAt: accept == null ? null : at(accept),
  resolveDueAt: resolve == null ? null : at(resolve),
});

describe("the queue's default tab", () => {
  it("opens on the whole scope for those who answer for one, on my orders for the rest", () => {
    expect(defaultQueueTab(["admin"])).toBe("scope");
    expect(defaultQueueTab(["project_manager"])).toBe("scope");
    expect(defaultQueueTab(["butler"])).toBe("scope");
    expect(defaultQueueTab(["front_desk"])).toBe("scope");
    expect(defaultQueueTab(["technician"])).toBe("mine");
    expect(defaultQueueTab(["finance"])).toBe("mine");
    expect(defaultQueueTab(["technician", "butler"])).toBe("scope");
  });
});

describe("the SLA countdown", () => {
  it("counts to acceptance while the order waits to be accepted, then to resolution", () => {
    expect(slaCountdown(order("assigned", 30, 600), now)).toEqual({ kind: "accept", minutes: 30, overdue: false });
    expect(slaCountdown(order("accepted", 30, 600), now)).toEqual({ kind: "resolve", minutes: 600, overdue: false });
    expect(slaCountdown(order("in_progress", -30, 90), now)).toEqual({ kind: "resolve", minutes: 90, overdue: false });
  });

  it("is overdue exactly when isOverdue says so", () => {
    const cases = [
      order("assigned", -5, 600),
      order("assigned", 30, -1),
      order("accepted", -500, -60),
      order("in_progress", null, 1),
      order("submitted", null, null),
      order("closed", -500, -500),
      order("assigned", null, 60),
    ];
    for (const o of cases) expect(slaCountdown(o, now)?.overdue ?? false).toBe(isOverdue(o, now));
    expect(slaCountdown(order("assigned", -5, 600), now)).toEqual({ kind: "accept", minutes: -5, overdue: true });
    expect(slaCountdown(order("accepted", -500, -61), now)).toEqual({ kind: "resolve", minutes: -61, overdue: true });
  });

  it("shows nothing for finished orders and orders without a deadline", () => {
    expect(slaCountdown(order("closed", 10, 10), now)).toBeNull();
    expect(slaCountdown(order("submitted", null, null), now)).toBeNull();
  });

  it("splits a duration into days, hours and minutes", () => {
    expect(splitMinutes(-(2 * 1440 + 3 * 60 + 7))).toEqual({ days: 2, hours: 3, minutes: 7 });
    expect(splitMinutes(59)).toEqual({ days: 0, hours: 0, minutes: 59 });
  });
});
