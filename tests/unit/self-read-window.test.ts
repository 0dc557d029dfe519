import { describe, expect, it } from "vitest";
import { selfReadState } from "@/lib/billing/self-read-window";

describe("selfReadState", () => {
  const w = { fromDay: 20, toDay: 25 };
  it("is open inside the window, both ends included", () => {
    expect(selfReadState(w, "2026-04-20")).toEqual({ open: true, closes: "2026-04-25" });
    expect(selfReadState(w, "2026-04-25")).toEqual({ open: true, closes: "2026-04-25" });
  });
  it("before the window says when it opens this month", () => {
    expect(selfReadState(w, "2026-04-19")).toEqual({ open: false, opens: "2026-04-20" });
  });
  it("after the window says when it opens next month (also across the year)", () => {
    expect(selfReadState(w, "2026-04-26")).toEqual({ open: false, opens: "2026-05-20" });
    expect(selfReadState(w, "2026-12-31")).toEqual({ open: false, opens: "2027-01-20" });
  });
  it("a window past the month's end ends on its last day", () => {
    expect(selfReadState({ fromDay: 28, toDay: 31 }, "2026-02-28")).toEqual({ open: true, closes: "2026-02-28" });
    expect(selfReadState({ fromDay: 30, toDay: 31 }, "2026-01-31")).toEqual({ open: true, closes: "2026-01-31" });
  });
  it("no window: never open", () => {
    expect(selfReadState(null, "2026-04-20")).toEqual({ open: false, opens: null });
  });
});
