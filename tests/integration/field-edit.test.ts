import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, cleaningTasks, patrolCheckpoints, patrolRounds } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import {
  addCheckpoint,
  changeCheckpoint,
  renameCheckpoint,
  setCleaningAreaActive,
  updateCleaningArea,
  updatePatrolRoute,
} from "@/lib/field/edit";
import { recordScan } from "@/lib/field/patrol";
import { fieldAt, fieldWorld, generateDay } from "../support/field";
import { createTestDb } from "../support/test-db";

/** Issue 19 point 1: the supervisor's edits of areas, routes and checkpoints apply from the next day's plans. */

const TOMORROW = "2026-12-08";

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return Object.values(e.fieldErrors ?? {})[0]?.[0] ?? e.code;
    throw e;
  }
}

type World = Awaited<ReturnType<typeof fieldWorld>>;

async function roundOf(db: Db, w: World, date: string) {
  const [r] = await db
    .select()
    .from(patrolRounds)
    .where(and(eq(patrolRounds.routeId, w.route.id), eq(patrolRounds.date, date), eq(patrolRounds.slot, "08:00")));
  return r;
}

async function points(db: Db, routeId: number) {
  return db
    .select({ id: patrolCheckpoints.id, seq: patrolCheckpoints.seq, token: patrolCheckpoints.token })
    .from(patrolCheckpoints)
    .where(eq(patrolCheckpoints.routeId, routeId))
    .orderBy(asc(patrolCheckpoints.seq));
}

describe("field plan edits", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("edits are tenant-scoped: another company's supervisor gets not_found, a foreign guard or cleaner is refused", async () => {
    const w = await fieldWorld(db);
    const stranger = { companyId: w.otherCompanyId, userId: w.adminId };
    const route = { routeId: w.route.id, name: "改名", times: ["09:00"], windowMinutes: 60, guardId: null };
    expect(await outcome(updatePatrolRoute(db, stranger, route))).toBe("not_found");
    const cp = w.route.checkpoints[0].id;
    expect(await outcome(renameCheckpoint(db, stranger, { checkpointId: cp, name: "x" }))).toBe("not_found");
    expect(await outcome(changeCheckpoint(db, stranger, { checkpointId: cp, op: "reissue" }))).toBe("not_found");
    expect(await outcome(addCheckpoint(db, stranger, { routeId: w.route.id, name: "x" }))).toBe("not_found");
    expect(await outcome(setCleaningAreaActive(db, stranger, { id: w.area.id, active: false }))).toBe("not_found");
    const admin = { companyId: w.companyId, userId: w.adminId };
    // A guard of this company is fine; a cleaner is not a guard; a user of no role here is refused.
    expect(await outcome(updatePatrolRoute(db, admin, { ...route, guardId: w.cleaner.id }))).toBe("field.plan.noStaff");
    expect(await outcome(updatePatrolRoute(db, admin, { ...route, guardId: w.guard2.id }))).toBe("ok");
    const [unchanged] = await points(db, w.foreign.id);
    expect(unchanged.token).toBe(w.foreign.checkpoints[0].token);
  });

  it("reordering and renaming keep tokens; today's round keeps its order, tomorrow's follows the route", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const [c1, c2, c3] = w.route.checkpoints;
    const admin = { companyId: w.companyId, userId: w.adminId };
    await changeCheckpoint(db, admin, { checkpointId: c3.id, op: "up" });
    await renameCheckpoint(db, admin, { checkpointId: c2.id, name: "车库出口" });
    expect(await points(db, w.route.id)).toEqual([
      { id: c1.id, seq: 1, token: c1.token },
      { id: c3.id, seq: 2, token: c3.token },
      { id: c2.id, seq: 3, token: c2.token },
    ]);
    // Today's round walks the old order.
    const today = await roundOf(db, w, "2026-12-07");
    const scan = (roundId: number, token: string, at: Date) =>
      outcome(
        recordScan(
          db,
          { companyId: w.companyId, userId: w.guard.id },
          { roundId, token, capturedAt: at.getTime() },
          at,
        ),
      );
    expect(await scan(today.id, c1.token, fieldAt(8, 5))).toBe("ok");
    expect(await scan(today.id, c3.token, fieldAt(8, 6))).toBe("field.scan.outOfOrder");
    expect(await scan(today.id, c2.token, fieldAt(8, 7))).toBe("ok");
    // Tomorrow's round follows the new order.
    await generateDay(db, w.companyId, TOMORROW);
    const next = await roundOf(db, w, TOMORROW);
    expect(next.plan).toEqual([c1.id, c3.id, c2.id]);
    expect(await scan(next.id, c1.token, fieldAt(8, 5, TOMORROW))).toBe("ok");
    expect(await scan(next.id, c3.token, fieldAt(8, 6, TOMORROW))).toBe("ok");
    const audit = await db.select().from(auditLog).where(eq(auditLog.companyId, w.companyId));
    // The fixture's routes and area were created through the audited commands too.
    expect(
      audit
        .map((a) => a.action)
        .filter((a) => a.startsWith("field."))
        .sort(),
    ).toEqual([
      "field.area.create",
      "field.checkpoint.rename",
      "field.checkpoint.up",
      "field.route.create",
      "field.route.create",
    ]);
  });

  it("reissuing a code refuses the old token in scans and accepts the new one", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const [c1] = w.route.checkpoints;
    await changeCheckpoint(db, { companyId: w.companyId, userId: w.adminId }, { checkpointId: c1.id, op: "reissue" });
    const [fresh] = await points(db, w.route.id);
    expect(fresh.token).not.toBe(c1.token);
    const round = await roundOf(db, w, "2026-12-07");
    const at = fieldAt(8, 5);
    const scan = (token: string) =>
      outcome(
        recordScan(
          db,
          { companyId: w.companyId, userId: w.guard.id },
          { roundId: round.id, token, capturedAt: at.getTime() },
          at,
        ),
      );
    expect(await scan(c1.token)).toBe("field.scan.foreign");
    expect(await scan(fresh.token)).toBe("ok");
  });

  it("a deactivated checkpoint is left out of tomorrow's rounds (today's keep it); a route keeps two; an added one joins", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const [c1, c2, c3] = w.route.checkpoints;
    const admin = { companyId: w.companyId, userId: w.adminId };
    await changeCheckpoint(db, admin, { checkpointId: c2.id, op: "deactivate" });
    expect(await outcome(changeCheckpoint(db, admin, { checkpointId: c3.id, op: "deactivate" }))).toBe(
      "field.plan.fewCheckpoints",
    );
    const added = await addCheckpoint(db, admin, { routeId: w.route.id, name: "水泵房" });
    expect((await roundOf(db, w, "2026-12-07")).plan).toEqual([c1.id, c2.id, c3.id]);
    await generateDay(db, w.companyId, TOMORROW);
    const next = await roundOf(db, w, TOMORROW);
    expect([next.plan, next.checkpoints]).toEqual([[c1.id, c3.id, added.id], 3]);
    const at = fieldAt(8, 5, TOMORROW);
    const scan = (token: string) =>
      outcome(
        recordScan(
          db,
          { companyId: w.companyId, userId: w.guard.id },
          { roundId: next.id, token, capturedAt: at.getTime() },
          at,
        ),
      );
    expect(await scan(c1.token)).toBe("ok");
    expect(await scan(c2.token)).toBe("field.scan.foreign");
    expect(await scan(c3.token)).toBe("ok");
  });

  it("an area's new schedule and assignee apply from tomorrow; a deactivated area gets no new tasks", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const admin = { companyId: w.companyId, userId: w.adminId };
    const edit = {
      areaId: w.area.id,
      name: "1栋大堂",
      kind: "lobby" as const,
      standard: "地面无水渍，玻璃无手印",
      times: ["06:30"],
      windowMinutes: 90,
      weekdays: 127,
      assigneeId: w.cleaner2.id,
    };
    expect(await outcome(updateCleaningArea(db, admin, { ...edit, assigneeId: w.guard.id }))).toBe(
      "field.plan.noStaff",
    );
    await updateCleaningArea(db, admin, edit);
    await generateDay(db, w.companyId, TOMORROW);
    const tasks = await db
      .select({ date: cleaningTasks.date, slot: cleaningTasks.slot, assigneeId: cleaningTasks.assigneeId })
      .from(cleaningTasks)
      .where(eq(cleaningTasks.areaId, w.area.id))
      .orderBy(asc(cleaningTasks.date), asc(cleaningTasks.slot));
    expect(tasks).toEqual([
      { date: "2026-12-07", slot: "07:00", assigneeId: w.cleaner.id },
      { date: "2026-12-07", slot: "15:00", assigneeId: w.cleaner.id },
      { date: TOMORROW, slot: "06:30", assigneeId: w.cleaner2.id },
    ]);
    await setCleaningAreaActive(db, admin, { id: w.area.id, active: false });
    expect(await generateDay(db, w.companyId, "2026-12-09")).toMatchObject({ cleaningTasks: 0 });
  });
});
