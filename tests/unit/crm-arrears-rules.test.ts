import { describe, expect, it } from "vitest";
import { DEFAULT_CRM_RULES } from "@/lib/crm/config";
import {
  canMoveLegalCase,
  evaluateArrears,
  isNoticeNumber,
  ladderLevels,
  localNoticeNumber,
  localNoticeNumbers,
  noticeNumber,
  type ArrearsFiring,
} from "@/lib/crm/rules/arrears";

const steps = DEFAULT_CRM_RULES.arrears.steps;

/** Replays a sequence of daily months-in-arrears values through the rule, like the cron does. */
function replay(monthsByDay: number[]) {
  let episode: { id: number } | null = null;
  let nextId = 1;
  let fired: { stepKey: string; occurrence: number }[] = [];
  const out: (ArrearsFiring & { day: number; episode: number })[] = [];
  const episodes: { id: number; started: number; ended: number | null }[] = [];
  monthsByDay.forEach((months, day) => {
    const d = evaluateArrears(steps, { months, openEpisode: episode, fired });
    if (d.endEpisode && episode) {
      episodes.find((e) => e.id === episode!.id)!.ended = day;
      episode = null;
      fired = [];
    }
    if (d.startEpisode) {
      episode = { id: nextId++ };
      episodes.push({ id: episode.id, started: day, ended: null });
      fired = [];
    }
    for (const f of d.firings) {
      fired.push({ stepKey: f.stepKey, occurrence: f.occurrence });
      out.push({ ...f, day, episode: episode!.id });
    }
  });
  return { firings: out, episodes };
}

/** Each month in arrears held for `days` days (the months rise by one each due date). */
const climb = (from: number, to: number, days = 3) =>
  Array.from({ length: to - from + 1 }, (_, i) => Array<number>(days).fill(from + i)).flat();

describe("arrears ladder levels", () => {
  it("lists 3, 4, 5, 6, 8, 10, 12, 13 and nothing at 9 or 11", () => {
    expect(ladderLevels(steps, 20).map((l) => `${l.step.key}@${l.occurrence}`)).toEqual([
      "m3@3",
      "m4@4",
      "m5@5",
      "m6@6",
      "m6@8",
      "m6@10",
      "m12@12",
      "m13@13",
    ]);
  });
});

describe("evaluateArrears", () => {
  it("15 months unpaid, replayed day by day: −1 −2 −3 −5 −5 −5 −10 −20 → 49", () => {
    const { firings, episodes } = replay([0, 0, ...climb(1, 15)]);
    expect(firings.map((f) => f.points)).toEqual([-1, -2, -3, -5, -5, -5, -10, -20]);
    expect(firings.map((f) => `${f.stepKey}@${f.occurrence}`)).toEqual([
      "m3@3",
      "m4@4",
      "m5@5",
      "m6@6",
      "m6@8",
      "m6@10",
      "m12@12",
      "m13@13",
    ]);
    expect(100 + firings.reduce((s, f) => s + f.points, 0)).toBe(49);
    expect(episodes).toHaveLength(1);
    expect(new Set(firings.map((f) => f.episode))).toEqual(new Set([1]));
  });

  it("each step: its notice, recipients, task and legal flag", () => {
    const at = (m: number) => evaluateArrears(steps, { months: m, openEpisode: null, fired: [] }).firings[0];
    expect(at(1)).toBeUndefined();
    expect(at(2)).toBeUndefined();
    expect(at(3)).toMatchObject({
      stepKey: "m3",
      points: -1,
      notice: "reminder",
      recipients: [],
      task: null,
      legal: false,
    });
    expect(at(4)).toMatchObject({
      stepKey: "m4",
      points: -2,
      notice: "reminder",
      recipients: ["butler"],
      task: "phone_call",
    });
    expect(at(5)).toMatchObject({
      stepKey: "m5",
      points: -3,
      notice: "reminder",
      recipients: ["butler"],
      task: "home_visit_remind",
    });
    expect(at(6)).toMatchObject({
      stepKey: "m6",
      occurrence: 6,
      points: -5,
      notice: "payment_notice",
      recipients: ["butler", "supervisor"],
      task: "home_visit_request",
    });
    expect(at(12)).toMatchObject({
      stepKey: "m12",
      points: -10,
      notice: "dunning_notice",
      recipients: ["butler", "supervisor", "project_manager"],
      task: "hand_over_dunning",
    });
    expect(at(13)).toMatchObject({
      stepKey: "m13",
      points: -20,
      notice: "lawyer_letter",
      recipients: ["butler", "supervisor", "project_manager"],
      task: "legal_follow_up",
      legal: true,
    });
  });

  it("fires a step once per episode (same day again, following days)", () => {
    const { firings } = replay([3, 3, 3, 3, 4, 4, 4]);
    expect(firings.map((f) => f.stepKey)).toEqual(["m3", "m4"]);
  });

  it("repeats the 6-month step at 8 and 10, not at 7, 9 or 11", () => {
    const { firings } = replay(climb(6, 11));
    expect(firings.map((f) => f.occurrence)).toEqual([6, 8, 10]);
    expect(firings.every((f) => f.stepKey === "m6")).toBe(true);
  });

  it("13 and more fires the legal step once only", () => {
    const { firings } = replay([...climb(12, 20)]);
    expect(firings.map((f) => f.stepKey)).toEqual(["m12", "m13"]);
  });

  it("jump rule: first seen 7 months behind gets only m6", () => {
    const d = evaluateArrears(steps, { months: 7, openEpisode: null, fired: [] });
    expect(d.startEpisode).toBe(true);
    expect(d.firings.map((f) => `${f.stepKey}@${f.occurrence}`)).toEqual(["m6@6"]);
    const { firings } = replay([7, 7, 8, 9, 10]);
    expect(firings.map((f) => `${f.stepKey}@${f.occurrence}`)).toEqual(["m6@6", "m6@8", "m6@10"]);
  });

  it("jump rule: first seen at 13+ gets only m13", () => {
    const { firings } = replay([15, 15, 16]);
    expect(firings.map((f) => f.stepKey)).toEqual(["m13"]);
    expect(firings[0].points).toBe(-20);
  });

  it("jump after missed runs: 4 then 7 fires m6 only", () => {
    const { firings } = replay([4, 7]);
    expect(firings.map((f) => f.stepKey)).toEqual(["m4", "m6"]);
  });

  it("a partial payment lowering the months neither ends the episode nor re-fires", () => {
    const { firings, episodes } = replay([...climb(1, 6), 4, 4, 3, 3, ...climb(4, 7)]);
    expect(firings.map((f) => `${f.stepKey}@${f.occurrence}`)).toEqual(["m3@3", "m4@4", "m5@5", "m6@6"]);
    expect(episodes).toHaveLength(1);
    expect(episodes[0].ended).toBeNull();
  });

  it("a partial payment then rising again fires the next level only once reached", () => {
    const { firings } = replay([...climb(5, 8), 5, 5, 7, 8, 9, 10]);
    expect(firings.map((f) => `${f.stepKey}@${f.occurrence}`)).toEqual(["m5@5", "m6@6", "m6@8", "m6@10"]);
  });

  it("back to 0 ends the episode; a later arrear starts a new one firing again from m3", () => {
    const seq = [...climb(1, 5), 0, 0, ...climb(1, 4)];
    const { firings, episodes } = replay(seq);
    expect(episodes).toHaveLength(2);
    expect(episodes[0].ended).toBe(15);
    expect(firings.map((f) => `${f.episode}:${f.stepKey}`)).toEqual(["1:m3", "1:m4", "1:m5", "2:m3", "2:m4"]);
  });

  it("opens an episode at 1 month without firing; nothing happens at 0 without an episode", () => {
    expect(evaluateArrears(steps, { months: 1, openEpisode: null, fired: [] })).toEqual({
      startEpisode: true,
      endEpisode: false,
      firings: [],
    });
    expect(evaluateArrears(steps, { months: 0, openEpisode: null, fired: [] })).toEqual({
      startEpisode: false,
      endEpisode: false,
      firings: [],
    });
    expect(evaluateArrears(steps, { months: 0, openEpisode: { id: 1 }, fired: [] })).toEqual({
      startEpisode: false,
      endEpisode: true,
      firings: [],
    });
  });

  it("reads the steps from the rules (a company's own points)", () => {
    const custom = steps.map((s) => (s.key === "m3" ? { ...s, points: -4 } : s));
    expect(evaluateArrears(custom, { months: 3, openEpisode: null, fired: [] }).firings[0].points).toBe(-4);
  });
});

describe("due process: a disputed episode pauses the ladder", () => {
  const fired5 = [
    { stepKey: "m3", occurrence: 3 },
    { stepKey: "m4", occurrence: 4 },
    { stepKey: "m5", occurrence: 5 },
  ];
  it("fires nothing while paused, whatever the months", () => {
    for (const months of [3, 6, 8, 12, 13, 20]) {
      expect(evaluateArrears(steps, { months, openEpisode: { id: 1 }, fired: fired5, paused: true }).firings).toEqual(
        [],
      );
    }
  });
  it("still starts an episode and ends it at 0 while paused (no firing)", () => {
    expect(evaluateArrears(steps, { months: 7, openEpisode: null, fired: [], paused: true })).toEqual({
      startEpisode: true,
      endEpisode: false,
      firings: [],
    });
    expect(evaluateArrears(steps, { months: 0, openEpisode: { id: 1 }, fired: fired5, paused: true })).toEqual({
      startEpisode: false,
      endEpisode: true,
      firings: [],
    });
  });
  it("after the dispute is resolved fires only the step then due, once (jump rule)", () => {
    const d = evaluateArrears(steps, { months: 9, openEpisode: { id: 1 }, fired: fired5, paused: false });
    expect(d.firings.map((f) => [f.stepKey, f.occurrence])).toEqual([["m6", 8]]);
    const again = evaluateArrears(steps, {
      months: 9,
      openEpisode: { id: 1 },
      fired: [...fired5, { stepKey: "m6", occurrence: 8 }],
    });
    expect(again.firings).toEqual([]);
    const legal = evaluateArrears(steps, { months: 14, openEpisode: { id: 1 }, fired: fired5 });
    expect(legal.firings.map((f) => f.stepKey)).toEqual(["m13"]);
  });
});

describe("legal cases and numbers", () => {
  it("allows only forward moves and freezes settled / closed", () => {
    expect(canMoveLegalCase("letter_sent", "negotiating")).toBe(true);
    expect(canMoveLegalCase("negotiating", "lawsuit_material_ready")).toBe(true);
    expect(canMoveLegalCase("lawsuit_material_ready", "filed")).toBe(true);
    expect(canMoveLegalCase("filed", "settled")).toBe(true);
    expect(canMoveLegalCase("letter_sent", "filed")).toBe(false);
    expect(canMoveLegalCase("settled", "negotiating")).toBe(false);
    expect(canMoveLegalCase("closed", "letter_sent")).toBe(false);
  });
  it("formats notice numbers", () => {
    expect(noticeNumber(2026, 123)).toBe("催-2026-000123");
  });
  it("shows stored notice numbers with the reader's prefix, leaving other text alone", () => {
    expect(isNoticeNumber("催-2026-000123")).toBe(true);
    expect(isNoticeNumber("催-2026-123")).toBe(false);
    expect(isNoticeNumber(2026)).toBe(false);
    expect(localNoticeNumber("催-2026-000123", "AN")).toBe("AN-2026-000123");
    expect(localNoticeNumber("催-2026-000123", "催")).toBe("催-2026-000123");
    expect(localNoticeNumber("2026-11", "AN")).toBe("2026-11");
    expect(localNoticeNumbers("催-2026-000123 · 王海诚", "AN")).toBe("AN-2026-000123 · 王海诚");
  });
});

describe("legal-case and notice-filter schemas", () => {
  it("refuses an empty note and an unknown status with translated keys", async () => {
    const { moveCaseSchema, followUpSchema, noticeFilterSchema } = await import("@/lib/crm/arrears/schemas");
    const bad = moveCaseSchema.safeParse({ id: "3", to: "won", note: " " });
    expect(bad.success).toBe(false);
    const issues = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(issues).toEqual({ to: "validation.required", note: "validation.required" });
    expect(moveCaseSchema.parse({ id: "3", to: "negotiating", note: " 协商 " })).toEqual({
      id: 3,
      to: "negotiating",
      note: "协商",
    });
    expect(followUpSchema.safeParse({ id: "x", note: "a" }).success).toBe(false);
    expect(noticeFilterSchema.parse({ kind: "nope", month: "2026-13" })).toEqual({ kind: undefined, month: undefined });
    expect(noticeFilterSchema.parse({ kind: "reminder", month: "2026-06" })).toEqual({
      kind: "reminder",
      month: "2026-06",
    });
  });
});
