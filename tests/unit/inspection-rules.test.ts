import { describe, expect, it } from "vitest";
import {
  DEFECT_DUE_HOURS,
  TEAM_ORDER_TYPE,
  defectDueAt,
  monthsEnding,
  qualityPct,
  scoreInspection,
} from "@/lib/field/inspection-rules";
import { inspectSchema, templateSchema } from "@/lib/field/inspection-schemas";
import { overallScore, subScores } from "@/lib/hr/kpi";

const TEMPLATE = [
  { label: "地面", maxScore: 10, team: "cleaning" as const },
  { label: "照明", maxScore: 5, team: "engineering" as const },
];

describe("inspection scores", () => {
  it("totals the scores and counts the defects", () => {
    expect(
      scoreInspection(TEMPLATE, [
        { score: 7, defect: true, note: "水渍" },
        { score: 5, defect: false },
      ]),
    ).toEqual({ ok: true, score: 12, maxScore: 15, defects: 1 });
  });

  it("refuses a score outside 0…max or not whole, a defect without a note, a missing item", () => {
    const r = scoreInspection(TEMPLATE, [
      { score: 11, defect: false },
      { score: 2, defect: true, note: "  " },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: { "items.0": "field.inspect.badScore", "items.1": "field.inspect.defectNote" },
    });
    expect(
      scoreInspection(TEMPLATE, [
        { score: -1, defect: false },
        { score: 1.5, defect: false },
      ]),
    ).toEqual({
      ok: false,
      errors: { "items.0": "field.inspect.badScore", "items.1": "field.inspect.badScore" },
    });
    expect(scoreInspection(TEMPLATE, [{ score: 1, defect: false }])).toEqual({
      ok: false,
      errors: { items: "field.inspect.itemsMismatch" },
    });
  });

  it("quality % has one decimal and is null without anything inspected", () => {
    expect(qualityPct(2, 3)).toBe(66.7);
    expect(qualityPct(15, 15)).toBe(100);
    expect(qualityPct(0, 0)).toBeNull();
  });

  it("defects go to the team's order type, due in DEFECT_DUE_HOURS", () => {
    expect(TEAM_ORDER_TYPE).toEqual({
      cleaning: "cleaning",
      security: "security",
      engineering: "repair",
      customer_service: "inquiry",
    });
    const at = new Date("2026-12-07T02:00:00Z");
    expect(defectDueAt(at).getTime() - at.getTime()).toBe(DEFECT_DUE_HOURS * 3_600_000);
  });

  it("lists the months ending with one, across a year end", () => {
    expect(monthsEnding("2027-02", 4)).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsEnding("2026-12", 1)).toEqual(["2026-12"]);
  });
});

describe("inspection schemas", () => {
  it("the template form's parallel lists become items; blank rows are dropped", () => {
    const r = templateSchema.safeParse({
      name: "大堂",
      areaKind: "lobby",
      label: ["地面", "", "照明"],
      maxScore: ["10", "10", "5"],
      team: ["cleaning", "cleaning", "engineering"],
      active: "on",
    });
    expect(r.success && r.data.items).toEqual([
      { label: "地面", maxScore: 10, team: "cleaning" },
      { label: "照明", maxScore: 5, team: "engineering" },
    ]);
    const bad = templateSchema.safeParse({
      name: "x",
      areaKind: "lobby",
      label: ["a"],
      maxScore: ["0"],
      team: ["cleaning"],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["items.0.maxScore", "field.template.badMax"],
    ]);
    const none = templateSchema.safeParse({
      name: "x",
      areaKind: "lobby",
      label: [""],
      maxScore: ["1"],
      team: ["cleaning"],
    });
    expect(none.error?.issues.map((i) => i.message)).toEqual(["field.template.noItems"]);
  });

  it("the phone's scores arrive as JSON; no area is null", () => {
    const r = inspectSchema.parse({
      requestId: "0f9c2c52-1111-4a1b-9c1e-8f5b2b0c1d2e",
      communityId: "3",
      areaId: "",
      templateId: "4",
      items: JSON.stringify([{ score: 3, defect: true, note: "x" }]),
    });
    expect(r).toMatchObject({ communityId: 3, areaId: null, templateId: 4, items: [{ score: 3, defect: true }] });
    expect(inspectSchema.safeParse({ ...r, items: "not json" }).success).toBe(false);
  });
});

describe("the inspection KPI in assessments", () => {
  it("scores for butlers and technicians when there is data, and is left out when null", () => {
    expect(subScores("technician", { slaPct: 80, ratingMean: 5, inspectionPct: 60 })).toEqual([80, 100, 60]);
    expect(overallScore("technician", { slaPct: 80, ratingMean: 5, inspectionPct: null }, 70)).toBe(80);
    expect(subScores("butler", { sentimentMean: 90, inspectionPct: 70 })).toEqual([90, 70]);
  });
});
