import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEntries } from "@/lib/audit/queries";
import { loadSessionUser } from "@/lib/auth/current-user";
import type { Db } from "@/lib/db/client";
import { butlerSummary, registryCounts, residentHouseholds } from "@/lib/registry/queries";
import { setStaffRoles } from "@/lib/tenancy/commands";
import { countMembersByRole, getCompany, listStaff } from "@/lib/tenancy/queries";
import { createCompany, createEstate, createUser, linkResident } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/**
 * Company A's staff must read nothing of company B through any data function. B is given
 * plenty of data; every function is called with A's company id (and, where it takes one,
 * a user id from B) and must come back with nothing of B's.
 */
describe("tenant scoping", () => {
  let db: Db;
  let a: Awaited<ReturnType<typeof createCompany>>;
  let b: Awaited<ReturnType<typeof createCompany>>;
  let bButler: { id: number };
  let bResident: { id: number };

  beforeAll(async () => {
    db = (await createTestDb()).db;
    a = await createCompany(db);
    b = await createCompany(db);
    bButler = await createUser(db, b.companyId, ["butler"]);
    bResident = await createUser(db, b.companyId, ["resident"]);
    const estate = await createEstate(db, b.companyId, { n: 5, butlerId: bButler.id });
    await linkResident(db, b.companyId, bResident.id, estate.households[0].id);
  });

  it("reads B's data through B's id (the fixture is real)", async () => {
    expect((await registryCounts(db, b.companyId)).households).toBe(5);
    expect((await butlerSummary(db, b.companyId, bButler.id)).households).toBe(5);
    expect(await residentHouseholds(db, b.companyId, bResident.id)).toHaveLength(1);
  });

  it("returns none of B's rows through A's id", async () => {
    expect(await registryCounts(db, a.companyId)).toEqual({
      communities: 0,
      buildings: 0,
      units: 0,
      households: 0,
      residents: 0,
    });
    expect(await butlerSummary(db, a.companyId, bButler.id)).toEqual({ buildings: 0, households: 0 });
    expect(await residentHouseholds(db, a.companyId, bResident.id)).toEqual([]);
    const staff = await listStaff(db, a.companyId);
    expect(staff.map((s) => s.id)).toEqual([a.adminId]);
    expect(await countMembersByRole(db, a.companyId)).toEqual({ admin: 1 });
    const audit = await listAuditEntries(db, a.companyId);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.entityId !== String(b.companyId) || e.entity !== "company")).toBe(true);
    expect((await getCompany(db, a.companyId))?.id).toBe(a.companyId);
  });

  it("refuses to change roles of another company's staff", async () => {
    await expect(setStaffRoles(db, a.companyId, a.adminId, bButler.id, ["admin"])).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listStaff(db, b.companyId)).find((s) => s.id === bButler.id)?.roles).toEqual(["butler"]);
  });

  it("gives a token for company A nothing when the user belongs to B only", async () => {
    const claims = { userId: bButler.id, sessionVersion: 1, companyId: a.companyId };
    expect(await loadSessionUser(db, claims)).toBeNull();
    expect((await loadSessionUser(db, { ...claims, companyId: b.companyId }))?.roles).toEqual(["butler"]);
  });
});
