import { and, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { buildings, householdContacts, householdUnits, households, units } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { createCompany } from "../support/fixtures";
import {
  auditOf,
  buildingsCsv,
  createCommunity,
  flat,
  importer,
  registryRows,
  unitsCsv,
  utf8,
} from "../support/registry-import";
import { createTestDb } from "../support/test-db";
import { localDate } from "@/lib/time/zone";

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

async function setup() {
  const company = await createCompany(db);
  const community = await createCommunity(db, company.companyId);
  return { ...company, community, run: importer(db, company.companyId, company.adminId) };
}

describe("buildings import", () => {
  it("creates buildings in the named communities, then updates a changed one, and leaves the rest", async () => {
    const { companyId, community, run } = await setup();
    const file = buildingsCsv([
      { community: community.name, buildingCode: "3", buildingName: "3栋", floors: "11" },
      { community: community.name, buildingCode: "b5", buildingName: "B5 商业楼", floors: "" },
    ]);
    const first = await run.buildings(file);
    expect(first).toMatchObject({ status: "done", created: 2, updated: 0, unchanged: 0, skipped: 0 });
    const rows = await db
      .select()
      .from(buildings)
      .where(and(eq(buildings.companyId, companyId), eq(buildings.communityId, community.id)));
    expect(rows.map((b) => [b.code, b.name, b.floors]).sort()).toEqual([
      ["1", "1栋", 18],
      ["2", "2栋", 18],
      ["3", "3栋", 11],
      ["B5", "B5 商业楼", null],
    ]);

    const again = await run.buildings(file);
    expect(again).toMatchObject({ status: "done", created: 0, updated: 0, unchanged: 2 });

    const changed = await run.buildings(
      buildingsCsv([{ community: community.name, buildingCode: "1", buildingName: "一号楼", floors: "" }]),
    );
    expect(changed).toMatchObject({ status: "done", created: 0, updated: 1, unchanged: 0 });
    const [audit] = await auditOf(db, companyId, "registry.import.update");
    // The empty floors cell kept the stored 18.
    expect(audit).toMatchObject({
      entity: "building",
      before: { code: "1", name: "1栋", floors: 18 },
      after: { code: "1", name: "一号楼", floors: 18 },
    });
  });
});

describe("units & households import", () => {
  it("imports a valid file: units, households, contacts, links, a parking space held with a flat, one summary audit entry", async () => {
    const { companyId, community, run } = await setup();
    const file = unitsCsv([
      flat(1, { householdKey: "A", contact2Name: "家属一", contact2Phone: "13800000001", email: "Owner1@Example.com" }),
      { buildingCode: "1", unitNumber: "B1-001", floor: "-1", area: "13.5", unitType: "车位", householdKey: "A" },
      flat(2, { buildingCode: "2", unitNumber: "2-0301", householdKind: "tenant", unitType: "residential" }),
      { buildingCode: "2", unitNumber: "S-101", floor: "1", area: "120", unitType: "商铺" },
    ]);
    const result = await run.units(community.id, file);
    expect(result).toMatchObject({ status: "done", created: 4, updated: 0, unchanged: 0, skipped: 0 });
    expect(await registryRows(db, companyId)).toMatchObject({ units: 4, households: 2, contacts: 3, links: 3 });

    const held = await db
      .select({
        name: households.name,
        kind: households.kind,
        code: households.code,
        unit: units.number,
        type: units.type,
        area: units.areaCentiM2,
        floor: units.floor,
      })
      .from(householdUnits)
      .innerJoin(households, eq(households.id, householdUnits.householdId))
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .where(eq(householdUnits.companyId, companyId))
      .orderBy(units.id);
    expect(
      held.map((h) => ({ name: h.name, kind: h.kind, unit: h.unit, type: h.type, area: h.area, floor: h.floor })),
    ).toEqual([
      { name: "业主1", kind: "owner", unit: "1-101", type: "residential", area: 8950, floor: 1 },
      { name: "业主1", kind: "owner", unit: "B1-001", type: "parking", area: 1350, floor: -1 },
      { name: "业主2", kind: "tenant", unit: "2-0301", type: "residential", area: 8950, floor: 1 },
    ]);
    expect(held[0].code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(held[0].code).toBe(held[1].code);

    const contacts = await db
      .select()
      .from(householdContacts)
      .where(eq(householdContacts.companyId, companyId))
      .orderBy(householdContacts.id);
    expect(contacts.map((c) => [c.name, c.phone, c.email, c.isPrimary])).toEqual([
      ["业主1", "13900000001", "owner1@example.com", true],
      ["家属一", "13800000001", null, false],
      ["业主2", "13900000002", null, true],
    ]);

    const summary = await auditOf(db, companyId, "registry.import.units");
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({
      entity: "community",
      entityId: String(community.id),
      after: { created: 4, updated: 0, unchanged: 0, skipped: 0, householdsCreated: 2 },
    });
    if (result.status === "done")
      expect(result.units?.households.map((h) => [h.name, h.units])).toEqual([
        ["业主1", ["1-1-101", "1-B1-001"]],
        ["业主2", ["2-2-0301"]],
      ]);
  });

  it("is idempotent: the same file again changes nothing and says so", async () => {
    const { companyId, community, run } = await setup();
    const file = unitsCsv([
      flat(1, { householdKey: "k1" }),
      { buildingCode: "1", unitNumber: "B1-002", area: "12", unitType: "车位", householdKey: "k1" },
      flat(2),
      flat(3),
    ]);
    expect(await run.units(community.id, file)).toMatchObject({ status: "done", created: 4 });
    const before = await registryRows(db, companyId);
    const again = await run.units(community.id, file);
    expect(again).toMatchObject({ status: "done", created: 0, updated: 0, unchanged: 4 });
    const after = await registryRows(db, companyId);
    expect(after).toEqual({ ...before, audit: before.audit + 1 }); // only the run's summary entry
    expect(await auditOf(db, companyId, "registry.import.update")).toEqual([]);
  });

  it("updates a changed row and audits before/after: new area, renamed household, new phone, a second contact", async () => {
    const { companyId, community, run } = await setup();
    await run.units(community.id, unitsCsv([flat(1), flat(2)]));
    const changed = unitsCsv([
      flat(1, { area: "90.25", unitType: "" }),
      flat(2, {
        householdName: "业主二（更名）",
        contact1Phone: "13911112222",
        contact2Name: "租客",
        contact2Phone: "13711112222",
      }),
    ]);
    const result = await run.units(community.id, changed);
    expect(result).toMatchObject({ status: "done", created: 0, updated: 2, unchanged: 0 });
    if (result.status === "done")
      expect(result.units?.counts).toMatchObject({
        unitsUpdated: 1,
        householdsUpdated: 1,
        contactsUpdated: 1,
        contactsCreated: 1,
      });

    const [unit] = await db
      .select()
      .from(units)
      .where(and(eq(units.companyId, companyId), eq(units.number, "1-101")));
    expect(unit).toMatchObject({ areaCentiM2: 9025, type: "residential" });
    const entries = await auditOf(db, companyId, "registry.import.update");
    const byEntity = Object.fromEntries(entries.map((e) => [e.entity, e]));
    expect(byEntity.unit).toMatchObject({
      entityId: String(unit.id),
      before: { unit: "1-1-101", areaCentiM2: 8950 },
      after: { unit: "1-1-101", areaCentiM2: 9025 },
    });
    expect(byEntity.household).toMatchObject({ before: { name: "业主2" }, after: { name: "业主二（更名）" } });
    expect(byEntity.household_contact).toMatchObject({
      before: { phone: "13900000002" },
      after: { phone: "13911112222" },
    });
    expect(entries).toHaveLength(3);

    expect(await run.units(community.id, changed)).toMatchObject({ status: "done", updated: 0, unchanged: 2 });
  });

  it("moves a unit to the household named by its code in the key column", async () => {
    const { companyId, community, run } = await setup();
    await run.units(community.id, unitsCsv([flat(1), flat(2)]));
    const [h1] = await db
      .select()
      .from(households)
      .where(and(eq(households.companyId, companyId), eq(households.name, "业主1")));
    const result = await run.units(
      community.id,
      unitsCsv([{ buildingCode: "1", unitNumber: "1-102", area: "89.5", householdKey: h1.code.toLowerCase() }]),
    );
    expect(result).toMatchObject({ status: "done", updated: 1 });
    const links = await db.select().from(householdUnits).where(eq(householdUnits.householdId, h1.id));
    expect(links).toHaveLength(2);
    const [move] = await auditOf(db, companyId, "registry.import.update");
    expect(move).toMatchObject({ entity: "household_unit", after: { unit: "1-1-102", householdId: h1.id } });
  });

  it("starts a holding on the file's handover date (交付日期); rows without it, and old files without the column, start on the import day", async () => {
    const { companyId, community, run } = await setup();
    const tz = await companyTimeZone(db, companyId);
    const before = localDate(new Date(), tz);
    expect(await run.units(community.id, unitsCsv([flat(1, { fromDate: "2024-06-01" }), flat(2)]))).toMatchObject({
      status: "done",
    });
    const oldHeader = ["楼栋编号", "房号", "面积", "客户名称", "联系人1", "联系人1电话"];
    const oldFile = [oldHeader, ["1", "1-103", "80", "业主3", "业主3", "13900000003"]]
      .map((r) => r.join(","))
      .join("\r\n");
    expect(await run.units(community.id, oldFile)).toMatchObject({ status: "done" });
    const after = localDate(new Date(), tz);
    const links = await db
      .select({ number: units.number, fromDate: householdUnits.fromDate })
      .from(householdUnits)
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .where(eq(householdUnits.companyId, companyId))
      .orderBy(units.number);
    expect(links[0]).toEqual({ number: "1-101", fromDate: "2024-06-01" });
    expect(links.length).toBeGreaterThan(1);
    for (const l of links.slice(1)) expect([before, after]).toContain(l.fromDate);
    expect(links.map((l) => l.number)).toEqual(["1-101", "1-102", "1-103"]);
  });

  it("imports only the valid rows when asked, and reports the skipped ones", async () => {
    const { companyId, community, run } = await setup();
    const file = unitsCsv([flat(1), flat(2, { area: "0" }), flat(3), flat(4, { contact1Phone: "12345" }), flat(5)]);
    const strict = await run.units(community.id, file);
    expect(strict.status).toBe("rejected");
    expect((await registryRows(db, companyId)).units).toBe(0);

    const lenient = await run.units(community.id, file, { validOnly: true });
    expect(lenient).toMatchObject({ status: "done", created: 3, skipped: 2 });
    const numbers = await db
      .select({ n: units.number })
      .from(units)
      .where(eq(units.companyId, companyId))
      .orderBy(units.number);
    expect(numbers.map((u) => u.n)).toEqual(["1-101", "1-103", "1-105"]);
    const [summary] = await auditOf(db, companyId, "registry.import.units");
    expect(summary.after).toMatchObject({ validOnly: true, created: 3, skipped: 2 });
  });
});

describe("encodings", () => {
  const rows = [
    flat(1, { householdName: "张三丰", contact1Name: "张三丰" }),
    flat(2, { householdName: "李四", contact1Name: "李四", unitType: "车位" }),
  ];

  it("reads GB18030 (what Excel writes on a Chinese Windows)", async () => {
    const { companyId, community, run } = await setup();
    const bytes = new Uint8Array(iconv.encode(unitsCsv(rows), "gb18030"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const check = await run.check("units", community.id, bytes);
    expect(check.encoding).toBe("gb18030");
    expect(await run.units(community.id, bytes)).toMatchObject({ status: "done", created: 2 });
    const names = await db
      .select({ name: households.name })
      .from(households)
      .where(eq(households.companyId, companyId))
      .orderBy(households.id);
    expect(names.map((n) => n.name)).toEqual(["张三丰", "李四"]);
  });

  it("reads UTF-8 with a BOM, and GB18030 headers too", async () => {
    const { companyId, community, run } = await setup();
    const bom = utf8("\ufeff" + unitsCsv(rows));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const result = await run.units(community.id, bom);
    expect(result).toMatchObject({ status: "done", created: 2 });
    expect(result.report.columns[0]).toEqual({ key: "buildingCode", header: "楼栋编号 building_code", letter: "A" });
    expect((await registryRows(db, companyId)).households).toBe(2);
  });

  it("accepts Chinese-only or English-only headers in any order, and ignores unknown columns", async () => {
    const { community, run } = await setup();
    const text = "备注,房号,楼栋编号,面积,客户名称,联系人1,联系人1电话\r\n随便,1-101,1,88,王五,王五,13900000009\r\n";
    const english =
      "unit_number,building_code,area_m2,household_name,contact1_name,contact1_phone\r\n1-102,1,88,Li,Li,13900000008\r\n";
    const zh = await run.units(community.id, text);
    expect(zh).toMatchObject({ status: "done", created: 1 });
    expect(zh.report.ignoredColumns).toEqual(["备注"]);
    expect(await run.units(community.id, english)).toMatchObject({ status: "done", created: 1 });
  });
});
