import { and, count, eq } from "drizzle-orm";
import Papa from "papaparse";
import { auditLog, buildings, communities, householdContacts, householdUnits, households, units } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import {
  BUILDING_COLUMNS,
  headerOf,
  UNIT_COLUMNS,
  type BuildingColumn,
  type UnitColumn,
} from "@/lib/registry/import/columns";
import { checkImport, type ImportFile } from "@/lib/registry/import/check";
import { runImport, type RunContext } from "@/lib/registry/import/run";

/** Helpers for the registry import tests: files from rows, one-call imports, per-company counts. */

export const UNIT_HEADER = UNIT_COLUMNS.map(headerOf);
export const BUILDING_HEADER = BUILDING_COLUMNS.map(headerOf);

export type UnitRow = Partial<Record<UnitColumn, string>>;
export type BuildingRow = Partial<Record<BuildingColumn, string>>;

/** A CSV text with the template's header and the given rows (missing cells empty). */
export function unitsCsv(rows: UnitRow[]): string {
  return Papa.unparse([UNIT_HEADER, ...rows.map((r) => UNIT_COLUMNS.map((c) => r[c.key] ?? ""))], { newline: "\r\n" });
}

export function buildingsCsv(rows: BuildingRow[]): string {
  return Papa.unparse([BUILDING_HEADER, ...rows.map((r) => BUILDING_COLUMNS.map((c) => r[c.key] ?? ""))], {
    newline: "\r\n",
  });
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** A flat with an owner household and one contact. */
export function flat(n: number, extra: UnitRow = {}): UnitRow {
  return {
    buildingCode: "1",
    unitNumber: `1-${100 + n}`,
    floor: "1",
    area: "89.5",
    unitType: "住宅",
    householdName: `业主${n}`,
    householdKind: "业主",
    contact1Name: `业主${n}`,
    contact1Phone: `1390000${String(n).padStart(4, "0")}`,
    ...extra,
  };
}

/** A community with buildings "1" and "2" in the company. */
export async function createCommunity(
  db: Db,
  companyId: number,
  name = `小区-${Math.random().toString(36).slice(2, 8)}`,
) {
  const [community] = await db.insert(communities).values({ companyId, name }).returning();
  await db.insert(buildings).values([
    { companyId, communityId: community.id, code: "1", name: "1栋", floors: 18 },
    { companyId, communityId: community.id, code: "2", name: "2栋", floors: 18 },
  ]);
  return community;
}

export function importer(db: Db, companyId: number, actorUserId: number | null) {
  const file = (
    kind: ImportFile["kind"],
    communityId: number | null,
    text: string | Uint8Array,
    name = "import.csv",
  ): ImportFile => ({
    kind,
    communityId,
    bytes: typeof text === "string" ? utf8(text) : text,
    name,
    type: "text/csv",
  });
  return {
    units: (communityId: number, text: string | Uint8Array, options: Partial<RunContext> & { name?: string } = {}) =>
      runImport(
        db,
        { companyId, actorUserId, validOnly: false, ...options },
        file("units", communityId, text, options.name),
      ),
    buildings: (text: string | Uint8Array, options: Partial<RunContext> & { name?: string } = {}) =>
      runImport(
        db,
        { companyId, actorUserId, validOnly: false, ...options },
        file("buildings", null, text, options.name),
      ),
    check: (kind: ImportFile["kind"], communityId: number | null, text: string | Uint8Array, name?: string) =>
      checkImport(db, companyId, file(kind, communityId, text, name)),
  };
}

/** Row counts of the registry tables for one company. */
export async function registryRows(db: Db, companyId: number) {
  const n = async (
    table:
      | typeof units
      | typeof households
      | typeof householdContacts
      | typeof householdUnits
      | typeof buildings
      | typeof auditLog,
  ) => {
    const [row] = await db.select({ n: count() }).from(table).where(eq(table.companyId, companyId));
    return row.n;
  };
  return {
    buildings: await n(buildings),
    units: await n(units),
    households: await n(households),
    contacts: await n(householdContacts),
    links: await n(householdUnits),
    audit: await n(auditLog),
  };
}

export async function auditOf(db: Db, companyId: number, action: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, action)));
}
