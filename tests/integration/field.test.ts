import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  cleaningTasks,
  patrolAnomalies,
  patrolRounds,
  patrolScans,
  workOrderAttachments,
  workOrders,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { reportAnomaly } from "@/lib/field/anomaly";
import { completeTask } from "@/lib/field/cleaning";
import { addHandover, recordScan } from "@/lib/field/patrol";
import { LATE_GRACE_MS } from "@/lib/field/rules";
import { markFieldMisses } from "@/lib/field/tick";
import { fieldAt, fieldWorld, generateDay } from "../support/field";
import { createTestDb } from "../support/test-db";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const file = (bytes: Buffer) => ({ size: bytes.length, arrayBuffer: async () => new Uint8Array(bytes).buffer });

/** The reason key of a refused scan, or "ok". */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.fieldErrors?.token?.[0] ?? e.code;
    throw e;
  }
}

type World = Awaited<ReturnType<typeof fieldWorld>>;

async function roundOf(db: Db, w: World, routeId: number, slot = "08:00") {
  const [r] = await db
    .select()
    .from(patrolRounds)
    .where(
      and(eq(patrolRounds.companyId, w.companyId), eq(patrolRounds.routeId, routeId), eq(patrolRounds.slot, slot)),
    );
  return r;
}

describe("field operations", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("generates the day's tasks and rounds once, however often and concurrently the job runs", async () => {
    const w = await fieldWorld(db);
    const runs = await Promise.all([
      generateDay(db, w.companyId),
      generateDay(db, w.companyId),
      generateDay(db, w.companyId),
    ]);
    expect(runs.reduce((n, r) => n + r.cleaningTasks, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.patrolRounds, 0)).toBe(4);
    expect(await generateDay(db, w.companyId)).toEqual({ cleaningTasks: 0, patrolRounds: 0 });
    const tasks = await db.select().from(cleaningTasks).where(eq(cleaningTasks.companyId, w.companyId));
    expect(tasks.map((t) => [t.slot, t.assigneeId, t.dueAt.toISOString()]).sort()).toEqual([
      ["07:00", w.cleaner.id, fieldAt(9).toISOString()],
      ["15:00", w.cleaner.id, fieldAt(17).toISOString()],
    ]);
    const round = await roundOf(db, w, w.route.id);
    expect([round.guardId, round.checkpoints, round.startsAt.toISOString()]).toEqual([
      w.guard.id,
      3,
      fieldAt(8).toISOString(),
    ]);
  });

  it("a guard walks a round in order; a replayed, stale, out-of-order or foreign code is refused", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const round = await roundOf(db, w, w.route.id);
    const [c1, c2, c3] = w.route.checkpoints;
    const now = fieldAt(8, 10);
    const scan = (token: string, at = now, capturedAt = at.getTime() - 2000, userId = w.guard.id) =>
      outcome(recordScan(db, { companyId: w.companyId, userId }, { roundId: round.id, token, capturedAt }, at));

    expect(await scan(c2.token)).toBe("field.scan.outOfOrder");
    expect(await scan(w.foreign.checkpoints[0].token)).toBe("field.scan.foreign");
    expect(await scan(w.route2.checkpoints[0].token)).toBe("field.scan.foreign");
    expect(await scan("not-a-token")).toBe("field.scan.foreign");
    expect(await scan(c1.token, now, fieldAt(7).getTime())).toBe("field.scan.replayed");
    expect(await scan(c1.token, now, now.getTime() - 5 * 60_000)).toBe("field.scan.replayed");
    expect(await scan(c1.token, now, undefined, w.guard2.id)).toBe("not_found");
    expect(await scan(c1.token)).toBe("ok");
    expect(await scan(c1.token)).toBe("field.scan.duplicate");
    expect(await scan(c2.token, fieldAt(8, 30))).toBe("ok");
    expect(await scan(c3.token, fieldAt(8, 50))).toBe("ok");
    const done = await roundOf(db, w, w.route.id);
    expect([done.status, done.scanned, done.completedAt?.toISOString()]).toEqual([
      "done",
      3,
      fieldAt(8, 50).toISOString(),
    ]);
    expect(await scan(c3.token, fieldAt(8, 55))).toBe("field.scan.duplicate");
  });

  it("two scans at once record a checkpoint once; two guards on their own rounds both succeed", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const [r1, r2] = [await roundOf(db, w, w.route.id), await roundOf(db, w, w.route2.id)];
    const now = fieldAt(8, 5);
    const capturedAt = now.getTime() - 1000;
    const same = await Promise.all(
      [1, 2, 3].map(() =>
        outcome(
          recordScan(
            db,
            { companyId: w.companyId, userId: w.guard.id },
            { roundId: r1.id, token: w.route.checkpoints[0].token, capturedAt },
            now,
          ),
        ),
      ),
    );
    expect(same.filter((o) => o === "ok")).toHaveLength(1);
    expect(same.filter((o) => o !== "ok").every((o) => o === "field.scan.duplicate")).toBe(true);
    const both = await Promise.all([
      outcome(
        recordScan(
          db,
          { companyId: w.companyId, userId: w.guard.id },
          { roundId: r1.id, token: w.route.checkpoints[1].token, capturedAt },
          now,
        ),
      ),
      outcome(
        recordScan(
          db,
          { companyId: w.companyId, userId: w.guard2.id },
          { roundId: r2.id, token: w.route2.checkpoints[0].token, capturedAt },
          now,
        ),
      ),
    ]);
    expect(both).toEqual(["ok", "ok"]);
    const scans = await db.select().from(patrolScans).where(eq(patrolScans.roundId, r1.id));
    expect(scans.map((s) => s.seq).sort()).toEqual([1, 2]);
    expect((await roundOf(db, w, w.route.id)).scanned).toBe(2);
  });

  it("a round finished after its window is late; the tick marks unfinished rounds and tasks missed, once", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const r2 = await roundOf(db, w, w.route2.id);
    const after = fieldAt(9, 10);
    for (const cp of w.route2.checkpoints)
      await recordScan(
        db,
        { companyId: w.companyId, userId: w.guard2.id },
        { roundId: r2.id, token: cp.token, capturedAt: after.getTime() },
        after,
      );
    expect((await roundOf(db, w, w.route2.id)).status).toBe("late");

    const r1 = await roundOf(db, w, w.route.id);
    await recordScan(
      db,
      { companyId: w.companyId, userId: w.guard.id },
      { roundId: r1.id, token: w.route.checkpoints[0].token, capturedAt: fieldAt(8, 1).getTime() },
      fieldAt(8, 1),
    );
    const beforeGrace = new Date(fieldAt(9).getTime() + LATE_GRACE_MS - 60_000);
    expect(await markFieldMisses(db, beforeGrace, [w.companyId])).toEqual({ missedTasks: 1, missedRounds: 0 });
    const tick = fieldAt(9, 31);
    expect(await markFieldMisses(db, tick, [w.companyId])).toEqual({ missedTasks: 0, missedRounds: 1 });
    expect(await markFieldMisses(db, tick, [w.companyId])).toEqual({ missedTasks: 0, missedRounds: 0 });
    const missed = await roundOf(db, w, w.route.id);
    expect([missed.status, missed.scanned]).toEqual(["missed", 1]);
    const scan = recordScan(
      db,
      { companyId: w.companyId, userId: w.guard.id },
      { roundId: r1.id, token: w.route.checkpoints[1].token, capturedAt: tick.getTime() },
      tick,
    );
    expect(await outcome(scan)).toBe("field.scan.closed");
  });

  it("a cleaner completes only their own open task, once, with a photo", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const tasks = await db.select().from(cleaningTasks).where(eq(cleaningTasks.companyId, w.companyId));
    const [morning, afternoon] = tasks.sort((a, b) => a.slot.localeCompare(b.slot));
    const me = { companyId: w.companyId, userId: w.cleaner.id };
    expect(
      await outcome(completeTask(db, { companyId: w.companyId, userId: w.cleaner2.id }, { taskId: morning.id })),
    ).toBe("not_found");
    expect(
      await outcome(completeTask(db, { companyId: w.otherCompanyId, userId: w.cleaner.id }, { taskId: morning.id })),
    ).toBe("not_found");
    await completeTask(db, me, { taskId: morning.id, note: "已拖地" }, [file(PNG)], fieldAt(8));
    const [done] = await db.select().from(cleaningTasks).where(eq(cleaningTasks.id, morning.id));
    expect([done.status, done.note, done.photoMime, done.doneAt?.toISOString()]).toEqual([
      "done",
      "已拖地",
      "image/png",
      fieldAt(8).toISOString(),
    ]);
    const again = await outcome(completeTask(db, me, { taskId: morning.id }));
    expect(again).toBe("conflict");
    await markFieldMisses(db, fieldAt(17, 1), [w.companyId]);
    expect(await outcome(completeTask(db, me, { taskId: afternoon.id }))).toBe("conflict");
    expect(await outcome(completeTask(db, me, { taskId: afternoon.id }, [file(Buffer.from("not an image"))]))).toBe(
      "validation",
    );
  });

  it("a guard leaves handover notes only in a community where they patrol", async () => {
    const w = await fieldWorld(db);
    const me = { companyId: w.companyId, userId: w.guard.id };
    expect(await addHandover(db, me, { communityId: w.community.id, note: "东门灯坏了" })).toMatchObject({
      id: expect.any(Number),
    });
    expect(
      await outcome(
        addHandover(db, { companyId: w.companyId, userId: w.cleaner.id }, { communityId: w.community.id, note: "x" }),
      ),
    ).toBe("not_found");
  });

  it("an anomaly reported at a checkpoint becomes a security work order with the photo; only on the guard's own round", async () => {
    const w = await fieldWorld(db);
    await generateDay(db, w.companyId);
    const round = await roundOf(db, w, w.route.id);
    const input = {
      roundId: round.id,
      checkpointId: w.route.checkpoints[1].id,
      kind: "leak" as const,
      note: "车库入口漏水",
    };
    const { id } = await reportAnomaly(db, { companyId: w.companyId, userId: w.guard.id }, input, [file(PNG)]);
    const [order] = await db.select().from(workOrders).where(eq(workOrders.id, id));
    expect([order.companyId, order.type, order.communityId, order.title, order.description]).toEqual([
      w.companyId,
      "security",
      w.community.id,
      "车库入口",
      "车库入口漏水",
    ]);
    expect(await db.select().from(workOrderAttachments).where(eq(workOrderAttachments.workOrderId, id))).toHaveLength(
      1,
    );
    const [row] = await db.select().from(patrolAnomalies).where(eq(patrolAnomalies.workOrderId, id));
    expect([row.kind, row.roundId, row.userId]).toEqual(["leak", round.id, w.guard.id]);
    const other = reportAnomaly(db, { companyId: w.companyId, userId: w.guard2.id }, input);
    expect(await outcome(other)).toBe("not_found");
    const foreignPoint = { ...input, checkpointId: w.route2.checkpoints[0].id };
    expect(await outcome(reportAnomaly(db, { companyId: w.companyId, userId: w.guard.id }, foreignPoint))).toBe(
      "not_found",
    );
  });
});
