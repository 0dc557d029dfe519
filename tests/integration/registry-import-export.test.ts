import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { exportBuildingsCsv, exportUnitsCsv, templateCsv } from "@/lib/registry/import/export";
import { createCompany } from "../support/fixtures";
import {
  BUILDING_HEADER,
  buildingsCsv,
  createCommunity,
  flat,
  importer,
  registryRows,
  unitsCsv,
  UNIT_HEADER,
} from "../support/registry-import";
import { createTestDb } from "../support/test-db";

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\ufeff/, ""), { skipEmptyLines: true }).data;

describe("CSV export", () => {
  it("writes templates: BOM, the bilingual header, no example rows", () => {
    const csv = templateCsv("units");
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(parse(csv)).toEqual([UNIT_HEADER]);
    expect(parse(templateCsv("buildings"))).toEqual([BUILDING_HEADER]);
  });

  it("round-trips: export, import the export again → everything unchanged", async () => {
    const { companyId, adminId } = await createCompany(db);
    const community = await createCommunity(db, companyId);
    const run = importer(db, companyId, adminId);
    await run.buildings(
      buildingsCsv([{ community: community.name, buildingCode: "10", buildingName: "=10栋", floors: "33" }]),
    );
    await run.units(
      community.id,
      unitsCsv([
        flat(1, {
          householdKey: "a",
          contact2Name: "家属",
          contact2Phone: "13800000001",
          email: "a@example.com",
          area: "89.35",
        }),
        { buildingCode: "1", unitNumber: "B1-001", floor: "-1", area: "12", unitType: "车位", householdKey: "a" },
        flat(2, {
          householdName: "+李四",
          householdKind: "租户",
          contact1Name: "-李四",
          buildingCode: "10",
          unitNumber: "10-0101",
        }),
        { buildingCode: "2", unitNumber: "S-1", area: "1,234.5", unitType: "商铺" },
      ]),
    );
    const before = await registryRows(db, companyId);

    const units = (await exportUnitsCsv(db, companyId, community.id, "zh-CN"))!;
    expect(units.startsWith("\ufeff")).toBe(true);
    const rows = parse(units);
    expect(rows[0]).toEqual(UNIT_HEADER);
    expect(
      rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[9], r[10], r[11], r[12]]),
    ).toEqual([
      [
        "1",
        "1-101",
        "1",
        "89.35",
        "住宅",
        "业主1",
        "业主",
        "业主1",
        "13900000001",
        "家属",
        "13800000001",
        "a@example.com",
      ],
      [
        "1",
        "B1-001",
        "-1",
        "12",
        "车位",
        "业主1",
        "业主",
        "业主1",
        "13900000001",
        "家属",
        "13800000001",
        "a@example.com",
      ],
      ["2", "S-1", "", "1234.5", "商铺", "", "", "", "", "", "", ""],
      ["10", "10-0101", "1", "89.5", "住宅", "'+李四", "租户", "'-李四", "13900000002", "", "", ""],
    ]);
    // The household key is the household's code: the flat and its parking space share it.
    expect(rows[1][5]).toMatch(/^[23456789A-Z]{8}$/);
    expect(rows[2][5]).toBe(rows[1][5]);
    expect(rows[3][5]).toBe("");

    const buildingsFile = (await exportBuildingsCsv(db, companyId, community.id))!;
    expect(parse(buildingsFile)).toEqual([
      BUILDING_HEADER,
      [community.name, "1", "1栋", "18"],
      [community.name, "2", "2栋", "18"],
      [community.name, "10", "'=10栋", "33"],
    ]);

    expect(await run.buildings(buildingsFile)).toMatchObject({ status: "done", created: 0, updated: 0, unchanged: 3 });
    expect(await run.units(community.id, units)).toMatchObject({
      status: "done",
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    // English labels import the same.
    expect(await run.units(community.id, (await exportUnitsCsv(db, companyId, community.id, "en"))!)).toMatchObject({
      status: "done",
      unchanged: 4,
    });
    expect(await registryRows(db, companyId)).toEqual({ ...before, audit: before.audit + 3 });
  });
});
