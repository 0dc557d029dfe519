import type { HOUSEHOLD_KINDS, UNIT_TYPES } from "@/db/schema/registry";
import type { RowError } from "../table";

/* The data of a units & households import: the community's snapshot, the parsed rows, the plan. */

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

export interface Contact {
  name: string;
  phone: string;
}
export interface HouseholdData {
  name?: string;
  kind?: HouseholdKind;
  contact1?: Contact;
  contact2?: Contact;
  email?: string;
}
export interface ParsedRow {
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

/** The errors found so far, and the rows they make invalid (a row with any error writes nothing). */
export interface Findings {
  errors: RowError[];
  invalid: Set<number>;
  reject: (row: number, error: Omit<RowError, "row">) => void;
}

export function newFindings(): Findings {
  const errors: RowError[] = [];
  const invalid = new Set<number>();
  return {
    errors,
    invalid,
    reject: (row, error) => {
      errors.push({ row, ...error });
      invalid.add(row);
    },
  };
}

/** The stored unit a parsed row names, if any. */
export const existingUnitOf = (snapshot: UnitsSnapshot, p: ParsedRow) =>
  snapshot.units.get(unitKey(p.buildingId, p.number));
