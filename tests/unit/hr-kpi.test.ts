import { describe, expect, it } from "vitest";
import {
  butlerKpis,
  collectionPct,
  finalGrade,
  gradeOf,
  meanSentiment,
  overallScore,
  parsePeriod,
  pct,
  rankWithin,
  technicianKpis,
  trainingHoursByPerson,
} from "@/lib/hr/kpi";

const none = {
  households: 0,
  scored: 0,
  scoreSum: 0,
  visited: 0,
  billedFen: 0,
  collectedFen: 0,
  complaintsWithSla: 0,
  complaintsMet: 0,
};

describe("butler KPIs", () => {
  it("mean sentiment counts unscored households at the initial score", () => {
    expect(meanSentiment(4, 2, 80 + 90, 100)).toBe(92.5);
    expect(meanSentiment(3, 3, 50 + 60 + 71, 100)).toBe(60.3);
  });
  it("computes every KPI from counts", () => {
    expect(
      butlerKpis(
        {
          households: 4,
          scored: 1,
          scoreSum: 70,
          visited: 1,
          billedFen: 30000,
          collectedFen: 20000,
          complaintsWithSla: 3,
          complaintsMet: 2,
        },
        100,
      ),
    ).toEqual({
      households: 4,
      sentimentMean: 92.5,
      visitCoveragePct: 25,
      collectionPct: 66.7,
      complaintSlaPct: 66.7,
    });
  });
  it("no data is null, never 0", () => {
    expect(butlerKpis(none, 100)).toEqual({
      households: null,
      sentimentMean: null,
      visitCoveragePct: null,
      collectionPct: null,
      complaintSlaPct: null,
    });
    const k = butlerKpis({ ...none, households: 2 }, 100);
    expect(k).toMatchObject({ sentimentMean: 100, visitCoveragePct: 0, collectionPct: null, complaintSlaPct: null });
    expect(pct(0, 0)).toBeNull();
    expect(collectionPct(0, 0)).toBeNull();
    expect(collectionPct(0, 100)).toBe(0);
  });
});

describe("technician KPIs", () => {
  it("orders, SLA and mean rating", () => {
    expect(technicianKpis({ assigned: 5, completed: 4, withSla: 4, met: 3, rated: 2, ratingSum: 9 })).toEqual({
      ordersCompleted: 4,
      slaPct: 75,
      ratingMean: 4.5,
    });
  });
  it("nothing assigned is no data; assigned but none done is 0 orders", () => {
    expect(technicianKpis({ assigned: 0, completed: 0, withSla: 0, met: 0, rated: 0, ratingSum: 0 })).toEqual({
      ordersCompleted: null,
      slaPct: null,
      ratingMean: null,
    });
    expect(
      technicianKpis({ assigned: 2, completed: 0, withSla: 0, met: 0, rated: 0, ratingSum: 0 }).ordersCompleted,
    ).toBe(0);
  });
});

describe("grade formula", () => {
  it("half the manager's score, half the mean of the KPI sub-scores that have data", () => {
    expect(
      overallScore(
        "butler",
        { sentimentMean: 90, visitCoveragePct: 50, collectionPct: 100, complaintSlaPct: null },
        80,
      ),
    ).toBe(80);
    // rating 5 → 100, SLA 80 → KPI score 90; manager 70 → 80
    expect(overallScore("technician", { ordersCompleted: 12, slaPct: 80, ratingMean: 5 }, 70)).toBe(80);
    expect(overallScore("technician", { ordersCompleted: null, slaPct: null, ratingMean: 1 }, 100)).toBe(50);
  });
  it("with no KPI data the manager's score alone counts", () => {
    expect(
      overallScore(
        "butler",
        { sentimentMean: null, visitCoveragePct: null, collectionPct: null, complaintSlaPct: null },
        77,
      ),
    ).toBe(77);
  });
  it("grades at 90 / 75 / 60; the manager's choice wins", () => {
    expect([100, 90, 89, 75, 74, 60, 59, 0].map(gradeOf)).toEqual(["A", "A", "B", "B", "C", "C", "D", "D"]);
    expect(finalGrade(95, "C")).toBe("C");
    expect(finalGrade(95, null)).toBe("A");
  });
});

describe("periods", () => {
  it("months and quarters", () => {
    expect(parsePeriod("2026-10")).toEqual({
      kind: "month",
      months: ["2026-10"],
      from: "2026-10-01",
      to: "2026-11-01",
    });
    expect(parsePeriod("2026Q4")).toEqual({
      kind: "quarter",
      months: ["2026-10", "2026-11", "2026-12"],
      from: "2026-10-01",
      to: "2027-01-01",
    });
    expect(parsePeriod("2026-12")?.to).toBe("2027-01-01");
    expect(parsePeriod("2026Q5")).toBeNull();
    expect(parsePeriod("2026-13")).toBeNull();
  });
});

describe("training hours", () => {
  it("sums completed courses of the year per person, in tenths", () => {
    const rows = [
      { userId: 1, date: "2026-03-01", hoursTenths: 15, completed: true },
      { userId: 1, date: "2026-05-01", hoursTenths: 20, completed: true },
      { userId: 1, date: "2026-06-01", hoursTenths: 40, completed: false },
      { userId: 1, date: "2025-12-31", hoursTenths: 30, completed: true },
      { userId: 2, date: "2026-01-01", hoursTenths: 5, completed: true },
    ];
    expect([...trainingHoursByPerson(rows, 2026)]).toEqual([
      [1, 35],
      [2, 5],
    ]);
    expect(trainingHoursByPerson([], 2026).size).toBe(0);
  });
});

describe("ranking", () => {
  it("ranks within each group, ties share a rank", () => {
    const rows = [
      { id: 1, g: "a", overall: 80 },
      { id: 2, g: "a", overall: 90 },
      { id: 3, g: "a", overall: 80 },
      { id: 4, g: "b", overall: 50 },
    ];
    expect(rankWithin(rows, (r) => r.g).map((r) => [r.id, r.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [4, 1],
    ]);
  });
});
