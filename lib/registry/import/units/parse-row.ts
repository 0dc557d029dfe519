import { z } from "zod";
import { optionalEmailField, phoneField } from "@/lib/validation";
import { areaField, buildingCodeField, dayField, floorField, registryNameField, unitNumberField } from "../../schemas";
import { HOUSEHOLD_KIND_WORDS, lookupWord, UNIT_TYPE_WORDS, type UnitColumn } from "../columns";
import { checkCell, type RowError, type SourceRow } from "../table";
import type { Pause } from "@/lib/jobs/slice";
import {
  unitKey,
  type Contact,
  type Findings,
  type HouseholdData,
  type ParsedRow,
  type UnitsSnapshot,
  type UnitType,
} from "./model";

const householdKeyField = z.string().max(40, "validation.tooLong");

/** Step 1: each row on its own; then duplicates of the same unit within the file, and inactive units. */
export async function parseRows(
  rows: readonly SourceRow<UnitColumn>[],
  snapshot: UnitsSnapshot,
  f: Findings,
  pause: Pause,
): Promise<ParsedRow[]> {
  const parsed: ParsedRow[] = [];
  const firstRowOfUnit = new Map<string, number>();
  for (const source of rows) {
    await pause();
    const before = f.errors.length;
    const p = parseRow(source, snapshot, f.errors);
    if (f.errors.length > before) f.invalid.add(source.row);
    if (!p) continue;
    const key = unitKey(p.buildingId, p.number);
    if (snapshot.units.get(key)?.active === false) {
      f.reject(p.row, { column: "unitNumber", problem: "import.problem.unitInactive", params: { value: p.number } });
      continue;
    }
    const first = firstRowOfUnit.get(key);
    if (first !== undefined) {
      f.reject(p.row, { column: "unitNumber", problem: "import.problem.duplicateUnit", params: { row: first } });
      continue;
    }
    firstRowOfUnit.set(key, p.row);
    parsed.push(p);
  }
  return parsed;
}

function parseContact(
  row: number,
  cells: Record<UnitColumn, string>,
  nameCol: "contact1Name" | "contact2Name",
  phoneCol: "contact1Phone" | "contact2Phone",
  errors: RowError[],
): Contact | undefined | null {
  if (!cells[nameCol] && !cells[phoneCol]) return null;
  const name = checkCell(registryNameField, cells[nameCol], { row, column: nameCol }, errors);
  const phone = checkCell(phoneField, cells[phoneCol], { row, column: phoneCol }, errors);
  return name === undefined || phone === undefined ? undefined : { name, phone };
}

/** The unit type cell: a known word, or empty (null). */
function unitTypeOf(row: number, cells: Record<UnitColumn, string>, errors: RowError[]): UnitType | null {
  if (!cells.unitType) return null;
  const type = lookupWord(UNIT_TYPE_WORDS, cells.unitType) ?? null;
  if (!type)
    errors.push({
      row,
      column: "unitType",
      problem: "import.problem.unknownUnitType",
      params: { value: cells.unitType },
    });
  return type;
}

/** The row's building by code; it must exist and be active. */
function buildingIdOf(
  row: number,
  code: string | undefined,
  snapshot: UnitsSnapshot,
  errors: RowError[],
): number | undefined {
  const building = code === undefined ? undefined : snapshot.buildings.get(code);
  if (code !== undefined && !building)
    errors.push({ row, column: "buildingCode", problem: "import.problem.unknownBuilding", params: { value: code } });
  else if (building && !building.active)
    errors.push({ row, column: "buildingCode", problem: "import.problem.buildingInactive", params: { value: code! } });
  return building?.active ? building.id : undefined;
}

/** The household cells of a row, or null when they are all empty. */
function parseHousehold(row: number, cells: Record<UnitColumn, string>, errors: RowError[]): HouseholdData | null {
  const hasHousehold = Boolean(
    cells.householdName ||
    cells.householdKind ||
    cells.contact1Name ||
    cells.contact1Phone ||
    cells.contact2Name ||
    cells.contact2Phone ||
    cells.email,
  );
  if (!hasHousehold) return null;
  const data: HouseholdData = {};
  data.name = checkCell(registryNameField, cells.householdName, { row, column: "householdName" }, errors);
  if (cells.householdKind) {
    data.kind = lookupWord(HOUSEHOLD_KIND_WORDS, cells.householdKind);
    if (!data.kind)
      errors.push({
        row,
        column: "householdKind",
        problem: "import.problem.unknownHouseholdKind",
        params: { value: cells.householdKind },
      });
  }
  const c1 = parseContact(row, cells, "contact1Name", "contact1Phone", errors);
  const c2 = parseContact(row, cells, "contact2Name", "contact2Phone", errors);
  if (c1) data.contact1 = c1;
  if (c2) data.contact2 = c2;
  if (c2 !== null && c1 === null) errors.push({ row, column: "contact1Name", problem: "import.problem.contact1First" });
  if (cells.email) {
    data.email = checkCell(optionalEmailField, cells.email, { row, column: "email" }, errors);
    if (c1 === null) errors.push({ row, column: "email", problem: "import.problem.emailWithoutContact" });
  }
  return data;
}

/** Field checks of one row (shared zod schemas), building lookup. Returns null when the row has errors. */
function parseRow(
  { row, cells }: SourceRow<UnitColumn>,
  snapshot: UnitsSnapshot,
  errors: RowError[],
): ParsedRow | null {
  const before = errors.length;
  const code = checkCell(buildingCodeField, cells.buildingCode, { row, column: "buildingCode" }, errors);
  const number = checkCell(unitNumberField, cells.unitNumber, { row, column: "unitNumber" }, errors);
  const floor = checkCell(floorField, cells.floor, { row, column: "floor" }, errors);
  const area = checkCell(areaField, cells.area, { row, column: "area" }, errors);
  const type = unitTypeOf(row, cells, errors);
  const buildingId = buildingIdOf(row, code, snapshot, errors);
  const key = checkCell(householdKeyField, cells.householdKey, { row, column: "householdKey" }, errors);
  const fromDate = cells.fromDate
    ? (checkCell(dayField, cells.fromDate, { row, column: "fromDate" }, errors) ?? null)
    : null;
  const household = parseHousehold(row, cells, errors);
  if (
    errors.length > before ||
    buildingId === undefined ||
    number === undefined ||
    area === undefined ||
    floor === undefined
  )
    return null;
  return {
    row,
    buildingId,
    number,
    floor,
    area,
    type,
    key: key ? key.trim().toUpperCase() : null,
    fromDate,
    household,
  };
}
