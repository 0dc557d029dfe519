/**
 * CSV export of a community's buildings, and of its units with their households and
 * contacts, in exactly the import's format: exporting and importing the file again changes
 * nothing. The household key column carries the household's code, so a household holding
 * several units comes back as one. UTF-8 with a BOM, CRLF: Excel opens it as Chinese text.
 */
import { and, eq, sql } from "drizzle-orm";
import { buildings, householdContacts, householdUnits, households, units } from "@/db/schema";
import { toCsv } from "@/lib/csv";
import type { DbOrTx } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import {
  BUILDING_COLUMNS,
  columnsOf,
  headerOf,
  UNIT_COLUMNS,
  VALUE_LABELS,
  type BuildingColumn,
  type ImportKind,
  type UnitColumn,
} from "./columns";
import { jsonRows } from "./json-rows";
import { findCommunity } from "./snapshot";
import type { HouseholdKind, UnitType } from "./units/model";

/** A template: the bilingual header row only (an example row would be imported by mistake). */
export function templateCsv(kind: ImportKind): string {
  return toCsv([columnsOf(kind).map(headerOf)]);
}

/** Hundredths of m² → "89", "89.5", "89.35". */
export function formatArea(centi: number): string {
  const whole = Math.floor(centi / 100);
  const fraction = String(centi % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
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
    const cells: Record<BuildingColumn, string | number | null> = {
      community: community.name,
      buildingCode: b.code,
      buildingName: b.name,
      floors: b.floors,
    };
    return BUILDING_COLUMNS.map((c) => cells[c.key]);
  });
  return toCsv([BUILDING_COLUMNS.map(headerOf), ...lines]);
}

type UnitExportRow = [
  buildingCode: string,
  number: string,
  floor: number | null,
  areaCentiM2: number,
  type: UnitType,
  householdId: number | null,
  code: string | null,
  name: string | null,
  kind: HouseholdKind | null,
  fromDate: string | null,
];

/** The community's units with their current household, in building then unit number order. */
async function loadUnitExportRows(db: DbOrTx, companyId: number, communityId: number) {
  const rows = (
    await jsonRows<UnitExportRow>(
      db,
      [
        buildings.code,
        units.number,
        units.floor,
        units.areaCentiM2,
        units.type,
        households.id,
        households.code,
        households.name,
        households.kind,
        householdUnits.fromDate,
      ].map((c) => sql`${c}`),
      sql`from ${units} inner join ${buildings} on ${buildings.id} = ${units.buildingId}
        left join ${householdUnits} on ${householdUnits.unitId} = ${units.id} and ${householdUnits.toDate} is null
        left join ${households} on ${households.id} = ${householdUnits.householdId} and ${households.companyId} = ${companyId}
        where ${units.companyId} = ${companyId} and ${buildings.communityId} = ${communityId}`,
    )
  ).map(([buildingCode, number, floor, areaCentiM2, type, householdId, code, name, kind, fromDate]) => ({
    buildingCode,
    number,
    floor,
    areaCentiM2,
    type,
    householdId,
    code,
    name,
    kind,
    fromDate,
  }));
  rows.sort((a, b) => natural.compare(a.buildingCode, b.buildingCode) || natural.compare(a.number, b.number));
  return rows;
}

type ContactExportRow = [
  householdId: number,
  name: string,
  phone: string | null,
  email: string | null,
  isPrimary: number,
  id: number,
];

/** Each current household's first two contacts, in the slot order the import reads. */
async function loadFirstTwoContacts(db: DbOrTx, companyId: number, communityId: number) {
  const contactRows = await jsonRows<ContactExportRow>(
    db,
    [
      householdContacts.householdId,
      householdContacts.name,
      householdContacts.phone,
      householdContacts.email,
      householdContacts.isPrimary,
      householdContacts.id,
    ].map((c) => sql`${c}`),
    sql`from ${householdContacts} where ${householdContacts.companyId} = ${companyId} and ${householdContacts.householdId} in (
      select ${householdUnits.householdId} from ${householdUnits}
      inner join ${units} on ${units.id} = ${householdUnits.unitId} inner join ${buildings} on ${buildings.id} = ${units.buildingId}
      where ${householdUnits.companyId} = ${companyId} and ${householdUnits.toDate} is null and ${buildings.communityId} = ${communityId})`,
  );
  // Slot order, as the import reads it: the primary contact first, then by creation.
  contactRows.sort((a, b) => b[4] - a[4] || a[5] - b[5]);
  const contacts = new Map<number, { name: string; phone: string | null; email: string | null }[]>();
  for (const [householdId, name, phone, email] of contactRows) {
    const list = contacts.get(householdId) ?? [];
    if (list.length < 2) list.push({ name, phone, email });
    contacts.set(householdId, list);
  }
  return contacts;
}

/** The community's units, each with its household (code, name, kind) and the household's first two contacts. */
export async function exportUnitsCsv(
  db: DbOrTx,
  companyId: number,
  communityId: number,
  locale: Locale,
): Promise<string | null> {
  const community = await findCommunity(db, companyId, communityId);
  if (!community) return null;
  const labels = VALUE_LABELS[locale];
  const rows = await loadUnitExportRows(db, companyId, communityId);
  const contacts = await loadFirstTwoContacts(db, companyId, communityId);

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
      fromDate: r.householdId === null ? null : r.fromDate,
    };
    return UNIT_COLUMNS.map((c) => cells[c.key]);
  });
  return toCsv([UNIT_COLUMNS.map(headerOf), ...lines]);
}
