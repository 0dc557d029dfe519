import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { applyDueChanges, listPersonnelChanges, recordPersonnelChange } from "@/lib/hr/changes";
import { runHrDaily } from "@/lib/hr/cron";
import { createStaffRecord } from "@/lib/hr/commands";
import { getOwnStaffRecord } from "@/lib/hr/queries";
import { personnelChangeSchema, staffRecordSchema } from "@/lib/hr/schemas";
import { createCompany, createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

async function setup(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const a = await createEstate(db, companyId, { n: 1 });
  const b = await createEstate(db, companyId, { n: 1 });
  const butler = await createUser(db, companyId, ["butler"], "李娜");
  await createStaffRecord(
    db,
    { companyId, userId: adminId },
    staffRecordSchema.parse({
      userId: butler.id,
      employeeNo: "E1",
      name: "李娜",
      phone: "",
      email: "",
      communityId: String(a.community.id),
      position: "管家",
      hireDate: "2024-03-01",
      status: "active",
    }),
  );
  return { companyId, actor: { companyId, userId: adminId }, butler, from: a.community, to: b.community };
}

const change = (v: Record<string, unknown>) =>
  personnelChangeSchema.parse({
    reason: "工作需要",
    toCommunityId: "",
    fromRole: "",
    toRole: "",
    toPosition: "",
    ...v,
  });
const roles = async (db: Db, companyId: number, userId: number) =>
  (
    await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
  )
    .map((r) => r.role)
    .sort();

describe("personnel changes", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a future-dated transfer waits for its date, then the cron applies it once", async () => {
    const { companyId, actor, butler, to } = await setup(db);
    await recordPersonnelChange(
      db,
      actor,
      change({ userId: butler.id, kind: "transfer", effectiveDate: "2026-12-01", toCommunityId: to.id }),
      "2026-11-27",
    );
    expect((await getOwnStaffRecord(db, companyId, butler.id))?.communityId).not.toBe(to.id);
    expect(await applyDueChanges(db, companyId, "2026-11-30")).toBe(0);
    expect(await applyDueChanges(db, companyId, "2026-12-01")).toBe(1);
    expect((await getOwnStaffRecord(db, companyId, butler.id))?.communityName).toBe(to.name);
    expect(await applyDueChanges(db, companyId, "2026-12-02")).toBe(0);
    const [history] = await listPersonnelChanges(db, companyId, butler.id);
    expect(history).toMatchObject({ kind: "transfer", toCommunityName: to.name, reason: "工作需要" });
    expect(history.appliedAt).toBeInstanceOf(Date);
  });

  it("concurrent cron runs apply a change once", async () => {
    const { companyId, actor, butler } = await setup(db);
    await recordPersonnelChange(
      db,
      actor,
      change({
        userId: butler.id,
        kind: "role_change",
        effectiveDate: "2026-12-01",
        fromRole: "butler",
        toRole: "supervisor",
      }),
      "2026-11-27",
    );
    const counts = await Promise.all([1, 2, 3, 4].map(() => applyDueChanges(db, companyId, "2026-12-01")));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await roles(db, companyId, butler.id)).toEqual(["supervisor"]);
  });

  it("a promotion dated today applies at once; an exit ends the record and the sessions; the history lists both", async () => {
    const { companyId, actor, butler } = await setup(db);
    const [before] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, butler.id));
    await recordPersonnelChange(
      db,
      actor,
      change({
        userId: butler.id,
        kind: "promotion",
        effectiveDate: "2026-11-27",
        toPosition: "管家主管",
        toRole: "supervisor",
      }),
      "2026-11-27",
    );
    expect(await getOwnStaffRecord(db, companyId, butler.id)).toMatchObject({ position: "管家主管" });
    expect(await roles(db, companyId, butler.id)).toEqual(["butler", "supervisor"]);
    await recordPersonnelChange(
      db,
      actor,
      change({ userId: butler.id, kind: "exit", effectiveDate: "2026-11-27", reason: "个人原因离职" }),
      "2026-11-27",
    );
    expect((await getOwnStaffRecord(db, companyId, butler.id))?.status).toBe("exited");
    const [after] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, butler.id));
    expect(after.v).toBe(before.v + 2);
    expect((await listPersonnelChanges(db, companyId, butler.id)).map((c) => c.kind).sort()).toEqual([
      "exit",
      "promotion",
    ]);
  });

  it("bad input: dated before the hire date, a role not held, missing fields, another company's person", async () => {
    const { actor, butler } = await setup(db);
    const err = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: AppError) => ({ code: e.code, fields: e.fieldErrors }),
      );
    expect(
      await err(
        recordPersonnelChange(
          db,
          actor,
          change({ userId: butler.id, kind: "exit", effectiveDate: "2024-02-29" }),
          "2026-11-27",
        ),
      ),
    ).toEqual({ code: "validation", fields: { effectiveDate: ["hr.validation.beforeHire"] } });
    expect(
      await err(
        recordPersonnelChange(
          db,
          actor,
          change({
            userId: butler.id,
            kind: "role_change",
            effectiveDate: "2026-12-01",
            fromRole: "finance",
            toRole: "hr",
          }),
          "2026-11-27",
        ),
      ),
    ).toEqual({ code: "validation", fields: { fromRole: ["hr.validation.roleNotHeld"] } });
    const missing = personnelChangeSchema.safeParse({
      userId: butler.id,
      kind: "transfer",
      effectiveDate: "2026-12-01",
      reason: "工作需要",
      toCommunityId: "",
    });
    expect(missing.success ? [] : missing.error.issues.map((i) => i.path.join("."))).toEqual(["toCommunityId"]);
    const other = await createCompany(db);
    expect(
      (
        await err(
          recordPersonnelChange(
            db,
            { companyId: other.companyId, userId: other.adminId },
            change({ userId: butler.id, kind: "exit", effectiveDate: "2026-12-01" }),
            "2026-11-27",
          ),
        )
      )?.code,
    ).toBe("not_found");
  });
});

describe("HR daily job", () => {
  it("applies a change on the company's local date (Shanghai is already on the 1st at 16:30 UTC on the 30th)", async () => {
    const db = (await createTestDb()).db;
    const { companyId, actor, butler, to } = await setup(db);
    await recordPersonnelChange(
      db,
      actor,
      change({ userId: butler.id, kind: "transfer", effectiveDate: "2026-12-01", toCommunityId: to.id }),
      "2026-11-27",
    );
    const mine = (r: { companyId: number; applied: number }[]) => r.find((x) => x.companyId === companyId)?.applied;
    expect(mine(await runHrDaily(db, new Date("2026-11-30T15:59:00Z")))).toBe(0);
    expect(mine(await runHrDaily(db, new Date("2026-11-30T16:00:00Z")))).toBe(1);
    expect(mine(await runHrDaily(db, new Date("2026-11-30T17:00:00Z")))).toBe(0);
    expect((await getOwnStaffRecord(db, companyId, butler.id))?.communityId).toBe(to.id);
  });
});
