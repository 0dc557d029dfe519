import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { MAX_FILE_BYTES } from "@/lib/registry/import/parse";
import type { RunResult } from "@/lib/registry/import/run";
import { createCompany } from "../support/fixtures";
import {
  buildingsCsv,
  createCommunity,
  flat,
  importer,
  registryRows,
  unitsCsv,
  UNIT_HEADER,
  utf8,
} from "../support/registry-import";
import { createTestDb } from "../support/test-db";

let db: Db;
let companyId: number;
let communityId: number;
let communityName: string;
let run: ReturnType<typeof importer>;
let baseline: Awaited<ReturnType<typeof registryRows>>;

beforeAll(async () => {
  db = (await createTestDb()).db;
  const company = await createCompany(db);
  companyId = company.companyId;
  const community = await createCommunity(db, companyId);
  communityId = community.id;
  communityName = community.name;
  run = importer(db, companyId, company.adminId);
  // Two held units, to collide with.
  await run.units(communityId, unitsCsv([flat(98), flat(99)]));
  baseline = await registryRows(db, companyId);
});

const errorsOf = (result: RunResult) => result.report.errors.map((e) => [e.row, e.column, e.problem]);

/** Every test below must leave the registry exactly as it was. */
async function expectNothingWritten() {
  expect(await registryRows(db, companyId)).toEqual(baseline);
}

describe("row errors, each at its spreadsheet row and column; nothing written", () => {
  it("units file: every kind of bad cell", async () => {
    const file = unitsCsv([
      flat(1), // row 2: fine
      flat(2, { buildingCode: "9" }), // row 3
      flat(3, { area: "0" }), // row 4
      flat(4, { area: "10000.01" }), // row 5
      flat(5, { area: "八十" }), // row 6
      flat(6, { contact1Phone: "1390000" }), // row 7
      flat(7, { unitType: "别墅" }), // row 8
      flat(8, { householdKind: "房东" }), // row 9
      flat(1, { householdName: "又一个" }), // row 10: same unit as row 2
      flat(10, { unitNumber: "" }), // row 11
      flat(11, { householdName: "" }), // row 12: contacts but no household name
      { buildingCode: "1", unitNumber: "1-112", area: "80", householdName: "无联系人" }, // row 13: a new household needs a contact
      flat(13, { householdKey: "G" }), // row 14
      flat(14, { householdKey: "G", householdName: "别的名字" }), // row 15: same key, different household name
      flat(15, { email: "not-an-email" }), // row 16
      flat(16, { floor: "三楼" }), // row 17
      flat(17, { contact2Name: "只有名字" }), // row 18: contact 2 without phone
    ]);
    const result = await run.units(communityId, file);
    expect(result.status).toBe("rejected");
    expect(errorsOf(result)).toEqual([
      [3, "buildingCode", "import.problem.unknownBuilding"],
      [4, "area", "validation.area.notPositive"],
      [5, "area", "validation.area.tooLarge"],
      [6, "area", "validation.area.format"],
      [7, "contact1Phone", "validation.phone"],
      [8, "unitType", "import.problem.unknownUnitType"],
      [9, "householdKind", "import.problem.unknownHouseholdKind"],
      [10, "unitNumber", "import.problem.duplicateUnit"],
      [11, "unitNumber", "validation.required"],
      [12, "householdName", "validation.required"],
      [13, "contact1Name", "validation.contactsRequired"],
      [15, "householdName", "import.problem.householdMismatch"],
      [15, "contact1Name", "import.problem.householdMismatch"],
      [16, "email", "validation.email"],
      [17, "floor", "validation.floor"],
      [18, "contact2Phone", "validation.required"],
    ]);
    expect(result.report.errors.find((e) => e.row === 10)?.params).toEqual({ row: 2 });
    expect(result.report.errors.find((e) => e.row === 3)?.params).toEqual({ value: "9" });
    expect(result.report).toMatchObject({ rows: 17, invalidRows: 15, outcome: { created: 2 } });
    await expectNothingWritten();
  });

  it("units file: one key over units held by two different households", async () => {
    const unit = (number: string) => ({ buildingCode: "1", unitNumber: number, area: "89.5", householdKey: "Z" });
    const result = await run.units(communityId, unitsCsv([unit("1-198"), unit("1-199")]));
    expect(errorsOf(result)).toEqual([
      [2, "householdKey", "import.problem.householdConflict"],
      [3, "householdKey", "import.problem.householdConflict"],
    ]);
    await expectNothingWritten();
  });

  it("buildings file: unknown community, duplicate code, bad code and floors", async () => {
    const file = buildingsCsv([
      { community: communityName, buildingCode: "5", buildingName: "5栋", floors: "6" },
      { community: "不存在的小区", buildingCode: "6", buildingName: "6栋" },
      { community: communityName, buildingCode: "5", buildingName: "又是5栋" },
      { community: communityName, buildingCode: "7#", buildingName: "7栋" },
      { community: communityName, buildingCode: "8", buildingName: "8栋", floors: "0" },
      { community: communityName, buildingCode: "9", buildingName: "" },
    ]);
    const result = await run.buildings(file);
    expect(result.status).toBe("rejected");
    expect(errorsOf(result)).toEqual([
      [3, "community", "import.problem.unknownCommunity"],
      [4, "buildingCode", "import.problem.duplicateBuilding"],
      [5, "buildingCode", "validation.buildingCode"],
      [6, "floors", "validation.floor"],
      [7, "buildingName", "validation.required"],
    ]);
    await expectNothingWritten();
  });
});

describe("file errors: the whole file is refused; nothing written", () => {
  const fileProblem = (result: RunResult) => result.report.fileProblem;

  it("missing required columns", async () => {
    const text = "楼栋编号,房号,面积\r\n1,1-101,80\r\n";
    expect(fileProblem(await run.units(communityId, text))).toEqual({
      problem: "import.file.missingColumns",
      params: { columns: "客户名称 household_name, 联系人1 contact1_name, 联系人1电话 contact1_phone" },
    });
    expect(fileProblem(await run.buildings("小区,楼栋名称\r\nA,B\r\n"))).toMatchObject({
      problem: "import.file.missingColumns",
    });
    await expectNothingWritten();
  });

  it("a column given twice", async () => {
    const text = `${UNIT_HEADER.join(",")},area_m2\r\n`;
    expect(fileProblem(await run.units(communityId, text + "1,1-101\r\n"))).toMatchObject({
      problem: "import.file.duplicateColumns",
      params: { columns: "面积(m²) area_m2" },
    });
  });

  it("wrong file type: by name, by MIME type, by content (a workbook renamed .csv)", async () => {
    const csv = unitsCsv([flat(1)]);
    expect(fileProblem(await run.units(communityId, csv, { name: "房屋.xlsx" }))).toEqual({
      problem: "import.file.wrongType",
    });
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(fileProblem(await run.units(communityId, xlsx, { name: "房屋.csv" }))).toEqual({
      problem: "import.file.workbook",
    });
    const binary = new Uint8Array([0x31, 0x2c, 0x00, 0x01, 0x02]);
    expect(fileProblem(await run.units(communityId, binary))).toEqual({ problem: "import.file.wrongType" });
    await expectNothingWritten();
  });

  it("a file over 20 MB", async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41);
    expect(fileProblem(await run.units(communityId, big))).toEqual({
      problem: "import.file.tooLarge",
      params: { max: 20 },
    });
  });

  it("an empty file, a blank file, a header without rows", async () => {
    expect(fileProblem(await run.units(communityId, new Uint8Array()))).toEqual({ problem: "import.file.empty" });
    expect(fileProblem(await run.units(communityId, "\ufeff \r\n\r\n"))).toEqual({ problem: "import.file.empty" });
    expect(fileProblem(await run.units(communityId, unitsCsv([]) + "\r\n,,,\r\n"))).toEqual({
      problem: "import.file.noRows",
    });
    await expectNothingWritten();
  });

  it("broken quoting, at its row", async () => {
    const text = unitsCsv([flat(1)]) + '\r\n1,"1-102,80\r\n';
    expect(fileProblem(await run.units(communityId, text))).toEqual({
      problem: "import.file.malformed",
      params: { row: 3 },
    });
    expect(fileProblem(await run.units(communityId, utf8(text)))).toMatchObject({ problem: "import.file.malformed" });
  });
});
