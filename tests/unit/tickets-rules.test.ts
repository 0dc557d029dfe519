import { describe, expect, it } from "vitest";
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from "@/db/schema/tickets";
import {
  ACTIONS,
  allAccepted,
  defaultSla,
  dispatchPlan,
  dueDatesToGenerate,
  escalationLevel,
  isOverdue,
  isRating,
  leastLoaded,
  nextStatus,
  nthDueDate,
  slaDeadlines,
  TRANSITIONS,
  type Action,
  type WorkOrderStatus,
} from "@/lib/tickets/rules";

describe("transition table", () => {
  const legal: Array<[WorkOrderStatus, Action, WorkOrderStatus]> = [
    ["submitted", "triage", "triaged"],
    ["submitted", "dispatch", "assigned"],
    ["triaged", "dispatch", "assigned"],
    ["assigned", "accept", "accepted"],
    ["accepted", "start", "in_progress"],
    ["accepted", "resolve", "resolved"],
    ["in_progress", "resolve", "resolved"],
    ["resolved", "confirm", "confirmed"],
    ["resolved", "close", "closed"],
    ["confirmed", "close", "closed"],
    ["resolved", "reopen", "assigned"],
    ["confirmed", "reopen", "assigned"],
    ["closed", "reopen", "assigned"],
    ["submitted", "cancel", "cancelled"],
    ["triaged", "cancel", "cancelled"],
    ["assigned", "cancel", "cancelled"],
    ["accepted", "cancel", "cancelled"],
    ["in_progress", "cancel", "cancelled"],
  ];
  it.each(legal)("%s --%s--> %s", (from, action, to) => expect(nextStatus(from, action)).toBe(to));

  it("refuses every other pair (exhaustive)", () => {
    const allowed = new Set(legal.map(([f, a]) => `${f}:${a}`));
    for (const s of WORK_ORDER_STATUSES)
      for (const a of ACTIONS) {
        const expected = allowed.has(`${s}:${a}`) ? TRANSITIONS[a].to : null;
        expect(nextStatus(s, a), `${s} ${a}`).toBe(expected);
      }
  });

  it("cannot close an unresolved order, nor leave a cancelled or closed one except by reopen", () => {
    for (const s of ["submitted", "triaged", "assigned", "accepted", "in_progress"] as const)
      expect(nextStatus(s, "close")).toBeNull();
    for (const a of ACTIONS) expect(nextStatus("cancelled", a)).toBeNull();
    expect(ACTIONS.filter((a) => nextStatus("closed", a))).toEqual(["reopen"]);
  });
});

describe("dispatch", () => {
  it("complaints by classification", () => {
    expect(dispatchPlan({ type: "complaint", classification: "invalid" })).toEqual({
      kind: "roles",
      roles: ["butler"],
      followUp: "explain",
    });
    expect(dispatchPlan({ type: "complaint", classification: "general" })).toEqual({
      kind: "roles",
      roles: ["butler"],
      followUp: "report_back",
    });
    expect(dispatchPlan({ type: "complaint", classification: "medium" })).toEqual({
      kind: "roles",
      roles: ["butler", "supervisor"],
      followUp: "report_back",
    });
    expect(dispatchPlan({ type: "complaint", classification: "major" })).toEqual({
      kind: "roles",
      roles: ["butler", "supervisor", "project_manager"],
      followUp: "report_back",
    });
    expect(() => dispatchPlan({ type: "complaint" })).toThrow();
  });
  it("suggestions become explain orders for the butler", () =>
    expect(dispatchPlan({ type: "suggestion" })).toEqual({ kind: "roles", roles: ["butler"], followUp: "explain" }));
  it("repairs go to a technician of the category", () => {
    expect(dispatchPlan({ type: "repair", repairCategory: "plumbing" })).toMatchObject({
      kind: "technician",
      category: "plumbing",
    });
    expect(dispatchPlan({ type: "repair" })).toMatchObject({ kind: "technician", category: "public_areas" });
  });
  it("emergencies to supervisor and project manager; everything else to the butler", () => {
    expect(dispatchPlan({ type: "emergency" })).toMatchObject({ roles: ["supervisor", "project_manager"] });
    for (const type of ["inquiry", "visit", "collection", "explanation", "cleaning", "security"] as const)
      expect(dispatchPlan({ type })).toEqual({ kind: "roles", roles: ["butler"], followUp: null });
  });
  it("least loaded first, ties to the lowest id", () => {
    expect(leastLoaded([])).toBeNull();
    expect(
      leastLoaded([
        { userId: 9, openOrders: 3 },
        { userId: 4, openOrders: 1 },
        { userId: 2, openOrders: 1 },
      ]),
    ).toBe(2);
  });
  it("all accepted", () => {
    expect(allAccepted([])).toBe(false);
    expect(allAccepted([{ acceptedAt: new Date() }, { acceptedAt: null }])).toBe(false);
    expect(allAccepted([{ acceptedAt: new Date() }])).toBe(true);
  });
});

describe("SLA", () => {
  it("has a deadline for every type and severity", () => {
    for (const type of WORK_ORDER_TYPES)
      for (const sev of ["low", "normal", "high", "critical"] as const) {
        const s = defaultSla(type, sev);
        expect(s.acceptMinutes).toBeGreaterThan(0);
        expect(s.resolveMinutes).toBeGreaterThan(s.acceptMinutes);
      }
  });
  it("major complaint: accept 15 min, resolve 24 h", () => {
    expect(defaultSla("complaint", "critical")).toEqual({ acceptMinutes: 15, resolveMinutes: 1440 });
    const d = slaDeadlines(new Date("2026-01-01T00:00:00Z"), defaultSla("complaint", "critical"));
    expect(d.acceptDueAt.toISOString()).toBe("2026-01-01T00:15:00.000Z");
    expect(d.resolveDueAt.toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });
  it("emergencies are faster than complaints", () =>
    expect(defaultSla("emergency", "critical").acceptMinutes).toBeLessThan(
      defaultSla("complaint", "critical").acceptMinutes,
    ));

  const base = {
    status: "assigned" as const,
    dispatchedAt: new Date("2026-01-01T00:00:00Z"),
    acceptDueAt: new Date("2026-01-01T00:15:00Z"),
    resolveDueAt: new Date("2026-01-02T00:00:00Z"),
  };
  it("overdue and escalation levels", () => {
    expect(isOverdue(base, new Date("2026-01-01T00:10:00Z"))).toBe(false);
    expect(escalationLevel(base, new Date("2026-01-01T00:10:00Z"))).toBe(0);
    expect(isOverdue(base, new Date("2026-01-01T00:16:00Z"))).toBe(true);
    expect(escalationLevel(base, new Date("2026-01-01T00:16:00Z"))).toBe(1);
    // accepted in time: not overdue until the resolve deadline
    expect(isOverdue({ ...base, status: "accepted" }, new Date("2026-01-01T00:16:00Z"))).toBe(false);
    expect(escalationLevel({ ...base, status: "accepted" }, new Date("2026-01-01T00:16:00Z"))).toBe(0);
    expect(escalationLevel({ ...base, status: "in_progress" }, new Date("2026-01-02T01:00:00Z"))).toBe(2);
    expect(escalationLevel({ ...base, status: "in_progress" }, new Date("2026-01-03T01:00:00Z"))).toBe(3);
    expect(escalationLevel({ ...base, status: "resolved" }, new Date("2026-01-09T00:00:00Z"))).toBe(0);
    expect(isOverdue({ ...base, status: "closed" }, new Date("2026-01-09T00:00:00Z"))).toBe(false);
  });
});

describe("maintenance due dates", () => {
  it("steps by days, weeks and months (month ends clamp)", () => {
    expect(nthDueDate({ startDate: "2026-01-31", every: 1, interval: "month" }, 1)).toBe("2026-02-28");
    expect(nthDueDate({ startDate: "2026-01-31", every: 3, interval: "month" }, 4)).toBe("2027-01-31");
    expect(nthDueDate({ startDate: "2026-01-01", every: 2, interval: "week" }, 2)).toBe("2026-01-29");
    expect(nthDueDate({ startDate: "2026-01-01", every: 10, interval: "day" }, 3)).toBe("2026-01-31");
  });
  it("creates orders ahead of the due date, within the lead window", () => {
    const plan = { startDate: "2026-01-10", every: 1, interval: "week" as const, leadDays: 3 };
    expect(dueDatesToGenerate(plan, "2026-01-06")).toEqual([]);
    expect(dueDatesToGenerate(plan, "2026-01-07")).toEqual(["2026-01-10"]);
    expect(dueDatesToGenerate(plan, "2026-01-10")).toEqual(["2026-01-10"]);
    expect(dueDatesToGenerate(plan, "2026-01-14")).toEqual(["2026-01-17"]);
    expect(dueDatesToGenerate({ ...plan, every: 1, interval: "day", leadDays: 2 }, "2026-01-20")).toEqual([
      "2026-01-20",
      "2026-01-21",
      "2026-01-22",
    ]);
  });
});

it("ratings are 1..5 integers", () => {
  expect([0, 1, 3, 5, 6, 2.5].map(isRating)).toEqual([false, true, true, true, false, false]);
});
