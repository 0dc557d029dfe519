import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, households, units } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { registryViewFor } from "@/lib/registry/access";
import {
  assignBuildingButler,
  assignCommunityManager,
  assignSupervisor,
  assignUnitRangeButler,
} from "@/lib/registry/commands/assignments";
import { createBuilding, createCommunity, createUnit, setActive, updateUnit } from "@/lib/registry/commands/estate";
import { createHousehold, updateHousehold } from "@/lib/registry/commands/households";
import {
  getBuilding,
  getCommunity,
  listBuildings,
  listButlerLoads,
  listCommunities,
  listUnits,
} from "@/lib/registry/directory";
import { getHousehold, listFreeUnits, searchHouseholds } from "@/lib/registry/households";
import { butlersOfHouseholds, butlerSummary } from "@/lib/registry/queries";
import { buildingSchema, householdSchema, unitSchema } from "@/lib/registry/schemas";
import { loadRegistryView } from "@/lib/registry/view";
import { createCompany, createUser, randomPhone } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const ALL = { kind: "all" } as const;

/** A company with a community, one building and `n` residential units, built through the commands. */
async function estate(db: Db, n = 4) {
  const company = await createCompany(db);
  const actor = { companyId: company.companyId, userId: company.adminId };
  const community = await createCommunity(db, actor, { name: `翠湖-${randomPhone()}`, address: null });
  const building = await createBuilding(
    db,
    actor,
    buildingSchema.parse({ communityId: community.id, code: "3", name: "3栋", floors: "18" }),
  );
  const unitRows = [];
  for (let i = 0; i < n; i++)
    unitRows.push(
      await createUnit(
        db,
        actor,
        unitSchema.parse({
          buildingId: building.id,
          number: `2-${1201 + i}`,
          floor: "12",
          area: "89.35",
          type: "residential",
        }),
      ),
    );
  return { company, actor, community, building, units: unitRows };
}

const householdInput = (unitIds: number[], name = "张三") =>
  householdSchema.parse({ name, kind: "owner", unitIds, contacts: [{ name, phone: randomPhone(), email: "" }] });

describe("registry", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("creates the tree and audits every step", async () => {
    const e = await estate(db, 2);
    const [c] = await listCommunities(db, e.company.companyId, "all");
    expect(c).toMatchObject({ buildings: 1, units: 2, households: 0 });
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.companyId, e.company.companyId));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["community.create", "building.create", "unit.create"]),
    );
  });

  it("refuses a duplicate unit number in a building as a field error, writing nothing", async () => {
    const e = await estate(db, 1);
    const dup = unitSchema.parse({
      buildingId: e.building.id,
      number: "2-1201",
      floor: "",
      area: "50",
      type: "residential",
    });
    await expect(createUnit(db, e.actor, dup)).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { number: ["validation.unitTaken"] },
    });
    expect((await db.select({ n: count() }).from(units).where(eq(units.buildingId, e.building.id)))[0].n).toBe(1);
  });

  it("updates a unit with before/after in the audit log", async () => {
    const e = await estate(db, 1);
    await updateUnit(
      db,
      e.actor,
      e.units[0].id,
      unitSchema
        .omit({ buildingId: true })
        .parse({ number: "2-1201", floor: "12", area: "90.10", type: "residential" }),
    );
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, e.company.companyId), eq(auditLog.action, "unit.update")));
    expect(entry.before).toMatchObject({ areaCentiM2: 8935 });
    expect(entry.after).toMatchObject({ areaCentiM2: 9010 });
  });

  it("a household holds several units; a held unit cannot go to another household", async () => {
    const e = await estate(db, 3);
    const h = await createHousehold(db, e.actor, householdInput([e.units[0].id, e.units[1].id]));
    expect(h.code).toMatch(/^[23456789A-HJKMNP-Z]{8}$/);
    await expect(createHousehold(db, e.actor, householdInput([e.units[1].id], "李四"))).rejects.toMatchObject({
      fieldErrors: { unitIds: ["validation.unitHeld"] },
    });
    expect((await listFreeUnits(db, e.company.companyId, e.community.id)).map((u) => u.id)).toEqual([e.units[2].id]);
    const detail = await getHousehold(db, e.company.companyId, ALL, h.id);
    expect(detail?.units.map((u) => u.id)).toEqual([e.units[0].id, e.units[1].id]);
    expect(detail?.contacts[0].isPrimary).toBe(true);
  });

  it("deactivating a household keeps it but frees its units; a held unit cannot be deactivated", async () => {
    const e = await estate(db, 2);
    const h = await createHousehold(db, e.actor, householdInput([e.units[0].id]));
    await expect(setActive(db, e.actor, "unit", e.units[0].id, false)).rejects.toMatchObject({ code: "conflict" });
    await setActive(db, e.actor, "household", h.id, false);
    const [row] = await db.select().from(households).where(eq(households.id, h.id));
    expect(row.active).toBe(false);
    expect((await listFreeUnits(db, e.company.companyId, e.community.id)).length).toBe(2);
    const next = await createHousehold(db, e.actor, householdInput([e.units[0].id], "新业主"));
    expect(next.id).not.toBe(h.id);
  });

  it("moves households with their building's butler, and unit ranges override it", async () => {
    const e = await estate(db, 4);
    const [b1, b2] = [
      await createUser(db, e.company.companyId, ["butler"]),
      await createUser(db, e.company.companyId, ["butler"]),
    ];
    const hh = [];
    for (const u of e.units) hh.push(await createHousehold(db, e.actor, householdInput([u.id])));
    await assignBuildingButler(db, e.actor, e.building.id, b1.id);
    expect((await butlerSummary(db, e.company.companyId, b1.id)).households).toBe(4);
    const result = await assignUnitRangeButler(db, e.actor, e.building.id, "2-1203", "2-1204", b2.id);
    expect(result.units).toBe(2);
    const map = await butlersOfHouseholds(
      db,
      e.company.companyId,
      hh.map((h) => h.id),
    );
    expect(hh.map((h) => map.get(h.id))).toEqual([b1.id, b1.id, b2.id, b2.id]);
    await assignBuildingButler(db, e.actor, e.building.id, b2.id);
    expect((await butlerSummary(db, e.company.companyId, b2.id)).households).toBe(4);
    expect((await listButlerLoads(db, e.company.companyId)).butlers.find((b) => b.id === b2.id)?.households).toBe(4);
    await assignUnitRangeButler(db, e.actor, e.building.id, "2-1201", "2-1202", null);
    expect((await listUnits(db, e.company.companyId, e.building.id)).filter((u) => u.rangeButlerId).length).toBe(2);
  });

  it("refuses assignments of people without the role, and reversed ranges", async () => {
    const e = await estate(db, 2);
    const tech = await createUser(db, e.company.companyId, ["technician"]);
    await expect(assignBuildingButler(db, e.actor, e.building.id, tech.id)).rejects.toMatchObject({
      fieldErrors: { butlerUserId: ["validation.notA.butler"] },
    });
    const butler = await createUser(db, e.company.companyId, ["butler"]);
    await expect(
      assignUnitRangeButler(db, e.actor, e.building.id, "2-1202", "2-1201", butler.id),
    ).rejects.toMatchObject({
      fieldErrors: { to: ["validation.rangeReversed"] },
    });
  });

  it("searches by name, phone, code and unit address, within the viewer's scope", async () => {
    const e = await estate(db, 3);
    const phone = randomPhone();
    const h = await createHousehold(
      db,
      e.actor,
      householdSchema.parse({
        name: "欧阳娜娜",
        kind: "tenant",
        unitIds: [e.units[1].id],
        contacts: [{ name: "欧阳娜娜", phone, email: "" }],
      }),
    );
    const otherInput = householdInput([e.units[2].id], "赵四");
    otherInput.contacts.push({ name: "赵四妻", phone: randomPhone(), email: "" });
    const other = await createHousehold(db, e.actor, otherInput);
    // Each row shows its household's primary (first) contact's phone.
    const listed = (await searchHouseholds(db, e.company.companyId, ALL)).rows;
    expect(listed.find((r) => r.id === h.id)?.phone).toBe(phone);
    expect(listed.find((r) => r.id === other.id)?.phone).toBe(otherInput.contacts[0].phone);
    const find = async (q: string) =>
      (await searchHouseholds(db, e.company.companyId, ALL, { q })).rows.map((r) => r.id);
    expect(await find("欧阳")).toEqual([h.id]);
    expect(await find(phone.slice(3, 9))).toEqual([h.id]);
    expect(await find(h.code.toLowerCase())).toEqual([h.id]);
    expect(await find("3-2-1202")).toEqual([h.id]);
    expect(await find("3栋2单元1202")).toEqual([h.id]);
    expect(await find("2-1202")).toEqual([h.id]);
    expect(await find("%")).toEqual([]);

    const [b1, b2, sup, pm] = [
      await createUser(db, e.company.companyId, ["butler"]),
      await createUser(db, e.company.companyId, ["butler"]),
      await createUser(db, e.company.companyId, ["supervisor"]),
      await createUser(db, e.company.companyId, ["project_manager"]),
    ];
    await assignBuildingButler(db, e.actor, e.building.id, b1.id);
    await assignUnitRangeButler(db, e.actor, e.building.id, "2-1203", "2-1203", b2.id);
    await assignSupervisor(db, e.actor, b2.id, sup.id);
    const seenBy = async (userId: number, roles: ("butler" | "supervisor" | "project_manager")[]) => {
      const view = await loadRegistryView(db, e.company.companyId, { userId, roles });
      return (await searchHouseholds(db, e.company.companyId, view)).rows.map((r) => r.id).sort();
    };
    expect(await seenBy(b1.id, ["butler"])).toEqual([h.id]);
    expect(await seenBy(b2.id, ["butler"])).toEqual([other.id]);
    expect(await seenBy(sup.id, ["supervisor"])).toEqual([other.id]);
    expect(await seenBy(pm.id, ["project_manager"])).toEqual([]);
    await assignCommunityManager(db, e.actor, e.community.id, pm.id);
    expect(await seenBy(pm.id, ["project_manager"])).toEqual([h.id, other.id].sort());
    const b1View = await loadRegistryView(db, e.company.companyId, { userId: b1.id, roles: ["butler"] });
    expect(await getHousehold(db, e.company.companyId, b1View, other.id)).toBeNull();
  });

  it("edits a household: units, contacts and kind, audited with before and after", async () => {
    const e = await estate(db, 2);
    const h = await createHousehold(db, e.actor, householdInput([e.units[0].id]));
    await updateHousehold(
      db,
      e.actor,
      h.id,
      householdSchema.parse({
        name: "张三（新）",
        kind: "tenant",
        unitIds: [e.units[0].id, e.units[1].id],
        contacts: [
          { name: "张三", phone: randomPhone(), email: "" },
          { name: "张妻", phone: randomPhone(), email: "z@example.com" },
        ],
      }),
    );
    const detail = await getHousehold(db, e.company.companyId, ALL, h.id);
    expect(detail).toMatchObject({ name: "张三（新）", kind: "tenant" });
    expect(detail?.units).toHaveLength(2);
    expect(detail?.contacts.map((c) => c.isPrimary)).toEqual([true, false]);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(h.id)), eq(auditLog.action, "household.update")));
    expect(entry.before).toMatchObject({ name: "张三", unitIds: [e.units[0].id] });
  });

  it("never reads or writes another company's registry", async () => {
    const a = await estate(db, 2);
    const b = await estate(db, 2);
    const hb = await createHousehold(db, b.actor, householdInput([b.units[0].id]));
    const A = a.company.companyId;
    expect(await getCommunity(db, A, b.community.id)).toBeNull();
    expect(await getBuilding(db, A, b.building.id)).toBeNull();
    expect(await listBuildings(db, A, b.community.id)).toEqual([]);
    expect(await listUnits(db, A, b.building.id)).toEqual([]);
    expect(await listFreeUnits(db, A, b.community.id)).toEqual([]);
    expect(await getHousehold(db, A, ALL, hb.id)).toBeNull();
    expect((await searchHouseholds(db, A, ALL, { q: "张三" })).rows.map((r) => r.id)).not.toContain(hb.id);
    expect((await listCommunities(db, A, "all")).map((c) => c.id)).toEqual([a.community.id]);
    expect((await butlersOfHouseholds(db, A, [hb.id])).size).toBe(0);
    expect(registryViewFor(["admin"], { userId: 1, teamButlerIds: [], managedCommunityIds: [] })).toEqual(ALL);
    // Writes: another company's rows are not found, and nothing changes.
    await expect(
      createBuilding(db, a.actor, buildingSchema.parse({ communityId: b.community.id, code: "9", name: "9栋" })),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createUnit(
        db,
        a.actor,
        unitSchema.parse({ buildingId: b.building.id, number: "1", area: "50", type: "residential" }),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(setActive(db, a.actor, "household", hb.id, false)).rejects.toMatchObject({ code: "not_found" });
    await expect(createHousehold(db, a.actor, householdInput([b.units[1].id]))).rejects.toMatchObject({
      fieldErrors: { unitIds: ["validation.unitUnknown"] },
    });
    await expect(assignBuildingButler(db, a.actor, b.building.id, null)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateHousehold(db, a.actor, hb.id, householdInput([a.units[0].id]))).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
