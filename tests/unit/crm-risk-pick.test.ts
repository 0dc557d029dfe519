import { describe, expect, it } from "vitest";
import { MANY_BUTLERS, pickRiskLists, RISK_PER_BUTLER, RISK_PER_BUTLER_MANY } from "@/lib/crm/risk-pick";
import type { RiskRow } from "@/lib/crm/risk-lists";

/** `butlers` butlers (named b01, b02 … so their name order is their id order), each with `per` ranked rows. */
function lists(butlers: number, per: number, worst: (butler: number) => number): RiskRow[] {
  const rows: RiskRow[] = [];
  for (let b = 1; b <= butlers; b++)
    for (let rank = 0; rank < per; rank++)
      rows.push({
        butlerUserId: b,
        butlerName: `b${String(b).padStart(2, "0")}`,
        householdId: b * 100 + rank,
        name: `h${b}-${rank}`,
        unit: null,
        score: worst(b) + rank,
        band: "poor",
        monthsInArrears: 0,
        households: 40,
      });
  return rows;
}

describe("which butler risk lists the CRM dashboard shows", () => {
  it("few butlers: each one's ranked list, by name, unchanged", () => {
    const ranked = lists(MANY_BUTLERS, RISK_PER_BUTLER, () => 60);
    const pick = pickRiskLists(ranked, {});
    expect(pick.rows).toEqual(ranked);
    expect(pick).toMatchObject({
      many: false,
      perButler: RISK_PER_BUTLER,
      butlers: MANY_BUTLERS,
      shownButlers: MANY_BUTLERS,
    });
  });

  it("many butlers: the worst butlers' first few, worst butler first, each list in its rank order", () => {
    // Butler b's worst household scores 80 - b: the last butlers are the worst.
    const n = MANY_BUTLERS + 5;
    const pick = pickRiskLists(
      lists(n, RISK_PER_BUTLER, (b) => 80 - b),
      {},
    );
    expect(pick).toMatchObject({ many: true, perButler: RISK_PER_BUTLER_MANY, butlers: n, shownButlers: MANY_BUTLERS });
    const order = [...new Set(pick.rows.map((r) => r.butlerUserId))];
    expect(order).toEqual(Array.from({ length: MANY_BUTLERS }, (_, i) => n - i));
    expect(pick.rows.filter((r) => r.butlerUserId === n).map((r) => r.householdId)).toEqual([
      n * 100,
      n * 100 + 1,
      n * 100 + 2,
    ]);
    expect(pick.rows).toHaveLength(MANY_BUTLERS * RISK_PER_BUTLER_MANY);
  });

  it("ties on the worst score go to the butler with more months in arrears", () => {
    const ranked = lists(MANY_BUTLERS + 1, 1, () => 50);
    ranked[MANY_BUTLERS].monthsInArrears = 9; // the last butler by name
    const pick = pickRiskLists(ranked, {});
    expect(pick.rows[0].butlerUserId).toBe(MANY_BUTLERS + 1);
    expect(pick.rows.map((r) => r.butlerUserId)).not.toContain(MANY_BUTLERS); // by name, the last tie is left out
  });

  it("every butler when asked: each one's first few, by name", () => {
    const n = MANY_BUTLERS + 5;
    const pick = pickRiskLists(
      lists(n, RISK_PER_BUTLER, (b) => 80 - b),
      { allButlers: true },
    );
    expect(pick).toMatchObject({ many: true, shownButlers: n });
    expect([...new Set(pick.rows.map((r) => r.butlerUserId))]).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(pick.rows).toHaveLength(n * RISK_PER_BUTLER_MANY);
  });

  it("one butler's page: that butler's whole list", () => {
    const ranked = lists(1, 40, () => 30);
    const pick = pickRiskLists(ranked, { onlyButler: 1 });
    expect(pick.rows).toEqual(ranked);
    expect(pick).toMatchObject({ many: false, perButler: 40 });
  });
});
