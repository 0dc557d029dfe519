/**
 * Units & households file, imported into one community. Pure: rows + a snapshot of what the
 * community holds → row errors + the planned writes of the valid rows.
 *
 * Identity: a unit is (community, building code, unit number) — re-importing the same file
 * changes nothing. A household is found through its units, or through the household key:
 *   - key empty: the row is its own household (one household per unit), or no household at
 *     all when the household columns are empty too (a vacant unit);
 *   - the same key on several rows: one household holding all those units (flat + parking);
 *   - a key equal to an existing household's code (the code on its bills; exports write it):
 *     that household — its units in the file are attached to it, moved from another holder
 *     if need be.
 * Otherwise a household is the current holder of its units; units of one key held by
 * different households are an error (use the code of the one that should hold them).
 * Empty optional cells never erase stored data; the import adds and updates, never deletes.
 */
import { z } from "zod";
import type { HOUSEHOLD_KINDS, UNIT_TYPES } from "@/db/schema/registry";
import { optionalEmailField, phoneField } from "@/lib/validation";
import { normalizeHouseholdCode } from "../rules";
import { areaField, buildingCodeField, dayField, floorField, registryNameField, unitNumberField } from "../schemas";
import { HOUSEHOLD_KIND_WORDS, lookupWord, UNIT_COLUMNS, UNIT_TYPE_WORDS, type UnitColumn } from "./columns";
import { checkCell, countInvalidRows, sortErrors, type RowError, type SourceRow, type Validation } from "./table";

export type UnitType = (typeof UNIT_TYPES)[number];
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];

export interface ExistingUnit {
  id: number;
  buildingId: number;
  number: string;
  floor: number | null;
  areaCentiM2: number;
  type: UnitType;
  active: boolean;
  householdId: number | null;
}

export interface ExistingContact {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
}

export interface ExistingHousehold {
  id: number;
  code: string;
  name: string;
  kind: HouseholdKind;
  active: boolean;
  /** Primary first, then in creation order: slot 1 and slot 2 of the file are the first two. */
  contacts: ExistingContact[];
}

export interface UnitsSnapshot {
  communityId: number;
  /** The community's buildings by CODE. */
  buildings: Map<string, { id: number; active: boolean }>;
  /** The community's units by unitKey(buildingId, number). */
  units: Map<string, ExistingUnit>;
  /** Holders of the community's units, and the households named by code in the file. */
  households: Map<number, ExistingHousehold>;
  householdIdByCode: Map<string, number>;
}

export const unitKey = (buildingId: number, number: string) => `${buildingId}|${number.toUpperCase()}`;

export interface UnitValues {
  floor: number | null;
  areaCentiM2: number;
  type: UnitType;
}
export interface ContactValues {
  name: string;
  phone: string | null;
  email: string | null;
}
/** A household or unit that exists (its id) or that the plan creates (index into the create list). */
export type Ref = { existing: number } | { fresh: number };

export interface UnitsPlan {
  kind: "units";
  communityId: number;
  unitCreates: ({ row: number; buildingId: number; number: string } & UnitValues)[];
  unitUpdates: { row: number; id: number; buildingId: number; number: string; before: UnitValues; after: UnitValues }[];
  householdCreates: { row: number; name: string; kind: HouseholdKind }[];
  householdUpdates: {
    id: number;
    code: string;
    before: { name: string; kind: HouseholdKind };
    after: { name: string; kind: HouseholdKind };
  }[];
  contactCreates: ({ household: Ref; isPrimary: boolean } & ContactValues)[];
  contactUpdates: { id: number; householdId: number; before: ContactValues; after: ContactValues }[];
  /** New holder links; building and number for the result list and the audit. */
  /** fromDate: the file's handover date, or null (the import day). */
  linkCreates: { household: Ref; unit: Ref; buildingId: number; number: string; fromDate: string | null }[];
  linkMoves: { unitId: number; buildingId: number; number: string; before: number; after: number }[];
}

/* ---- one row ---- */

interface Contact {
  name: string;
  phone: string;
}
interface HouseholdData {
  name?: string;
  kind?: HouseholdKind;
  contact1?: Contact;
  contact2?: Contact;
  email?: string;
}
interface ParsedRow {
  row: number;
  buildingId: number;
  number: string;
  floor: number | null;
  area: number;
  type: UnitType | null;
  /** Upper-cased household key, or null. */
  key: string | null;
  /** The holding's first day (交付/入伙 date column), or null: the import day. */
  fromDate: string | null;
  household: HouseholdData | null;
}

const householdKeyField = z.string().max(40, "validation.tooLong");

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
  let type: UnitType | null = null;
  if (cells.unitType) {
    type = lookupWord(UNIT_TYPE_WORDS, cells.unitType) ?? null;
    if (!type)
      errors.push({
        row,
        column: "unitType",
        problem: "import.problem.unknownUnitType",
        params: { value: cells.unitType },
      });
  }
  const building = code === undefined ? undefined : snapshot.buildings.get(code);
  if (code !== undefined && !building)
    errors.push({ row, column: "buildingCode", problem: "import.problem.unknownBuilding", params: { value: code } });
  else if (building && !building.active)
    errors.push({ row, column: "buildingCode", problem: "import.problem.buildingInactive", params: { value: code! } });
  const buildingId = building?.active ? building.id : undefined;

  const key = checkCell(householdKeyField, cells.householdKey, { row, column: "householdKey" }, errors);
  const fromDate = cells.fromDate
    ? (checkCell(dayField, cells.fromDate, { row, column: "fromDate" }, errors) ?? null)
    : null;
  let household: HouseholdData | null = null;
  const hasHousehold = Boolean(
    cells.householdName ||
    cells.householdKind ||
    cells.contact1Name ||
    cells.contact1Phone ||
    cells.contact2Name ||
    cells.contact2Phone ||
    cells.email,
  );
  if (hasHousehold) {
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
    if (c2 !== null && c1 === null)
      errors.push({ row, column: "contact1Name", problem: "import.problem.contact1First" });
    if (cells.email) {
      data.email = checkCell(optionalEmailField, cells.email, { row, column: "email" }, errors);
      if (c1 === null) errors.push({ row, column: "email", problem: "import.problem.emailWithoutContact" });
    }
    household = data;
  }
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

/* ---- households across rows ---- */

interface Group {
  /** The rows of this household, in file order. */
  rows: ParsedRow[];
  data: HouseholdData;
  /** An existing household's id, or null for a household this import creates. */
  existingId: number | null;
}

const DATA_FIELDS = [
  ["name", "householdName"],
  ["kind", "householdKind"],
  ["contact1", "contact1Name"],
  ["contact2", "contact2Name"],
  ["email", "email"],
] as const;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Folds a row's household cells into the group's: cells it leaves empty are fine, cells that
 * differ from what an earlier row of the same household said are an error on that row.
 */
function mergeInto(
  group: HouseholdData,
  data: HouseholdData,
  row: number,
  firstRow: number,
  errors: RowError[],
): boolean {
  const conflicts = DATA_FIELDS.filter(
    ([field]) => data[field] !== undefined && group[field] !== undefined && !sameValue(data[field], group[field]),
  );
  for (const [, column] of conflicts)
    errors.push({ row, column, problem: "import.problem.householdMismatch", params: { row: firstRow } });
  if (conflicts.length) return false;
  for (const [field] of DATA_FIELDS)
    if (data[field] !== undefined && group[field] === undefined) Object.assign(group, { [field]: data[field] });
  return true;
}

export function validateUnits(rows: readonly SourceRow<UnitColumn>[], snapshot: UnitsSnapshot): Validation<UnitsPlan> {
  const errors: RowError[] = [];
  const invalid = new Set<number>();
  const reject = (row: number, error: Omit<RowError, "row">) => {
    errors.push({ row, ...error });
    invalid.add(row);
  };

  // 1. Each row on its own; then duplicates of the same unit within the file.
  const parsed: ParsedRow[] = [];
  const firstRowOfUnit = new Map<string, number>();
  for (const source of rows) {
    const before = errors.length;
    const p = parseRow(source, snapshot, errors);
    if (errors.length > before) invalid.add(source.row);
    if (!p) continue;
    const key = unitKey(p.buildingId, p.number);
    if (snapshot.units.get(key)?.active === false) {
      reject(p.row, { column: "unitNumber", problem: "import.problem.unitInactive", params: { value: p.number } });
      continue;
    }
    const first = firstRowOfUnit.get(key);
    if (first !== undefined) {
      reject(p.row, { column: "unitNumber", problem: "import.problem.duplicateUnit", params: { row: first } });
      continue;
    }
    firstRowOfUnit.set(key, p.row);
    parsed.push(p);
  }
  const existingUnit = (p: ParsedRow) => snapshot.units.get(unitKey(p.buildingId, p.number));

  // 2. Households: group rows by key (or each row alone), then resolve each group's target.
  const groups = new Map<string, Group>();
  for (const p of parsed) {
    if (!p.key && !p.household) continue;
    const id = p.key ? `k:${p.key}` : `r:${p.row}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { rows: [], data: {}, existingId: null }));
    if (p.household && !mergeInto(group.data, p.household, p.row, group.rows[0]?.row ?? p.row, errors)) {
      invalid.add(p.row);
      continue;
    }
    group.rows.push(p);
  }

  const byExisting = new Map<number, Group>();
  const resolved: Group[] = [];
  for (const group of groups.values()) {
    if (group.rows.length === 0) continue;
    const key = group.rows[0].key;
    const named = key ? snapshot.householdIdByCode.get(normalizeHouseholdCode(key)) : undefined;
    if (named !== undefined && !snapshot.households.get(named)?.active) {
      for (const p of group.rows)
        reject(p.row, { column: "householdKey", problem: "import.problem.householdInactive" });
      continue;
    }
    let targetId = named;
    if (targetId === undefined) {
      const holders = new Set(
        group.rows.map((p) => existingUnit(p)?.householdId).filter((h): h is number => h != null),
      );
      if (holders.size > 1) {
        for (const p of group.rows)
          reject(p.row, {
            column: key ? "householdKey" : "householdName",
            problem: "import.problem.householdConflict",
          });
        continue;
      }
      targetId = holders.values().next().value;
    }
    if (targetId === undefined) {
      // A new household needs a name and a first contact.
      const missing = !group.data.name ? "householdName" : !group.data.contact1 ? "contact1Name" : null;
      if (missing) {
        const problem = missing === "householdName" ? "validation.required" : "validation.contactsRequired";
        for (const p of group.rows) reject(p.row, { column: missing, problem });
        continue;
      }
      resolved.push(group);
      continue;
    }
    // Several groups can reach the same household (rows without a key whose units it already holds).
    const earlier = byExisting.get(targetId);
    if (earlier) {
      const kept: ParsedRow[] = [];
      for (const p of group.rows) {
        if (p.household && !mergeInto(earlier.data, p.household, p.row, earlier.rows[0].row, errors))
          invalid.add(p.row);
        else kept.push(p);
      }
      earlier.rows.push(...kept);
      continue;
    }
    group.existingId = targetId;
    byExisting.set(targetId, group);
    resolved.push(group);
  }

  // 3. The plan, from the rows still valid.
  const plan: UnitsPlan = {
    kind: "units",
    communityId: snapshot.communityId,
    unitCreates: [],
    unitUpdates: [],
    householdCreates: [],
    householdUpdates: [],
    contactCreates: [],
    contactUpdates: [],
    linkCreates: [],
    linkMoves: [],
  };
  const unitRef = new Map<number, Ref>();
  const changedRows = new Set<number>();
  const createdRows = new Set<number>();
  const valid = parsed.filter((p) => !invalid.has(p.row));
  for (const p of valid) {
    const existing = existingUnit(p);
    if (!existing) {
      unitRef.set(p.row, { fresh: plan.unitCreates.length });
      plan.unitCreates.push({
        row: p.row,
        buildingId: p.buildingId,
        number: p.number,
        floor: p.floor,
        areaCentiM2: p.area,
        type: p.type ?? "residential",
      });
      createdRows.add(p.row);
      continue;
    }
    unitRef.set(p.row, { existing: existing.id });
    const before: UnitValues = { floor: existing.floor, areaCentiM2: existing.areaCentiM2, type: existing.type };
    const after: UnitValues = { floor: p.floor ?? existing.floor, areaCentiM2: p.area, type: p.type ?? existing.type };
    if (before.floor !== after.floor || before.areaCentiM2 !== after.areaCentiM2 || before.type !== after.type) {
      plan.unitUpdates.push({
        row: p.row,
        id: existing.id,
        buildingId: p.buildingId,
        number: existing.number,
        before,
        after,
      });
      changedRows.add(p.row);
    }
  }

  for (const group of resolved) {
    const rowsLeft = group.rows.filter((p) => !invalid.has(p.row));
    if (rowsLeft.length === 0) continue;
    const { data } = group;
    let target: Ref;
    let householdChanged = false;
    if (group.existingId !== null) {
      target = { existing: group.existingId };
      householdChanged = planExistingHousehold(plan, snapshot.households.get(target.existing)!, data);
    } else {
      target = { fresh: plan.householdCreates.length };
      plan.householdCreates.push({ row: rowsLeft[0].row, name: data.name!, kind: data.kind ?? "owner" });
      const c1 = data.contact1!;
      plan.contactCreates.push({
        household: target,
        isPrimary: true,
        name: c1.name,
        phone: c1.phone,
        email: data.email ?? null,
      });
      if (data.contact2)
        plan.contactCreates.push({
          household: target,
          isPrimary: false,
          name: data.contact2.name,
          phone: data.contact2.phone,
          email: null,
        });
    }
    for (const p of rowsLeft) {
      const unit = existingUnit(p);
      const holder = unit?.householdId ?? null;
      if ("existing" in target && holder === target.existing) {
        if (householdChanged) changedRows.add(p.row);
        continue;
      }
      const at = { buildingId: p.buildingId, number: unit?.number ?? p.number };
      if (holder === null)
        plan.linkCreates.push({ household: target, unit: unitRef.get(p.row)!, ...at, fromDate: p.fromDate });
      // A dated change of holder is a transfer (过户: statement, arrears stay): the transfer command, not the import.
      else if (p.fromDate) {
        reject(p.row, { column: "fromDate", problem: "import.problem.fromDateOnMove" });
        continue;
      }
      // Only a household named by its code takes a unit from another holder (see the header comment).
      else if (unit && "existing" in target)
        plan.linkMoves.push({ unitId: unit.id, ...at, before: holder, after: target.existing });
      changedRows.add(p.row);
    }
  }

  const updated = [...changedRows].filter((r) => !createdRows.has(r)).length;
  return {
    rows: rows.length,
    errors: sortErrors(errors, UNIT_COLUMNS),
    invalidRows: countInvalidRows(errors),
    plan,
    outcome: { created: createdRows.size, updated, unchanged: valid.length - createdRows.size - updated },
  };
}

/** Household name/kind and contact slots 1–2 of an existing household; true when anything changes. */
function planExistingHousehold(plan: UnitsPlan, household: ExistingHousehold, data: HouseholdData): boolean {
  let changed = false;
  const before = { name: household.name, kind: household.kind };
  const after = { name: data.name ?? household.name, kind: data.kind ?? household.kind };
  if (before.name !== after.name || before.kind !== after.kind) {
    plan.householdUpdates.push({ id: household.id, code: household.code, before, after });
    changed = true;
  }
  const slots: [Contact | undefined, string | undefined][] = [
    [data.contact1, data.email],
    [data.contact2, undefined],
  ];
  slots.forEach(([contact, email], slot) => {
    if (!contact) return;
    const current = household.contacts[slot];
    if (!current) {
      plan.contactCreates.push({
        household: { existing: household.id },
        isPrimary: slot === 0 && household.contacts.length === 0,
        name: contact.name,
        phone: contact.phone,
        email: email ?? null,
      });
      changed = true;
      return;
    }
    const was: ContactValues = { name: current.name, phone: current.phone, email: current.email };
    const now: ContactValues = { name: contact.name, phone: contact.phone, email: email ?? current.email };
    if (was.name !== now.name || was.phone !== now.phone || was.email !== now.email) {
      plan.contactUpdates.push({ id: current.id, householdId: household.id, before: was, after: now });
      changed = true;
    }
  });
  return changed;
}
