import { describe, expect, it } from "vitest";
import type { BuildingColumn, UnitColumn } from "@/lib/registry/import/columns";
import type { SourceRow } from "@/lib/registry/import/table";
import { validateBuildings, type BuildingsSnapshot } from "@/lib/registry/import/validate-buildings";
import {
  unitKey,
  type ExistingHousehold,
  type ExistingUnit,
  type UnitsSnapshot,
} from "@/lib/registry/import/units/model";
import { validateUnits } from "@/lib/registry/import/validate-units";

const EMPTY: Record<UnitColumn, string> = {
  buildingCode: "",
  unitNumber: "",
  floor: "",
  area: "",
  unitType: "",
  householdKey: "",
  householdName: "",
  householdKind: "",
  contact1Name: "",
  contact1Phone: "",
  contact2Name: "",
  contact2Phone: "",
  email: "",
  fromDate: "",
};

/** Rows numbered from 2, as under a header. */
const rows = (...cells: Partial<Record<UnitColumn, string>>[]): SourceRow<UnitColumn>[] =>
  cells.map((c, i) => ({ row: i + 2, cells: { ...EMPTY, ...c } }));

const flat = (n: number, extra: Partial<Record<UnitColumn, string>> = {}) => ({
  buildingCode: "1",
  unitNumber: `1-${100 + n}`,
  area: "90",
  householdName: `户${n}`,
  contact1Name: `户${n}`,
  contact1Phone: `1390000${String(n).padStart(4, "0")}`,
  ...extra,
});

function snapshot(
  units: (Omit<ExistingUnit, "buildingId" | "active"> & { active?: boolean })[] = [],
  households: ExistingHousehold[] = [],
): UnitsSnapshot {
  return {
    communityId: 7,
    buildings: new Map([
      ["1", { id: 11, active: true }],
      ["A2", { id: 12, active: true }],
      ["OLD", { id: 13, active: false }],
    ]),
    units: new Map(units.map((u) => [unitKey(11, u.number), { active: true, ...u, buildingId: 11 }])),
    households: new Map(households.map((h) => [h.id, h])),
    householdIdByCode: new Map(households.map((h) => [h.code, h.id])),
  };
}

const household = (id: number, extra: Partial<ExistingHousehold> = {}): ExistingHousehold => ({
  id,
  code: `CODE${id}AAA`.slice(0, 8),
  name: `户${id}`,
  kind: "owner",
  active: true,
  contacts: [
    { id: id * 10, name: `户${id}`, phone: `1390000${String(id).padStart(4, "0")}`, email: null, isPrimary: true },
  ],
  ...extra,
});

describe("validateUnits: new registry", () => {
  it("plans one household per unit by default, a shared household per key, and vacant units without one", async () => {
    const v = await validateUnits(
      rows(
        flat(1),
        flat(2, { householdKey: "k" }),
        { buildingCode: "1", unitNumber: "b1-01", area: "12", unitType: "车位", householdKey: "K" },
        { buildingCode: "a2", unitNumber: "S-1", area: "50", unitType: "commercial", floor: "1" },
      ),
      snapshot(),
    );
    expect(v.errors).toEqual([]);
    expect(v.outcome).toEqual({ created: 4, updated: 0, unchanged: 0 });
    expect(v.plan.unitCreates.map((u) => [u.buildingId, u.number, u.type, u.areaCentiM2, u.floor])).toEqual([
      [11, "1-101", "residential", 9000, null],
      [11, "1-102", "residential", 9000, null],
      [11, "B1-01", "parking", 1200, null],
      [12, "S-1", "commercial", 5000, 1],
    ]);
    expect(v.plan.householdCreates.map((h) => [h.name, h.kind])).toEqual([
      ["户1", "owner"],
      ["户2", "owner"],
    ]);
    expect(v.plan.linkCreates.map((l) => [l.household, l.unit])).toEqual([
      [{ fresh: 0 }, { fresh: 0 }],
      [{ fresh: 1 }, { fresh: 1 }],
      [{ fresh: 1 }, { fresh: 2 }],
    ]);
    expect(v.plan.contactCreates).toEqual([
      { household: { fresh: 0 }, isPrimary: true, name: "户1", phone: "13900000001", email: null },
      { household: { fresh: 1 }, isPrimary: true, name: "户2", phone: "13900000002", email: null },
    ]);
  });

  it("needs a name and a first contact for a new household, and consistent data across its rows", async () => {
    const v = await validateUnits(
      rows(
        { buildingCode: "1", unitNumber: "1-1", area: "80", householdKey: "solo" }, // key only: no household data anywhere
        { buildingCode: "1", unitNumber: "1-2", area: "80", householdName: "无联系人" },
        flat(3, { householdKey: "g", householdKind: "owner" }),
        flat(3, {
          unitNumber: "1-104",
          householdKey: "g",
          householdKind: "tenant",
          contact1Phone: "",
          contact1Name: "",
        }),
        {
          buildingCode: "1",
          unitNumber: "1-5",
          area: "80",
          contact2Name: "甲",
          contact2Phone: "13800000000",
          householdName: "乙",
        },
      ),
      snapshot(),
    );
    expect(v.errors.map((e) => [e.row, e.column, e.problem, e.params])).toEqual([
      [2, "householdName", "validation.required", undefined],
      [3, "contact1Name", "validation.contactsRequired", undefined],
      [5, "householdKind", "import.problem.householdMismatch", { row: 4 }],
      [6, "contact1Name", "import.problem.contact1First", undefined],
    ]);
    expect(v.outcome.created).toBe(1);
  });

  it("normalises what people type: unit numbers and codes upper-cased, +86 phones, e-mail case, area with unit", async () => {
    const v = await validateUnits(
      rows(flat(1, { unitNumber: " 1-101a ", area: "89.5㎡", contact1Phone: "+86 139-0000-0001", email: "A@B.CN" })),
      snapshot(),
    );
    expect(v.errors).toEqual([]);
    expect(v.plan.unitCreates[0]).toMatchObject({ number: "1-101A", areaCentiM2: 8950 });
    expect(v.plan.contactCreates[0]).toMatchObject({ phone: "13900000001", email: "a@b.cn" });
  });
});

describe("validateUnits: against what exists", () => {
  const existing = [
    { id: 100, number: "1-101", floor: 1, areaCentiM2: 9000, type: "residential" as const, householdId: 1 },
    { id: 101, number: "B1-01", floor: -1, areaCentiM2: 1200, type: "parking" as const, householdId: 1 },
    { id: 102, number: "1-102", floor: 1, areaCentiM2: 9000, type: "residential" as const, householdId: 2 },
    { id: 103, number: "1-103", floor: 1, areaCentiM2: 9000, type: "residential" as const, householdId: null },
  ];
  const two = [household(1), household(2)];

  it("finds units by building and number and households through their units: the same data is unchanged", async () => {
    const v = await validateUnits(
      rows(flat(1), flat(2), { buildingCode: "1", unitNumber: "1-103", area: "90" }),
      snapshot(existing, two),
    );
    expect(v.errors).toEqual([]);
    expect(v.outcome).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(Object.values(v.plan).filter(Array.isArray).flat()).toEqual([]);
  });

  it("never erases with an empty cell: floor, type, kind, e-mail stay; a changed area updates", async () => {
    const withEmail = [
      household(1, {
        kind: "tenant",
        contacts: [{ id: 10, name: "户1", phone: "13900000001", email: "x@y.cn", isPrimary: true }],
      }),
      household(2),
    ];
    const v = await validateUnits(rows(flat(1, { area: "91" })), snapshot(existing, withEmail));
    expect(v.plan.unitUpdates).toEqual([
      {
        row: 2,
        id: 100,
        buildingId: 11,
        number: "1-101",
        before: { floor: 1, areaCentiM2: 9000, type: "residential" },
        after: { floor: 1, areaCentiM2: 9100, type: "residential" },
      },
    ]);
    expect(v.plan.householdUpdates).toEqual([]);
    expect(v.plan.contactUpdates).toEqual([]);
    expect(v.outcome).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });

  it("updates household name/kind and contact slots 1–2, adding slot 2 when missing", async () => {
    const v = await validateUnits(
      rows(
        flat(1, {
          householdName: "新名",
          householdKind: "租户",
          contact1Phone: "13911111111",
          contact2Name: "二",
          contact2Phone: "13822222222",
          email: "n@m.cn",
        }),
      ),
      snapshot(existing, two),
    );
    expect(v.plan.householdUpdates).toEqual([
      { id: 1, code: two[0].code, before: { name: "户1", kind: "owner" }, after: { name: "新名", kind: "tenant" } },
    ]);
    expect(v.plan.contactUpdates).toEqual([
      {
        id: 10,
        householdId: 1,
        before: { name: "户1", phone: "13900000001", email: null },
        after: { name: "户1", phone: "13911111111", email: "n@m.cn" },
      },
    ]);
    expect(v.plan.contactCreates).toEqual([
      { household: { existing: 1 }, isPrimary: false, name: "二", phone: "13822222222", email: null },
    ]);
  });

  it("gives a vacant unit to a new household; attaches a new unit to the holder of its key's other units", async () => {
    const v = await validateUnits(
      rows(flat(3, { householdName: "新户" }), flat(1, { householdKey: "x" }), {
        buildingCode: "1",
        unitNumber: "B1-02",
        area: "12",
        householdKey: "x",
      }),
      snapshot(existing, two),
    );
    expect(v.errors).toEqual([]);
    expect(v.plan.householdCreates).toEqual([{ row: 2, name: "新户", kind: "owner" }]);
    expect(v.plan.linkCreates.map((l) => [l.household, l.unit, l.number])).toEqual([
      [{ fresh: 0 }, { existing: 103 }, "1-103"],
      [{ existing: 1 }, { fresh: 0 }, "B1-02"],
    ]);
    expect(v.outcome).toEqual({ created: 1, updated: 1, unchanged: 1 });
  });

  it("moves a unit only to a household named by its code; a plain key over two holders is a conflict", async () => {
    const moved = await validateUnits(
      rows({ buildingCode: "1", unitNumber: "1-102", area: "90", householdKey: two[0].code.toLowerCase() }),
      snapshot(existing, two),
    );
    expect(moved.plan.linkMoves).toEqual([{ unitId: 102, buildingId: 11, number: "1-102", before: 2, after: 1 }]);

    const conflict = await validateUnits(
      rows(flat(1, { householdKey: "z" }), { buildingCode: "1", unitNumber: "1-102", area: "90", householdKey: "z" }),
      snapshot(existing, two),
    );
    expect(conflict.errors.map((e) => [e.row, e.column, e.problem])).toEqual([
      [2, "householdKey", "import.problem.householdConflict"],
      [3, "householdKey", "import.problem.householdConflict"],
    ]);
  });

  it("a handover date (交付日期) starts a new holding on that day; none: the import day; a dated move or a bad date is refused", async () => {
    const v = await validateUnits(
      rows(flat(3, { householdName: "新户", fromDate: "2024-12-01" }), flat(4, { householdName: "又一户" })),
      snapshot(existing, two),
    );
    expect(v.errors).toEqual([]);
    expect(v.plan.linkCreates.map((l) => [l.number, l.fromDate])).toEqual([
      ["1-103", "2024-12-01"],
      ["1-104", null],
    ]);
    const moved = await validateUnits(
      rows({ buildingCode: "1", unitNumber: "1-102", area: "90", householdKey: two[0].code, fromDate: "2025-01-01" }),
      snapshot(existing, two),
    );
    expect(moved.errors.map((e) => [e.row, e.column, e.problem])).toEqual([
      [2, "fromDate", "import.problem.fromDateOnMove"],
    ]);
    expect(moved.plan.linkMoves).toEqual([]);
    const bad = await validateUnits(rows(flat(3, { fromDate: "2025-02-30" })), snapshot(existing, two));
    expect(bad.errors.map((e) => [e.row, e.column, e.problem])).toEqual([[2, "fromDate", "validation.date"]]);
  });

  it("refuses deactivated buildings, units and households named by code", async () => {
    const inactive = [
      ...existing,
      {
        id: 104,
        number: "1-104",
        floor: 1,
        areaCentiM2: 9000,
        type: "residential" as const,
        householdId: null,
        active: false,
      },
    ];
    const gone = household(3, { active: false });
    const v = await validateUnits(
      rows(
        { buildingCode: "old", unitNumber: "1", area: "80" },
        { buildingCode: "1", unitNumber: "1-104", area: "80" },
        { buildingCode: "1", unitNumber: "1-103", area: "90", householdKey: gone.code },
      ),
      snapshot(inactive, [...two, gone]),
    );
    expect(v.errors.map((e) => [e.row, e.column, e.problem])).toEqual([
      [2, "buildingCode", "import.problem.buildingInactive"],
      [3, "unitNumber", "import.problem.unitInactive"],
      [4, "householdKey", "import.problem.householdInactive"],
    ]);
  });

  it("rows without a key that reach the same household must agree", async () => {
    const v = await validateUnits(
      rows(flat(1), {
        buildingCode: "1",
        unitNumber: "B1-01",
        area: "12",
        householdName: "别人",
        contact1Name: "户1",
        contact1Phone: "13900000001",
      }),
      snapshot(existing, two),
    );
    expect(v.errors.map((e) => [e.row, e.column, e.problem])).toEqual([
      [3, "householdName", "import.problem.householdMismatch"],
    ]);
  });
});

describe("validateBuildings", () => {
  const snap: BuildingsSnapshot = {
    communities: new Map([
      ["翠湖花园", { id: 1, name: "翠湖花园", active: true, allowed: true }],
      ["别人的小区", { id: 2, name: "别人的小区", active: true, allowed: false }],
      ["旧小区", { id: 3, name: "旧小区", active: false, allowed: true }],
    ]),
    buildings: new Map([
      ["1|1", { id: 5, communityId: 1, code: "1", name: "1栋", floors: 18, active: true }],
      ["1|9", { id: 6, communityId: 1, code: "9", name: "9栋", floors: 6, active: false }],
    ]),
  };
  const b = (...cells: Partial<Record<BuildingColumn, string>>[]): SourceRow<BuildingColumn>[] =>
    cells.map((c, i) => ({
      row: i + 2,
      cells: { community: "", buildingCode: "", buildingName: "", floors: "", ...c },
    }));

  it("matches communities by name regardless of width and spacing, plans creates and updates", () => {
    const v = validateBuildings(
      b(
        { community: " 翠湖花园 ", buildingCode: "1", buildingName: "1栋", floors: "" },
        { community: "翠湖花园", buildingCode: "2", buildingName: "2栋", floors: "6" },
        { community: "翠湖花园", buildingCode: "1", buildingName: "一号楼", floors: "18" },
      ),
      snap,
    );
    expect(v.errors.map((e) => [e.row, e.problem, e.params])).toEqual([
      [4, "import.problem.duplicateBuilding", { row: 2 }],
    ]);
    expect(v.plan.creates).toEqual([{ row: 3, communityId: 1, code: "2", name: "2栋", floors: 6 }]);
    expect(v.outcome).toEqual({ created: 1, updated: 0, unchanged: 1 });
  });

  it("refuses communities the user may not edit, deactivated communities and deactivated buildings", () => {
    const v = validateBuildings(
      b(
        { community: "别人的小区", buildingCode: "1", buildingName: "1栋" },
        { community: "旧小区", buildingCode: "1", buildingName: "1栋" },
        { community: "翠湖花园", buildingCode: "9", buildingName: "9栋" },
      ),
      snap,
    );
    expect(v.errors.map((e) => [e.row, e.column, e.problem])).toEqual([
      [2, "community", "import.problem.communityNotAllowed"],
      [3, "community", "import.problem.communityInactive"],
      [4, "buildingCode", "import.problem.buildingInactive"],
    ]);
  });
});
