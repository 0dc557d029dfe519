import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, residentLinks } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { residentHouseholds } from "@/lib/registry/queries";
import { decideRegistration, registerResident } from "@/lib/residents/commands";
import { countPendingRegistrations, listRegistrations } from "@/lib/residents/queries";
import { residentHome } from "@/lib/residents/home";
import { registerSchema } from "@/lib/residents/schemas";
import { createCompany, createUser, randomPhone, TEST_PASSWORD } from "../support/fixtures";
import { addLink, assignSupervisor, createCodedEstate, randomIp } from "../support/residents-fixtures";
import { createTestDb } from "../support/test-db";

/**
 * Company A: two communities. North (butler N, supervisor S1 leads N, manager PN) and
 * South (butler S, supervisor S2 leads S, manager PS). Company B: its own butler and estate.
 */
describe("butler approval of registrations", () => {
  let db: Db;
  let a: Awaited<ReturnType<typeof createCompany>>;
  let b: Awaited<ReturnType<typeof createCompany>>;
  const staff: Record<string, { id: number; roles: Role[] }> = {};
  let north: Awaited<ReturnType<typeof createCodedEstate>>;
  let south: Awaited<ReturnType<typeof createCodedEstate>>;
  let bEstate: Awaited<ReturnType<typeof createCodedEstate>>;

  const viewer = (key: string) => ({ userId: staff[key].id, roles: staff[key].roles });

  async function hire(key: string, companyId: number, roles: Role[]) {
    const user = await createUser(db, companyId, roles, key);
    staff[key] = { id: user.id, roles };
  }

  async function register(code: string, relation = "owner") {
    const input = registerSchema.parse({
      code,
      name: "申请人",
      phone: randomPhone(),
      password: TEST_PASSWORD,
      relation,
      acceptPrivacy: true,
    });
    return registerResident(db, input, { ip: randomIp() });
  }

  const statusOf = async (linkId: number) =>
    (await db.select({ s: residentLinks.status }).from(residentLinks).where(eq(residentLinks.id, linkId)))[0].s;
  const pendingIds = async (key: string, companyId = a.companyId) =>
    (await listRegistrations(db, companyId, viewer(key), "pending")).map((r) => r.linkId);

  beforeAll(async () => {
    db = (await createTestDb()).db;
    a = await createCompany(db);
    b = await createCompany(db);
    for (const [key, roles] of [
      ["butlerN", ["butler"]],
      ["butlerS", ["butler"]],
      ["supervisor1", ["supervisor"]],
      ["supervisor2", ["supervisor"]],
      ["managerN", ["project_manager"]],
      ["managerS", ["project_manager"]],
      ["frontDesk", ["front_desk"]],
      ["technician", ["technician"]],
      ["finance", ["finance"]],
    ] as const)
      await hire(key, a.companyId, [...roles]);
    staff.adminA = { id: a.adminId, roles: ["admin"] };
    staff.adminB = { id: b.adminId, roles: ["admin"] };
    await hire("butlerB", b.companyId, ["butler"]);
    north = await createCodedEstate(db, a.companyId, {
      n: 6,
      butlerId: staff.butlerN.id,
      managerId: staff.managerN.id,
    });
    south = await createCodedEstate(db, a.companyId, {
      n: 3,
      butlerId: staff.butlerS.id,
      managerId: staff.managerS.id,
    });
    bEstate = await createCodedEstate(db, b.companyId, { n: 2, butlerId: staff.butlerB.id });
    await assignSupervisor(db, a.companyId, staff.supervisor1.id, staff.butlerN.id);
    await assignSupervisor(db, a.companyId, staff.supervisor2.id, staff.butlerS.id);
  });

  it("the household's butler sees the request with requester, household and units, approves it, and the resident sees the household", async () => {
    const { userId, linkId } = await register(north.codes[0], "family");
    const [row] = (await listRegistrations(db, a.companyId, viewer("butlerN"), "pending")).filter(
      (r) => r.linkId === linkId,
    );
    expect(row).toMatchObject({
      status: "pending",
      relation: "family",
      requester: { id: userId, name: "申请人" },
      household: { id: north.households[0].id },
      units: [{ id: north.units[0].id }],
    });
    expect(row.units[0].label).toContain(north.units[0].number);

    expect(await decideRegistration(db, a.companyId, viewer("butlerN"), linkId, { kind: "approve" })).toEqual({
      linkId,
      status: "approved",
    });
    const [link] = await db.select().from(residentLinks).where(eq(residentLinks.id, linkId));
    expect(link).toMatchObject({ status: "approved", decidedByUserId: staff.butlerN.id });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.companyId, a.companyId),
          eq(auditLog.action, "resident_link.approve"),
          eq(auditLog.entityId, String(linkId)),
        ),
      );
    expect(audit).toMatchObject({
      actorUserId: staff.butlerN.id,
      before: { status: "pending", userId },
      after: { status: "approved" },
    });

    const home = await residentHome(db, a.companyId, userId);
    expect(home.requests).toEqual([]);
    expect(home.households).toMatchObject([
      { linkId, householdId: north.households[0].id, relation: "family", others: [] },
    ]);
    expect((await residentHouseholds(db, a.companyId, userId)).map((h) => h.id)).toEqual([north.households[0].id]);
    expect(await pendingIds("butlerN")).not.toContain(linkId);
  });

  it("another butler, and another company's butler or admin, cannot see or decide it (not found)", async () => {
    const { linkId } = await register(north.codes[1]);
    expect(await pendingIds("butlerS")).not.toContain(linkId);
    expect(await pendingIds("butlerB", b.companyId)).not.toContain(linkId);
    for (const [key, companyId] of [
      ["butlerS", a.companyId],
      ["butlerB", b.companyId],
      ["adminB", b.companyId],
      // Even with company A's id, B's butler has no household of A.
      ["butlerB", a.companyId],
    ] as const) {
      await expect(decideRegistration(db, companyId, viewer(key), linkId, { kind: "approve" })).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(
        decideRegistration(db, companyId, viewer(key), linkId, { kind: "reject", reason: "x" }),
      ).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await statusOf(linkId)).toBe("pending");
  });

  it("a supervisor sees their team's butlers' households only; a project manager their community's", async () => {
    const n = await register(north.codes[2]);
    const s = await register(south.codes[0]);
    expect(await pendingIds("supervisor1")).toContain(n.linkId);
    expect(await pendingIds("supervisor1")).not.toContain(s.linkId);
    expect(await pendingIds("supervisor2")).toContain(s.linkId);
    expect(await pendingIds("supervisor2")).not.toContain(n.linkId);
    expect(await pendingIds("managerN")).toContain(n.linkId);
    expect(await pendingIds("managerN")).not.toContain(s.linkId);
    expect(await pendingIds("managerS")).toContain(s.linkId);

    await expect(
      decideRegistration(db, a.companyId, viewer("supervisor2"), n.linkId, { kind: "approve" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      decideRegistration(db, a.companyId, viewer("managerS"), n.linkId, { kind: "approve" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await decideRegistration(db, a.companyId, viewer("supervisor1"), n.linkId, { kind: "approve" });
    await decideRegistration(db, a.companyId, viewer("managerS"), s.linkId, { kind: "approve" });
    expect([await statusOf(n.linkId), await statusOf(s.linkId)]).toEqual(["approved", "approved"]);
  });

  it("a supervisor who serves a building directly decides its households; finance sees households but decides none", async () => {
    const own = await createCodedEstate(db, a.companyId, { n: 1, butlerId: staff.supervisor2.id });
    const { linkId } = await register(own.codes[0]);
    expect(await pendingIds("supervisor2")).toContain(linkId);
    expect(await pendingIds("supervisor1")).not.toContain(linkId);
    expect(await pendingIds("finance")).toEqual([]);
    await expect(
      decideRegistration(db, a.companyId, viewer("finance"), linkId, { kind: "approve" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await decideRegistration(db, a.companyId, viewer("supervisor2"), linkId, { kind: "approve" });
    expect(await statusOf(linkId)).toBe("approved");
  });

  it("admin and front desk see every request of their company; other roles none", async () => {
    const n = await register(north.codes[3]);
    const s = await register(south.codes[1]);
    const x = await register(bEstate.codes[0]);
    for (const key of ["adminA", "frontDesk"]) {
      const ids = await pendingIds(key);
      expect(ids).toEqual(expect.arrayContaining([n.linkId, s.linkId]));
      expect(ids).not.toContain(x.linkId);
    }
    expect(await pendingIds("technician")).toEqual([]);
    await expect(
      decideRegistration(db, a.companyId, viewer("technician"), n.linkId, { kind: "approve" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      decideRegistration(db, a.companyId, viewer("frontDesk"), x.linkId, { kind: "approve" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await decideRegistration(db, a.companyId, viewer("frontDesk"), s.linkId, { kind: "approve" });
    expect(await pendingIds("adminB", b.companyId)).toContain(x.linkId);
  });

  it("counts the pending requests each viewer can act on (the navigation badge)", async () => {
    const before = await countPendingRegistrations(db, a.companyId, viewer("butlerS"));
    const beforeN = await countPendingRegistrations(db, a.companyId, viewer("butlerN"));
    await register(south.codes[2]);
    expect(await countPendingRegistrations(db, a.companyId, viewer("butlerS"))).toBe(before + 1);
    expect(await countPendingRegistrations(db, a.companyId, viewer("butlerN"))).toBe(beforeN);
    expect(await countPendingRegistrations(db, a.companyId, viewer("adminA"))).toBe(
      (await pendingIds("adminA")).length,
    );
    expect(await countPendingRegistrations(db, a.companyId, viewer("technician"))).toBe(0);
  });

  it("a rejection keeps its reason for the resident, and a decided request cannot be decided again", async () => {
    const { userId, linkId } = await register(north.codes[4], "tenant");
    await decideRegistration(db, a.companyId, viewer("butlerN"), linkId, { kind: "reject", reason: "不是租户本人" });
    const home = await residentHome(db, a.companyId, userId);
    expect(home.households).toEqual([]);
    expect(home.requests).toMatchObject([{ linkId, status: "rejected", reason: "不是租户本人" }]);
    const [rejected] = (await listRegistrations(db, a.companyId, viewer("butlerN"), "rejected")).filter(
      (r) => r.linkId === linkId,
    );
    expect(rejected).toMatchObject({ reason: "不是租户本人", decidedBy: "butlerN" });
    await expect(
      decideRegistration(db, a.companyId, viewer("butlerN"), linkId, { kind: "approve" }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: "residents.errors.alreadyDecided",
    });
    expect(await statusOf(linkId)).toBe("rejected");
  });

  it("only one of two simultaneous decisions wins", async () => {
    const { linkId } = await register(north.codes[5]);
    const results = await Promise.allSettled([
      decideRegistration(db, a.companyId, viewer("butlerN"), linkId, { kind: "approve" }),
      decideRegistration(db, a.companyId, viewer("supervisor1"), linkId, { kind: "reject", reason: null }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const audits = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.companyId, a.companyId),
          eq(auditLog.entity, "resident_link"),
          eq(auditLog.entityId, String(linkId)),
        ),
      );
    expect(audits.filter((e) => e.action !== "resident.register")).toHaveLength(1);
  });

  it("staff cannot decide their own request", async () => {
    const link = await addLink(db, a.companyId, staff.butlerS.id, south.households[0].id, "owner", "pending");
    await expect(
      decideRegistration(db, a.companyId, viewer("butlerS"), link.id, { kind: "approve" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await statusOf(link.id)).toBe("pending");
  });
});
