import { beforeAll, describe, expect, it } from "vitest";
import {
  buildingButlers,
  buildings,
  unitButlers,
  units,
  workOrderAssignees,
  workOrderAttachments,
  workOrders,
} from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { registryViewFor } from "@/lib/registry/access";
import { browsableBuildings, browsableCommunityIds } from "@/lib/registry/browse";
import { getBuilding, listBuildings } from "@/lib/registry/directory";
import { loadRegistryFacts } from "@/lib/registry/view";
import { canSeeOrder, loadOrderScope } from "@/lib/tickets/access";
import { getAttachmentForScope, listOrders } from "@/lib/tickets/queries";
import { createEstate, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

/**
 * SPEC §2 scopes (issue 17, finding 3 and the over-restriction): finance and legal see only the
 * collection orders assigned to them (and only those orders' photos); butlers and supervisors
 * browse the registry pages of their own buildings and nothing else.
 */
type World = Awaited<ReturnType<typeof ticketWorld>>;

async function order(db: Db, w: World, type: "repair" | "collection", assigneeIds: number[]) {
  const [o] = await db
    .insert(workOrders)
    .values({
      companyId: w.companyId,
      type,
      source: "system",
      householdId: w.estate.households[0].id,
      unitId: w.estate.units[0].id,
      communityId: w.estate.community.id,
      description: `${type} 测试`,
      status: "assigned",
    })
    .returning();
  const now = new Date();
  if (assigneeIds.length)
    await db.insert(workOrderAssignees).values(
      assigneeIds.map((userId) => ({
        companyId: w.companyId,
        workOrderId: o.id,
        userId,
        role: "butler" as const,
        assignedAt: now,
      })),
    );
  const [photo] = await db
    .insert(workOrderAttachments)
    .values({
      companyId: w.companyId,
      workOrderId: o.id,
      kind: "before",
      storedPath: `test/${o.id}.png`,
      mime: "image/png",
      size: 1,
      sha256: "0",
    })
    .returning();
  return { id: o.id, photoId: photo.id };
}

async function sees(db: Db, w: World, user: { id: number; roles: Role[] }) {
  const scope = await loadOrderScope(db, w.companyId, user);
  const { rows } = await listOrders(db, w.companyId, scope, { status: "all" });
  return {
    scope,
    listed: rows.map((r) => r.id).sort((a, b) => a - b),
    canSee: (id: number) => canSeeOrder(db, w.companyId, scope, id),
    photo: async (id: number) => !!(await getAttachmentForScope(db, w.companyId, scope, id)),
  };
}

describe("finance and legal see work orders only as assignees of a collection order", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  for (const role of ["finance", "legal"] as const) {
    it(`${role}: only the collection order assigned to them, and only its photos`, async () => {
      const w = await ticketWorld(db);
      const me = await createUser(db, w.companyId, [role], role);
      const repair = await order(db, w, "repair", [w.butler.id]);
      const otherCollection = await order(db, w, "collection", [w.butler.id]);
      const repairOfMine = await order(db, w, "repair", [me.id]);
      const mine = await order(db, w, "collection", [w.butler.id, me.id]);

      const v = await sees(db, w, { id: me.id, roles: [role] });
      expect(v.scope).toMatchObject({ resident: false, collectionOnly: true });
      expect(v.listed).toEqual([mine.id]);
      for (const o of [repair, otherCollection, repairOfMine]) {
        expect(await v.canSee(o.id)).toBe(false);
        expect(await v.photo(o.photoId)).toBe(false);
      }
      expect(await v.canSee(mine.id)).toBe(true);
      expect(await v.photo(mine.photoId)).toBe(true);
    });
  }

  it("a second work role adds its own scope (finance + butler sees the butler's households); admin still sees all", async () => {
    const w = await ticketWorld(db);
    const repair = await order(db, w, "repair", [w.butler.id]);
    const both = await sees(db, w, { id: w.butler.id, roles: ["butler", "finance"] });
    expect(both.scope.collectionOnly).toBeFalsy();
    expect(await both.canSee(repair.id)).toBe(true);
    const admin = await sees(db, w, { id: w.adminId, roles: ["admin", "finance"] });
    expect(await admin.canSee(repair.id)).toBe(true);
    expect(await admin.photo(repair.photoId)).toBe(true);
  });
});

describe("butlers and supervisors browse the registry pages of their own buildings", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function viewOf(w: World, userId: number, roles: Role[]) {
    return registryViewFor(roles, await loadRegistryFacts(db, w.companyId, userId));
  }

  it("a butler: the buildings they serve (whole building or a unit range), their communities; nothing else", async () => {
    const w = await ticketWorld(db);
    // a second building in the same community with someone else's butler, one unit range of it ours
    const other = await createUser(db, w.companyId, ["butler"], "别的管家");
    const [b2] = await db
      .insert(buildings)
      .values({ companyId: w.companyId, communityId: w.estate.community.id, code: "2", name: "2栋" })
      .returning();
    const [u2] = await db
      .insert(units)
      .values({ companyId: w.companyId, buildingId: b2.id, number: "2-101", floor: 1, areaCentiM2: 9000 })
      .returning();
    await db.insert(buildingButlers).values({ companyId: w.companyId, buildingId: b2.id, butlerUserId: other.id });
    const [b3] = await db
      .insert(buildings)
      .values({ companyId: w.companyId, communityId: w.estate.community.id, code: "3", name: "3栋" })
      .returning();
    await db.insert(buildingButlers).values({ companyId: w.companyId, buildingId: b3.id, butlerUserId: other.id });
    // another community of the same company, served by the other butler only
    const elsewhere = await createEstate(db, w.companyId, { n: 1, butlerId: other.id });

    const view = await viewOf(w, w.butler.id, ["butler"]);
    expect(await browsableCommunityIds(db, w.companyId, view)).toEqual([w.estate.community.id]);
    const scope = browsableBuildings(db, w.companyId, view);
    expect((await listBuildings(db, w.companyId, w.estate.community.id, scope)).map((b) => b.id)).toEqual([
      w.estate.building.id,
    ]);
    expect(await getBuilding(db, w.companyId, w.estate.building.id, scope)).not.toBeNull();
    expect(await getBuilding(db, w.companyId, b2.id, scope)).toBeNull();
    expect(await getBuilding(db, w.companyId, elsewhere.building.id, scope)).toBeNull();

    // a unit range in building 2 makes that building the butler's too (not building 3)
    await db.insert(unitButlers).values({ companyId: w.companyId, unitId: u2.id, butlerUserId: w.butler.id });
    expect((await listBuildings(db, w.companyId, w.estate.community.id, scope)).map((b) => b.id).sort()).toEqual(
      [w.estate.building.id, b2.id].sort(),
    );
    expect(await getBuilding(db, w.companyId, b3.id, scope)).toBeNull();

    // the other butler: the other community and buildings 2 and 3, never ours
    const theirs = browsableBuildings(db, w.companyId, await viewOf(w, other.id, ["butler"]));
    expect(await getBuilding(db, w.companyId, w.estate.building.id, theirs)).toBeNull();
    expect(await browsableCommunityIds(db, w.companyId, await viewOf(w, other.id, ["butler"]))).toEqual(
      [w.estate.community.id, elsewhere.community.id].sort((a, b) => a - b),
    );
  });

  it("a supervisor: their team's buildings, not another team's; a butler of no building: none; company-wide roles: all; another company's building: never", async () => {
    const w = await ticketWorld(db);
    const stranger = await ticketWorld(db);
    // a butler outside the supervisor's team, with a community of their own
    const outsider = await createUser(db, w.companyId, ["butler"], "别组管家");
    const notTheTeams = await createEstate(db, w.companyId, { n: 1, butlerId: outsider.id });
    const sup = await viewOf(w, w.supervisor.id, ["supervisor"]);
    const scope = browsableBuildings(db, w.companyId, sup);
    expect(await browsableCommunityIds(db, w.companyId, sup)).toEqual([w.estate.community.id]);
    expect(await getBuilding(db, w.companyId, w.estate.building.id, scope)).not.toBeNull();
    expect(await getBuilding(db, w.companyId, notTheTeams.building.id, scope)).toBeNull();
    expect(await getBuilding(db, w.companyId, stranger.estate.building.id, scope)).toBeNull();

    const idle = await createUser(db, w.companyId, ["butler"], "新管家");
    const none = await viewOf(w, idle.id, ["butler"]);
    expect(await browsableCommunityIds(db, w.companyId, none)).toEqual([]);
    expect(
      await getBuilding(db, w.companyId, w.estate.building.id, browsableBuildings(db, w.companyId, none)),
    ).toBeNull();

    const admin = await viewOf(w, w.adminId, ["admin"]);
    expect(await browsableCommunityIds(db, w.companyId, admin)).toBe("all");
    expect(
      await getBuilding(db, w.companyId, stranger.estate.building.id, browsableBuildings(db, w.companyId, admin)),
    ).toBeNull();
  });
});
