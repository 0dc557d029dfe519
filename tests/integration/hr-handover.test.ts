import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  buildingButlers,
  buildings,
  units,
  communityManagers,
  memberships,
  notifications,
  supervisorButlers,
  unitButlers,
  users,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { applyDueChanges, recordPersonnelChange } from "@/lib/hr/changes";
import { runHrDaily } from "@/lib/hr/cron";
import { createStaffRecord } from "@/lib/hr/commands";
import { personnelChangeSchema, staffRecordSchema } from "@/lib/hr/schemas";
import { isSessionCurrent } from "@/lib/auth/session-rules";
import { createCompany, createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

let n = 0;
async function staff(
  db: Db,
  companyId: number,
  adminId: number,
  roles: Parameters<typeof createUser>[2],
  name: string,
  communityId: number | null,
) {
  const u = await createUser(db, companyId, roles, name);
  await createStaffRecord(
    db,
    { companyId, userId: adminId },
    staffRecordSchema.parse({
      userId: u.id,
      employeeNo: `H${++n}`,
      name,
      phone: "",
      email: "",
      communityId: communityId ? String(communityId) : "",
      position: "管家",
      hireDate: "2024-03-01",
      status: "active",
    }),
  );
  return u;
}

async function world(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const butler = await createUser(db, companyId, ["butler"], "王伟");
  const old = await createEstate(db, companyId, { n: 2, butlerId: butler.id });
  const dest = await createEstate(db, companyId, { n: 1 });
  await createStaffRecord(
    db,
    { companyId, userId: adminId },
    staffRecordSchema.parse({
      userId: butler.id,
      employeeNo: `H${++n}`,
      name: "王伟",
      phone: "",
      email: "",
      communityId: String(old.community.id),
      position: "管家",
      hireDate: "2024-03-01",
      status: "active",
    }),
  );
  // A second building of the old community where the butler holds one unit range.
  const [b2] = await db
    .insert(buildings)
    .values({ companyId, communityId: old.community.id, code: "2", name: "2栋" })
    .returning();
  const other = {
    units: await db
      .insert(units)
      .values([
        { companyId, buildingId: b2.id, number: "2-101", floor: 1, areaCentiM2: 9000 },
        { companyId, buildingId: b2.id, number: "2-102", floor: 1, areaCentiM2: 9000 },
      ])
      .returning(),
  };
  const successor = await staff(db, companyId, adminId, ["butler"], "赵敏", old.community.id);
  const manager = await createUser(db, companyId, ["project_manager"], "项目经理");
  await db.insert(communityManagers).values({ companyId, communityId: old.community.id, managerUserId: manager.id });
  const supervisor = await createUser(db, companyId, ["supervisor"], "主管");
  await db.insert(supervisorButlers).values({ companyId, butlerUserId: butler.id, supervisorUserId: supervisor.id });
  await db.insert(unitButlers).values({ companyId, unitId: other.units[0].id, butlerUserId: butler.id });
  return { companyId, actor: { companyId, userId: adminId }, butler, old, dest, other, successor, manager, supervisor };
}

const change = (v: Record<string, unknown>) =>
  personnelChangeSchema.parse({
    reason: "工作需要",
    toCommunityId: "",
    fromRole: "",
    toRole: "",
    toPosition: "",
    successorUserId: "",
    ...v,
  });

describe("a butler's transfer hands over the buildings", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a future-dated transfer with a successor, applied by the daily job, moves buildings and unit ranges once, audited", async () => {
    const w = await world(db);
    await recordPersonnelChange(
      db,
      w.actor,
      change({
        userId: w.butler.id,
        kind: "transfer",
        effectiveDate: "2026-12-01",
        toCommunityId: w.dest.community.id,
        successorUserId: w.successor.id,
      }),
      "2026-11-27",
    );
    const holder = async () =>
      (await db.select().from(buildingButlers).where(eq(buildingButlers.buildingId, w.old.building.id)))[0]
        ?.butlerUserId;
    expect(await holder()).toBe(w.butler.id);
    const mine = (r: { companyId: number; applied: number }[]) => r.find((x) => x.companyId === w.companyId)?.applied;
    expect(mine(await runHrDaily(db, new Date("2026-12-01T02:00:00Z")))).toBe(1);
    expect(await holder()).toBe(w.successor.id);
    const [unit] = await db.select().from(unitButlers).where(eq(unitButlers.unitId, w.other.units[0].id));
    expect(unit.butlerUserId).toBe(w.successor.id);
    // idempotent: a second run changes nothing and writes no more audit entries
    const audits = async () =>
      (
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "assignment.building_butler")))
      ).length;
    expect(await audits()).toBe(1);
    expect(mine(await runHrDaily(db, new Date("2026-12-01T03:00:00Z")))).toBe(0);
    expect(await audits()).toBe(1);
    expect(await holder()).toBe(w.successor.id);
    expect(await db.select().from(notifications).where(eq(notifications.companyId, w.companyId))).toHaveLength(0);
  });

  it("without a successor the work is unassigned and the manager and supervisor are told what", async () => {
    const w = await world(db);
    await recordPersonnelChange(
      db,
      w.actor,
      change({
        userId: w.butler.id,
        kind: "transfer",
        effectiveDate: "2026-12-01",
        toCommunityId: w.dest.community.id,
      }),
      "2026-11-27",
    );
    expect(await applyDueChanges(db, w.companyId, "2026-12-01")).toBe(1);
    expect(
      await db.select().from(buildingButlers).where(eq(buildingButlers.buildingId, w.old.building.id)),
    ).toHaveLength(0);
    expect(await db.select().from(unitButlers).where(eq(unitButlers.unitId, w.other.units[0].id))).toHaveLength(0);
    const inbox = await db.select().from(notifications).where(eq(notifications.companyId, w.companyId));
    expect(inbox.map((x) => x.userId).sort()).toEqual([w.manager.id, w.supervisor.id].sort());
    expect(inbox[0]).toMatchObject({ kind: "hr.unassigned", payload: { name: "王伟" } });
    expect(String(inbox[0].payload.list)).toContain("1栋");
    expect(String(inbox[0].payload.list)).toContain(w.other.units[0].number);
  });

  it("the successor must be another butler of the old community (field error, nothing written)", async () => {
    const w = await world(db);
    const stranger = await staff(db, w.companyId, w.actor.userId, ["butler"], "外区管家", w.dest.community.id);
    const err = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: AppError) => e.fieldErrors,
      );
    for (const successorUserId of [stranger.id, w.manager.id]) {
      expect(
        await err(
          recordPersonnelChange(
            db,
            w.actor,
            change({
              userId: w.butler.id,
              kind: "transfer",
              effectiveDate: "2026-12-01",
              toCommunityId: w.dest.community.id,
              successorUserId,
            }),
            "2026-11-27",
          ),
        ),
      ).toEqual({ successorUserId: ["hr.validation.successorInvalid"] });
    }
    expect(
      personnelChangeSchema.safeParse({
        userId: w.butler.id,
        kind: "transfer",
        effectiveDate: "2026-12-01",
        reason: "工作需要",
        toCommunityId: w.dest.community.id,
        successorUserId: w.butler.id,
      }).success,
    ).toBe(false);
    expect(await applyDueChanges(db, w.companyId, "2026-12-31")).toBe(0);
  });
});

describe("an exit ends account access on its date", () => {
  it("removes the staff roles, bumps the session version (old tokens refused), unassigns buildings, audited; the resident role stays", async () => {
    const db = (await createTestDb()).db;
    const w = await world(db);
    await db.insert(memberships).values({ companyId: w.companyId, userId: w.butler.id, role: "resident" });
    const [before] = await db.select().from(users).where(eq(users.id, w.butler.id));
    const token = { userId: w.butler.id, sessionVersion: before.sessionVersion };
    await recordPersonnelChange(
      db,
      w.actor,
      change({ userId: w.butler.id, kind: "exit", effectiveDate: "2026-12-15", reason: "个人原因" }),
      "2026-11-27",
    );
    expect(await applyDueChanges(db, w.companyId, "2026-12-14")).toBe(0);
    expect(isSessionCurrent(token, (await db.select().from(users).where(eq(users.id, w.butler.id)))[0])).toBe(true);
    expect(await applyDueChanges(db, w.companyId, "2026-12-15")).toBe(1);
    const [after] = await db.select().from(users).where(eq(users.id, w.butler.id));
    expect(isSessionCurrent(token, after)).toBe(false);
    const roles = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.companyId, w.companyId), eq(memberships.userId, w.butler.id)));
    expect(roles.map((r) => r.role)).toEqual(["resident"]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "user.access_revoked")));
    expect(audit).toMatchObject({ entityId: String(w.butler.id), before: { roles: ["butler"] } });
    expect(await db.select().from(buildingButlers).where(eq(buildingButlers.butlerUserId, w.butler.id))).toHaveLength(
      0,
    );
    expect(await applyDueChanges(db, w.companyId, "2026-12-16")).toBe(0);
  });

  it("a change recorded before the exit but dated after it gives no roles back", async () => {
    const db = (await createTestDb()).db;
    const w = await world(db);
    await recordPersonnelChange(
      db,
      w.actor,
      change({
        userId: w.butler.id,
        kind: "promotion",
        effectiveDate: "2027-01-05",
        toPosition: "主管",
        toRole: "supervisor",
      }),
      "2026-11-27",
    );
    await recordPersonnelChange(
      db,
      w.actor,
      change({ userId: w.butler.id, kind: "exit", effectiveDate: "2026-12-31", reason: "合同到期" }),
      "2026-11-27",
    );
    expect(await applyDueChanges(db, w.companyId, "2027-01-10")).toBe(2);
    const roles = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.companyId, w.companyId), eq(memberships.userId, w.butler.id)));
    expect(roles).toEqual([]);
  });
});
