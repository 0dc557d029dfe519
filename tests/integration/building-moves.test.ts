import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, unitButlers } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { buildingMoveSizes, listBuildingButlers, moveBuildingButler } from "@/lib/registry/building-moves";
import { createCompany, createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/** Issue 16 point 6: moving a building's households to another butler — count, stale check, undo, audit, tenancy. */
describe("building butler moves", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function world() {
    const c = await createCompany(db);
    const b1 = await createUser(db, c.companyId, ["butler"], "甲管家");
    const b2 = await createUser(db, c.companyId, ["butler"], "乙管家");
    const estate = await createEstate(db, c.companyId, { n: 4, butlerId: b1.id });
    // One unit has a unit-range butler of its own: its household does not follow the building.
    await db.insert(unitButlers).values({ companyId: c.companyId, unitId: estate.units[3].id, butlerUserId: b2.id });
    const actor = { companyId: c.companyId, userId: c.adminId, roles: ["admin" as const] };
    return { ...c, b1, b2, estate, actor };
  }

  it("counts the households that follow the building, moves them, and undoes with a new audited move", async () => {
    const w = await world();
    const id = w.estate.building.id;
    expect((await buildingMoveSizes(db, w.companyId, [id])).get(id)).toBe(3);
    const [row] = await listBuildingButlers(db, w.companyId);
    expect(row).toMatchObject({ id, butlerId: w.b1.id, households: 3 });

    const moved = await moveBuildingButler(db, w.actor, {
      buildingId: id,
      butlerUserId: w.b2.id,
      expectedButlerUserId: w.b1.id,
    });
    expect(moved).toEqual({ moved: 3, previous: w.b1.id });
    // Undo: back to the previous butler, only while the building is still with the new one.
    const undone = await moveBuildingButler(db, w.actor, {
      buildingId: id,
      butlerUserId: w.b1.id,
      expectedButlerUserId: w.b2.id,
    });
    expect(undone).toEqual({ moved: 3, previous: w.b2.id });
    const audits = await db
      .select({ before: auditLog.before, after: auditLog.after, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "assignment.building_butler")))
      .orderBy(auditLog.id);
    expect(audits).toEqual([
      { before: { butlerUserId: w.b1.id }, after: { butlerUserId: w.b2.id }, actor: w.adminId },
      { before: { butlerUserId: w.b2.id }, after: { butlerUserId: w.b1.id }, actor: w.adminId },
    ]);
  });

  it("refuses a stale confirm or undo (someone moved the building meanwhile) and writes nothing", async () => {
    const w = await world();
    const id = w.estate.building.id;
    await moveBuildingButler(db, w.actor, { buildingId: id, butlerUserId: null });
    await expect(
      moveBuildingButler(db, w.actor, { buildingId: id, butlerUserId: w.b1.id, expectedButlerUserId: w.b2.id }),
    ).rejects.toMatchObject({ code: "conflict", message: "errors.buildingMoved" });
    expect((await listBuildingButlers(db, w.companyId))[0].butlerId).toBeNull();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "assignment.building_butler")));
    expect(audits).toHaveLength(1);
  });

  it("another company's building is not found, and its list stays its own", async () => {
    const w = await world();
    const other = await world();
    await expect(
      moveBuildingButler(db, other.actor, { buildingId: w.estate.building.id, butlerUserId: other.b1.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await listBuildingButlers(db, other.companyId)).map((b) => b.id)).toEqual([other.estate.building.id]);
  });
});
