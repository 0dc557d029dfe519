import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { patrolRounds } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { fieldBoard } from "@/lib/field/board";
import { recordScan } from "@/lib/field/patrol";
import { markFieldMisses } from "@/lib/field/tick";
import { teamCounts } from "@/lib/field/team-counts";
import { FIELD_DATE, fieldAt, fieldWorld, generateDay } from "../support/field";
import { createEstate } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/** Issue 19 point 2: the board per team and community, and its figures (company-scoped). */
describe("field board per team", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("counts done, late and missed per team today and this week, and lists the rows behind each figure", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId, "2026-12-06");
    await generateDay(db, w.companyId);
    const round = async (routeId: number, date = FIELD_DATE) =>
      (
        await db
          .select()
          .from(patrolRounds)
          .where(and(eq(patrolRounds.routeId, routeId), eq(patrolRounds.date, date), eq(patrolRounds.slot, "08:00")))
      )[0];
    // Route 1 walked in time today; route 2 walked late today; everything else of yesterday and this morning missed.
    const r1 = await round(w.route.id);
    for (const [k, cp] of w.route.checkpoints.entries()) {
      const at = fieldAt(8, 5 + k);
      await recordScan(
        db,
        { companyId: w.companyId, userId: w.guard.id },
        { roundId: r1.id, token: cp.token, capturedAt: at.getTime() },
        at,
      );
    }
    const r2 = await round(w.route2.id);
    for (const cp of w.route2.checkpoints) {
      const at = fieldAt(9, 10);
      await recordScan(
        db,
        { companyId: w.companyId, userId: w.guard2.id },
        { roundId: r2.id, token: cp.token, capturedAt: at.getTime() },
        at,
      );
    }
    await markFieldMisses(db, fieldAt(9, 31), [w.companyId]);

    const counts = await teamCounts(db, w.companyId, { today: FIELD_DATE, weekFrom: "2026-12-06" });
    expect(counts.security.today).toEqual({ done: 1, late: 1, missed: 0 });
    // Yesterday: both routes' 08:00 and 20:00 rounds missed.
    expect(counts.security.week).toEqual({ done: 1, late: 1, missed: 4 });
    // The 07:00 task today and both of yesterday's.
    expect(counts.cleaning.today).toEqual({ done: 0, late: 0, missed: 1 });
    expect(counts.cleaning.week).toEqual({ done: 0, late: 0, missed: 3 });

    const late = await fieldBoard(db, w.companyId, { from: FIELD_DATE, team: "security", status: "late" });
    expect([late.tasks.length, late.rounds.map((r) => r.id)]).toEqual([0, [r2.id]]);
    const missed = await fieldBoard(db, w.companyId, { from: "2026-12-06", team: "cleaning", status: "missed" });
    expect([missed.rounds.length, missed.tasks.length]).toEqual([0, 3]);
    const attention = await fieldBoard(db, w.companyId, { from: "2026-12-06" });
    expect(attention.rounds.map((r) => r.status).sort()).toEqual(["late", "missed", "missed", "missed", "missed"]);

    // Another community of the same company has none of it; another company sees nothing of it.
    const { community: other } = await createEstate(db, w.companyId, { n: 1 });
    const elsewhere = await teamCounts(db, w.companyId, {
      today: FIELD_DATE,
      weekFrom: "2026-12-06",
      communityId: other.id,
    });
    expect(elsewhere.security.week).toEqual({ done: 0, late: 0, missed: 0 });
    expect((await fieldBoard(db, w.companyId, { from: "2026-12-06", communityId: other.id })).rounds).toEqual([]);
    const foreign = await teamCounts(db, w.otherCompanyId, { today: FIELD_DATE, weekFrom: "2026-12-06" });
    expect(foreign.security.week).toEqual({ done: 0, late: 0, missed: 0 });
  });
});
