import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { createStaffRecord, updateStaffRecord } from "@/lib/hr/commands";
import { getOwnStaffRecord, getStaffRecord, listStaffRecords, listStaffWithoutRecord } from "@/lib/hr/queries";
import { staffRecordSchema, staffRecordUpdateSchema } from "@/lib/hr/schemas";
import { createCompany, createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const input = (userId: number, employeeNo: string, extra: Record<string, unknown> = {}) =>
  staffRecordSchema.parse({
    userId,
    employeeNo,
    name: "李娜",
    phone: "",
    email: "",
    communityId: "",
    position: "管家",
    hireDate: "2024-03-01",
    status: "active",
    ...extra,
  });

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, fields: e.fieldErrors };
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("staff records", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("HR creates a record for a staff member; it is listed with the person's roles and audited", async () => {
    const { companyId, adminId } = await createCompany(db);
    const butler = await createUser(db, companyId, ["butler", "supervisor"], "李娜");
    const { community } = await createEstate(db, companyId, { n: 1 });
    const actor = { companyId, userId: adminId };
    const row = await createStaffRecord(db, actor, input(butler.id, "e0001", { communityId: String(community.id) }));
    const list = await listStaffRecords(db, companyId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: row.id,
      employeeNo: "E0001",
      communityName: community.name,
      roles: ["butler", "supervisor"],
      status: "active",
    });
    expect(await getOwnStaffRecord(db, companyId, butler.id)).toMatchObject({ id: row.id });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), eq(auditLog.entity, "staff_record")));
    expect(audits.map((a) => a.action)).toEqual(["staff_record.create"]);
    // The person no longer appears among accounts without a record; the admin still does.
    expect((await listStaffWithoutRecord(db, companyId)).map((p) => p.id)).toEqual([adminId]);
  });

  it("refuses a taken employee number, a second record for the same person, residents and other companies' people", async () => {
    const { companyId, adminId } = await createCompany(db);
    const other = await createCompany(db);
    const actor = { companyId, userId: adminId };
    const a = await createUser(db, companyId, ["technician"]);
    const b = await createUser(db, companyId, ["technician"]);
    const resident = await createUser(db, companyId, ["resident"]);
    const outsider = await createUser(db, other.companyId, ["technician"]);
    await createStaffRecord(db, actor, input(a.id, "T-1"));
    expect(await codeOf(createStaffRecord(db, actor, input(b.id, "t-1")))).toEqual({
      code: "conflict",
      fields: { employeeNo: ["hr.validation.employeeNoTaken"] },
    });
    expect(await codeOf(createStaffRecord(db, actor, input(a.id, "T-2")))).toEqual({
      code: "conflict",
      fields: { userId: ["hr.validation.recordExists"] },
    });
    expect((await codeOf(createStaffRecord(db, actor, input(resident.id, "T-3")))).code).toBe("not_found");
    expect((await codeOf(createStaffRecord(db, actor, input(outsider.id, "T-4")))).code).toBe("not_found");
    // The same number is fine in another company.
    await createStaffRecord(db, { companyId: other.companyId, userId: other.adminId }, input(outsider.id, "T-1"));
    // A community of another company is refused.
    const foreign = await createEstate(db, other.companyId, { n: 1 });
    expect(
      (await codeOf(createStaffRecord(db, actor, input(b.id, "T-5", { communityId: foreign.community.id })))).code,
    ).toBe("not_found");
    expect((await listStaffRecords(db, companyId)).map((r) => r.employeeNo)).toEqual(["T-1"]);
  });

  it("an edit keeps before and after in the audit log; another company cannot edit or see the record", async () => {
    const { companyId, adminId } = await createCompany(db);
    const other = await createCompany(db);
    const tech = await createUser(db, companyId, ["technician"]);
    const row = await createStaffRecord(db, { companyId, userId: adminId }, input(tech.id, "E0009"));
    const update = staffRecordUpdateSchema.parse({
      id: row.id,
      employeeNo: "E0009",
      name: "李娜",
      phone: "13800001111",
      email: "",
      communityId: "",
      position: "高级技师",
      hireDate: "2024-03-01",
      status: "on_leave",
    });
    expect(
      (await codeOf(updateStaffRecord(db, { companyId: other.companyId, userId: other.adminId }, update))).code,
    ).toBe("not_found");
    expect(await getStaffRecord(db, other.companyId, row.id)).toBeNull();
    await updateStaffRecord(db, { companyId, userId: adminId }, update);
    expect(await getStaffRecord(db, companyId, row.id)).toMatchObject({
      position: "高级技师",
      status: "on_leave",
      phone: "13800001111",
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, "staff_record.update")));
    expect(entry).toMatchObject({ actorUserId: adminId, entityId: String(row.id) });
    expect(entry.before).toMatchObject({ position: "管家", status: "active", phone: null });
    expect(entry.after).toMatchObject({ position: "高级技师", status: "on_leave" });
  });
});
