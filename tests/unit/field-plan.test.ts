import { describe, expect, it } from "vitest";
import { inPlanOrder, planPosition } from "@/lib/field/rules";
import { areaFormSchema, routeFormSchema } from "@/lib/field/schemas";

describe("a round's plan", () => {
  const points = [
    { id: 11, seq: 1, name: "东门" },
    { id: 12, seq: 2, name: "车库" },
    { id: 13, seq: 3, name: "泵房" },
    { id: 14, seq: 4, name: "新加" },
  ];

  it("numbers checkpoints by their place in the plan, leaving out those it does not hold", () => {
    expect(planPosition([11, 13, 12], points[2])).toBe(2);
    expect(planPosition([11, 13, 12], points[3])).toBeNull();
    expect(inPlanOrder([11, 13, 12], points).map((p) => [p.name, p.position])).toEqual([
      ["东门", 1],
      ["泵房", 2],
      ["车库", 3],
    ]);
  });

  it("falls back to seq for a round made before plans existed", () => {
    expect(planPosition(null, points[3])).toBe(4);
    expect(inPlanOrder(null, points).map((p) => p.position)).toEqual([1, 2, 3, 4]);
  });
});

describe("the editing forms' schemas", () => {
  const area = { communityId: "3", name: "大堂", kind: "lobby", windowMinutes: "90", assigneeId: "" };

  it("reads times from text, weekdays from checkboxes and no one from an empty choice", () => {
    const parsed = areaFormSchema.parse({ ...area, times: "07:00, 15:30，18:00", weekdays: ["0", "2", "6"] });
    expect([parsed.times, parsed.weekdays, parsed.assigneeId]).toEqual([["07:00", "15:30", "18:00"], 0b1000101, null]);
  });

  it("puts a bad time, no weekday or too few checkpoints on the field itself", () => {
    const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      r.error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(errors(areaFormSchema.safeParse({ ...area, times: "25:00", weekdays: [] }))).toEqual([
      ["times", "field.plan.badTime"],
      ["weekdays", "field.plan.noWeekdays"],
    ]);
    const route = { communityId: "3", name: "夜巡", times: "21:00", windowMinutes: "60", guardId: "" };
    expect(errors(routeFormSchema.safeParse({ ...route, checkpoints: "东门\n\n" }))).toEqual([
      ["checkpoints", "field.plan.fewCheckpoints"],
    ]);
    expect(routeFormSchema.parse({ ...route, checkpoints: " 东门 \r\n车库\n" }).checkpoints).toEqual(["东门", "车库"]);
  });
});
