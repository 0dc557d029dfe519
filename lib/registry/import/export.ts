/**
 * CSV export of a community's buildings, and of its units with their households and
 * contacts, in exactly the import's format: exporting and importing the file again changes
 * nothing. The household key column carries the household's code, so a household holding
 * several units comes back as one. UTF-8 with a BOM, CRLF: Excel opens it as Chinese text.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import Papa from "papaparse";
import { buildings, householdContacts, householdUnits, households, units } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { BUILDING_COLUMNS, columnsOf, headerOf, UNIT_COLUMNS, VALUE_LABELS, type BuildingColumn, type ImportKind, type UnitColumn } from "./columns";
import { findCommunity } from "./snapshot";

const BOM = "\ufeff";

/**
 * Cells Excel would run as formulas get a leading apostrophe (the import takes it off again).
 * A negative number ("-1", a basement floor) is left alone.
 */
const FORMULA = /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/;

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return BOM + Papa.unparse(rows.map((r) => r.map((v) => (v === null ? "" : String(v)))), { newline: "\r\n", escapeFormulae: FORMULA });
}

/** A template: the bilingual header row only (an example row would be imported by mistake). */
export function templateCsv(kind: ImportKind): string {
  return toCsv([columnsOf(kind).map(headerOf)]);
}

/** Hundredths of m² → "89", "89.5", "89.35". */
export function formatArea(centi: number): string {
  const whole = Math.floor(centi / 100);
  const fraction = String(centi % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** The community's buildings; null when the community is not the company's. */
export async function exportBuildingsCsv(db: DbOrTx, companyId: number, communityId: number): Promise<string | null> {
  const community = await findCommunity(db, companyId, communityId);
  if (!community) return null;
  const rows = await db
    .select({ code: buildings.code, name: buildings.name, floors: buildings.floors })
    .from(buildings)
    .where(and(eq(buildings.companyId, companyId), eq(buildings.communityId, communityId)));
  rows.sort((a, b) => natural.compare(a.code, b.code));
  const lines = rows.map((b) => {
    const cells: Record<BuildingColumn, string | number | null> = { community: community.name, buildingCode: b.code, buildingName: b.name, floors: b.floors };
    return BUILDING_COLUMNS.map((c) => cells[c.key]);
  });
  return toCsv([BUILDING_COLUMNS.map(headerOf), ...lines]);
}

const CONTACT_CHUNK = 500;

/** The community's units, each with its household (code, name, kind) and the household's first two contacts. */
export async function exportUnitsCsv(db: DbOrTx, companyId: number, communityId: number, locale: Locale): Promise<string | null> {
  const community = await findCommunity(db, companyId, communityId);
  if (!community) return null;
  const labels = VALUE_LABELS[locale];
  const rows = await db
    .select({
      buildingCode: buildings.code,
      number: units.number,
      floor: units.floor,
      areaCentiM2: units.areaCentiM2,
      type: units.type,
      householdId: households.id,
      code: households.code,
      name: households.name,
      kind: households.kind,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(householdUnits, eq(householdUnits.unitId, units.id))
    .leftJoin(households, and(eq(households.id, householdUnits.householdId), eq(households.companyId, companyId)))
    .where(and(eq(units.companyId, companyId), eq(buildings.communityId, communityId)));
  rows.sort((a, b) => natural.compare(a.buildingCode, b.buildingCode) || natural.compare(a.number, b.number));

  const householdIds = [...new Set(rows.map((r) => r.householdId).filter((id): id is number => id !== null))];
  const contacts = new Map<number, { name: string; phone: string | null; email: string | null }[]>();
  for (let i = 0; i < householdIds.length; i += CONTACT_CHUNK) {
    const found = await db
      .select({ householdId: householdContacts.householdId, name: householdContacts.name, phone: householdContacts.phone, email: householdContacts.email })
      .from(householdContacts)
      .where(and(eq(householdContacts.companyId, companyId), inArray(householdContacts.householdId, householdIds.slice(i, i + CONTACT_CHUNK))))
      .orderBy(desc(householdContacts.isPrimary), asc(householdContacts.id));
    for (const { householdId, ...c } of found) contacts.set(householdId, [...(contacts.get(householdId) ?? []), c]);
  }

  const lines = rows.map((r) => {
    const [c1, c2] = r.householdId === null ? [] : (contacts.get(r.householdId) ?? []);
    const cells: Record<UnitColumn, string | number | null> = {
      buildingCode: r.buildingCode,
      unitNumber: r.number,
      floor: r.floor,
      area: formatArea(r.areaCentiM2),
      unitType: labels.unitType[r.type],
      householdKey: r.code,
      householdName: r.name,
      householdKind: r.kind ? labels.householdKind[r.kind] : null,
      contact1Name: c1?.name ?? null,
      contact1Phone: c1?.phone ?? null,
      contact2Name: c2?.name ?? null,
      contact2Phone: c2?.phone ?? null,
      email: c1?.email ?? null,
    };
    return UNIT_COLUMNS.map((c) => cells[c.key]);
  });
  return toCsv([UNIT_COLUMNS.map(headerOf), ...lines]);
}
