/**
 * What the validators compare a file with, read in a handful of set queries (never per row).
 * Every query is scoped to the company.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { buildings, communities, householdContacts, householdUnits, households, units } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { isHouseholdCode, normalizeHouseholdCode } from "../rules";
import { jsonRows } from "./json-rows";
import type { ImportScope } from "./scope";
import { nameKey } from "./table";
import { buildingKey, type BuildingsSnapshot, type ExistingBuilding } from "./validate-buildings";
import { unitKey, type ExistingHousehold, type HouseholdKind, type UnitsSnapshot, type UnitType } from "./units/model";

/** The community, when it belongs to the company; null otherwise (callers answer "not found"). */
export async function findCommunity(db: DbOrTx, companyId: number, communityId: number) {
  const [row] = await db
    .select({ id: communities.id, name: communities.name, active: communities.active })
    .from(communities)
    .where(and(eq(communities.id, communityId), eq(communities.companyId, companyId)));
  return row ?? null;
}

/** The company's active communities for the page's pickers, with their building and unit counts. */
export async function listCommunityOptions(db: DbOrTx, companyId: number) {
  const [rows, buildingCounts, unitCounts] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(and(eq(communities.companyId, companyId), eq(communities.active, true)))
      .orderBy(asc(communities.name)),
    db
      .select({ communityId: buildings.communityId, n: count() })
      .from(buildings)
      .where(eq(buildings.companyId, companyId))
      .groupBy(buildings.communityId),
    db
      .select({ communityId: buildings.communityId, n: count() })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(eq(units.companyId, companyId))
      .groupBy(buildings.communityId),
  ]);
  const b = new Map(buildingCounts.map((r) => [r.communityId, r.n]));
  const u = new Map(unitCounts.map((r) => [r.communityId, r.n]));
  return rows.map((c) => ({ ...c, buildings: b.get(c.id) ?? 0, units: u.get(c.id) ?? 0 }));
}

export async function loadBuildingsSnapshot(
  db: DbOrTx,
  companyId: number,
  scope: ImportScope,
): Promise<BuildingsSnapshot> {
  const [communityRows, buildingRows] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name, active: communities.active })
      .from(communities)
      .where(eq(communities.companyId, companyId)),
    db
      .select({
        id: buildings.id,
        communityId: buildings.communityId,
        code: buildings.code,
        name: buildings.name,
        floors: buildings.floors,
        active: buildings.active,
      })
      .from(buildings)
      .where(eq(buildings.companyId, companyId)),
  ]);
  return {
    communities: new Map(communityRows.map((c) => [nameKey(c.name), { ...c, allowed: scope.allows(c.id) }])),
    buildings: new Map(buildingRows.map((b): [string, ExistingBuilding] => [buildingKey(b.communityId, b.code), b])),
  };
}

const CODE_CHUNK = 500;

/**
 * The units query's first table: every unit of the company, or — given [buildingId, number]
 * pairs — only those, looked up through the (building_id, number) unique index (CROSS JOIN
 * makes SQLite start from the pairs).
 */
const unitsFrom = (pairs: readonly (readonly [number, string])[] | undefined) =>
  pairs
    ? sql`json_each(${JSON.stringify(pairs)}) as p cross join ${units} on ${units.buildingId} = json_extract(p.value, '$[0]') and ${units.number} = json_extract(p.value, '$[1]')`
    : sql`${units}`;

type UnitTuple = [
  id: number,
  buildingId: number,
  number: string,
  floor: number | null,
  areaCentiM2: number,
  type: UnitType,
  active: number,
  householdId: number | null,
];
type HouseholdTuple = [id: number, code: string, name: string, kind: HouseholdKind, active: number];
type ContactTuple = [
  id: number,
  householdId: number,
  name: string,
  phone: string | null,
  email: string | null,
  isPrimary: number,
];

const HOUSEHOLD_COLUMNS = [households.id, households.code, households.name, households.kind, households.active].map(
  (c) => sql`${c}`,
);
const CONTACT_COLUMNS = [
  householdContacts.id,
  householdContacts.householdId,
  householdContacts.name,
  householdContacts.phone,
  householdContacts.email,
  householdContacts.isPrimary,
].map((c) => sql`${c}`);

/**
 * Households named by code in the file that are not loaded yet (possibly holding units elsewhere
 * only), and their contacts: appended to `householdRows` and `contactRows`.
 */
async function loadKeyedHouseholds(
  db: DbOrTx,
  companyId: number,
  householdKeys: Iterable<string>,
  householdRows: HouseholdTuple[],
  contactRows: ContactTuple[],
): Promise<void> {
  const loaded = new Set(householdRows.map((h) => h[1]));
  const codes = [...new Set([...householdKeys].map(normalizeHouseholdCode))].filter(
    (c) => isHouseholdCode(c) && !loaded.has(c),
  );
  for (let i = 0; i < codes.length; i += CODE_CHUNK) {
    const chunk = codes.slice(i, i + CODE_CHUNK);
    const found = await jsonRows<HouseholdTuple>(
      db,
      HOUSEHOLD_COLUMNS,
      sql`from ${households} where ${households.companyId} = ${companyId} and ${inArray(households.code, chunk)}`,
    );
    householdRows.push(...found);
    if (found.length === 0) continue;
    const ids = found.map((h) => h[0]);
    contactRows.push(
      ...(await jsonRows<ContactTuple>(
        db,
        CONTACT_COLUMNS,
        sql`from ${householdContacts} where ${householdContacts.companyId} = ${companyId} and ${inArray(householdContacts.householdId, ids)}`,
      )),
    );
  }
}

/** The households by id, each with its contacts in slot order. */
function householdsById(householdRows: HouseholdTuple[], contactRows: ContactTuple[]): Map<number, ExistingHousehold> {
  const byId = new Map<number, ExistingHousehold>(
    householdRows.map(([id, code, name, kind, active]) => [
      id,
      { id, code, name, kind, active: active === 1, contacts: [] },
    ]),
  );
  // Slot order: the primary contact first, then by creation.
  contactRows.sort((a, b) => b[5] - a[5] || a[0] - b[0]);
  for (const [id, householdId, name, phone, email, isPrimary] of contactRows)
    byId.get(householdId)?.contacts.push({ id, name, phone, email, isPrimary: isPrimary === 1 });
  return byId;
}

/**
 * The community's buildings and units with their holders, those holders' contacts, and the
 * households whose codes the file uses as household keys. With `onlyUnits` ([buildingId, number]),
 * only those units and their holders: the short re-check a chunk of the import makes under
 * the write lock.
 */
export async function loadUnitsSnapshot(
  db: DbOrTx,
  companyId: number,
  communityId: number,
  householdKeys: Iterable<string>,
  onlyUnits?: readonly (readonly [number, string])[],
): Promise<UnitsSnapshot> {
  const buildingRows = await db
    .select({ id: buildings.id, code: buildings.code, active: buildings.active })
    .from(buildings)
    .where(and(eq(buildings.companyId, companyId), eq(buildings.communityId, communityId)));
  const unitRows = await jsonRows<UnitTuple>(
    db,
    [
      units.id,
      units.buildingId,
      units.number,
      units.floor,
      units.areaCentiM2,
      units.type,
      units.active,
      householdUnits.householdId,
    ].map((c) => sql`${c}`),
    sql`from ${unitsFrom(onlyUnits)} inner join ${buildings} on ${buildings.id} = ${units.buildingId}
      left join ${householdUnits} on ${householdUnits.unitId} = ${units.id} and ${householdUnits.toDate} is null
      where ${units.companyId} = ${companyId} and ${buildings.communityId} = ${communityId}`,
  );

  const holderIds = [...new Set(unitRows.map((u) => u[7]).filter((h) => h != null))];
  const holders = onlyUnits
    ? sql`select value from json_each(${JSON.stringify(holderIds)})`
    : sql`select ${householdUnits.householdId} from ${householdUnits}
    inner join ${units} on ${units.id} = ${householdUnits.unitId} inner join ${buildings} on ${buildings.id} = ${units.buildingId}
    where ${householdUnits.companyId} = ${companyId} and ${householdUnits.toDate} is null and ${buildings.communityId} = ${communityId}`;
  const householdRows = await jsonRows<HouseholdTuple>(
    db,
    HOUSEHOLD_COLUMNS,
    sql`from ${households} where ${households.companyId} = ${companyId} and ${households.id} in (${holders})`,
  );
  const contactRows = await jsonRows<ContactTuple>(
    db,
    CONTACT_COLUMNS,
    sql`from ${householdContacts} where ${householdContacts.companyId} = ${companyId} and ${householdContacts.householdId} in (${holders})`,
  );

  await loadKeyedHouseholds(db, companyId, householdKeys, householdRows, contactRows);
  const byId = householdsById(householdRows, contactRows);

  return {
    communityId,
    buildings: new Map(buildingRows.map((b) => [b.code.toUpperCase(), { id: b.id, active: b.active }])),
    units: new Map(
      unitRows.map(([id, buildingId, number, floor, areaCentiM2, type, active, householdId]) => [
        unitKey(buildingId, number),
        { id, buildingId, number, floor, areaCentiM2, type, active: active === 1, householdId },
      ]),
    ),
    households: byId,
    householdIdByCode: new Map(householdRows.map((h) => [h[1], h[0]])),
  };
}
