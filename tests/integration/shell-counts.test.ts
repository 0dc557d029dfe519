import { beforeAll, describe, expect, it } from "vitest";
import { communityManagers, notifications, staffRecords, supervisorButlers } from "@/db/schema";
import { loadActorFacts } from "@/lib/approvals/access";
import { saveRequest } from "@/lib/approvals/commands/save-request";
import type { RoleActor as Actor } from "@/lib/auth/actor";
import { countWaiting } from "@/lib/approvals/queries";
import { requestSchema } from "@/lib/approvals/schemas";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { ensureCategories, categoryIdsByCode } from "@/lib/finance/categories";
import { loadShellCounts, loadViewerFacts } from "@/lib/portal/badges";
import { countPendingRegistrations } from "@/lib/residents/queries";
import { unreadCount } from "@/lib/tickets/queries";
import { createCompany, createEstate, createUser, linkResident } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/**
 * Two communities, each with a butler (led by their own supervisor) and a project manager; a
 * finance user, a front desk, a technician and a butler who is also a supervisor elsewhere.
 * Pending registrations in both communities, approval requests from several requesters at
 * several steps, notifications read and unread.
 */
async function world(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const user = (roles: Role[], name: string) => createUser(db, companyId, roles, name);
  const [b1, b2, b3, s1, s2, pm1, pm2, fin, fd, tech, bs] = await Promise.all([
    user(["butler"], "管家一"),
    user(["butler"], "管家二"),
    user(["butler"], "管家三"),
    user(["supervisor"], "主管一"),
    user(["supervisor"], "主管二"),
    user(["project_manager"], "经理一"),
    user(["project_manager"], "经理二"),
    user(["finance"], "财务"),
    user(["front_desk"], "客服"),
    user(["technician"], "维修"),
    user(["butler", "supervisor"], "管家主管"),
  ]);
  const e1 = await createEstate(db, companyId, { n: 3, butlerId: b1.id });
  const e2 = await createEstate(db, companyId, { n: 2, butlerId: b2.id });
  await db.insert(supervisorButlers).values([
    { companyId, butlerUserId: b1.id, supervisorUserId: s1.id },
    { companyId, butlerUserId: b2.id, supervisorUserId: s2.id },
    { companyId, butlerUserId: b3.id, supervisorUserId: bs.id },
  ]);
  await db.insert(communityManagers).values([
    { companyId, communityId: e1.community.id, managerUserId: pm1.id },
    { companyId, communityId: e2.community.id, managerUserId: pm2.id },
  ]);
  const record = (u: { id: number }, no: string, communityId: number) => ({
    companyId,
    userId: u.id,
    employeeNo: no,
    name: no,
    communityId,
    position: "员工",
    hireDate: "2025-01-01",
  });
  await db.insert(staffRecords).values([record(s2, "E-1", e1.community.id), record(b1, "E-2", e1.community.id)]);
  // Pending registrations: three in community 1, one in community 2; one approved (not counted).
  for (const [i, h] of [e1.households[0], e1.households[1], e1.households[2], e2.households[0]].entries()) {
    const r = await user(["resident"], `住户${i}`);
    await linkResident(db, companyId, r.id, h.id, "pending");
  }
  const approved = await user(["resident"], "已通过");
  await linkResident(db, companyId, approved.id, e2.households[1].id, "approved");
  // Approval requests (the default chain starts with the supervisor step), from several people and communities.
  await ensureCategories(db, companyId);
  const cats = await categoryIdsByCode(db, companyId, ["exp_repairs"]);
  const actor = (u: { id: number }, roles: Role[]): Actor => ({ companyId, userId: u.id, roles });
  const submit = (a: Actor, communityId: number, amount: string) =>
    saveRequest(
      db,
      a,
      requestSchema.parse({
        type: "expense",
        communityId,
        categoryId: cats.get("exp_repairs"),
        title: "维修",
        description: "",
        amount,
        submit: true,
      }),
    );
  await submit(actor(b1, ["butler"]), e1.community.id, "300");
  await submit(actor(b2, ["butler"]), e2.community.id, "80000");
  await submit(actor(b2, ["butler"]), e1.community.id, "1200");
  await submit(actor(fd, ["front_desk"]), e2.community.id, "50");
  await submit(actor(s1, ["supervisor"]), e1.community.id, "9000");
  await submit(actor(b3, ["butler"]), e2.community.id, "700");
  await db.insert(notifications).values([
    { companyId, userId: b1.id, kind: "test", payload: {} },
    { companyId, userId: b1.id, kind: "test", payload: {} },
    { companyId, userId: b1.id, kind: "test", payload: {}, readAt: new Date() },
  ]);
  const viewers = {
    admin: { id: adminId, roles: ["admin"] as Role[] },
    b1: { id: b1.id, roles: ["butler"] as Role[] },
    b2: { id: b2.id, roles: ["butler"] as Role[] },
    s1: { id: s1.id, roles: ["supervisor"] as Role[] },
    s2: { id: s2.id, roles: ["supervisor"] as Role[] },
    pm1: { id: pm1.id, roles: ["project_manager"] as Role[] },
    pm2: { id: pm2.id, roles: ["project_manager"] as Role[] },
    fin: { id: fin.id, roles: ["finance"] as Role[] },
    fd: { id: fd.id, roles: ["front_desk"] as Role[] },
    tech: { id: tech.id, roles: ["technician"] as Role[] },
    bs: { id: bs.id, roles: ["butler", "supervisor"] as Role[] },
  };
  return { companyId, viewers };
}

describe("shell counts (sidebar badges and bell) in one query", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("equal the counts of the pages they open, for every role, and never count another company's rows", async () => {
    const w = await world(db);
    const other = await world(db);
    for (const [name, v] of Object.entries(w.viewers)) {
      const viewer = { ...v, companyId: w.companyId };
      const counts = await loadShellCounts(db, viewer, ["pendingRegistrations", "approvalsWaiting"]);
      const expected = {
        pendingRegistrations: await countPendingRegistrations(db, w.companyId, { userId: v.id, roles: v.roles }),
        approvalsWaiting: await countWaiting(db, w.companyId, await loadActorFacts(db, w.companyId, v.id, v.roles)),
      };
      expect(counts.badges, name).toEqual(expected);
      expect(counts.unread, name).toBe(await unreadCount(db, w.companyId, v.id));
      // The same person looked up under the other company sees nothing of this one.
      const elsewhere = await loadShellCounts(db, { ...viewer, companyId: other.companyId }, [
        "pendingRegistrations",
        "approvalsWaiting",
      ]);
      expect(elsewhere.unread, name).toBe(0);
    }
    // The world is not trivial: the counts differ between viewers.
    const byViewer = await Promise.all(
      Object.values(w.viewers).map((v) =>
        loadShellCounts(db, { ...v, companyId: w.companyId }, ["pendingRegistrations", "approvalsWaiting"]),
      ),
    );
    expect(new Set(byViewer.map((c) => JSON.stringify(c))).size).toBeGreaterThan(4);
    expect((await loadShellCounts(db, { ...w.viewers.admin, companyId: w.companyId }, [])).badges).toEqual({});
  });

  it("loads the viewer's facts like lib/approvals loadActorFacts, in one query", async () => {
    const w = await world(db);
    for (const v of Object.values(w.viewers)) {
      const facts = await loadViewerFacts(db, w.companyId, { ...v, companyId: w.companyId });
      const expected = await loadActorFacts(db, w.companyId, v.id, v.roles);
      // loadActorFacts skips the team and managed lists for roles that do not use them.
      expect(facts.ownCommunityId).toBe(expected.ownCommunityId);
      if (v.roles.includes("supervisor"))
        expect(facts.teamUserIds).toEqual([...expected.teamUserIds].sort((a, b) => a - b));
      if (v.roles.includes("project_manager"))
        expect(facts.managedCommunityIds).toEqual([...expected.managedCommunityIds].sort((a, b) => a - b));
    }
  });
});
