import { aliasedTable, and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import {
  buildings,
  communities,
  householdContacts,
  householdUnits,
  households,
  residentLinks,
  units,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "./access";
import { householdPlacementSubquery } from "./queries";
import { isHouseholdCode, normalizeHouseholdCode, parseUnitAddress } from "./rules";
import { inListOrder } from "./households-page";
import { visibleHouseholds } from "./view";

export const HOUSEHOLD_PAGE_SIZE = 50;
/** The unsearched list is walked in order up to this many rows (page 20), sorted beyond. */
const WALK_ROWS = 1_000;

/** What a search box string can mean: a name, part of a phone number, a household code, a unit address. */
export function searchCondition(q: string): SQL | undefined {
  const text = q.trim();
  if (!text) return undefined;
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const parts: SQL[] = [sql`${households.name} like ${`%${escaped}%`} escape '\\'`];
  const digits = text.replace(/[\s-]/g, "");
  if (/^\d{3,11}$/.test(digits))
    parts.push(
      inArray(
        households.id,
        sql`(select ${householdContacts.householdId} from ${householdContacts} where ${householdContacts.phone} like ${`%${digits}%`})`,
      ),
    );
  const code = normalizeHouseholdCode(text);
  if (isHouseholdCode(code)) parts.push(eq(households.code, code));
  const address = parseUnitAddress(text);
  const unitMatches: SQL[] = [eq(units.number, text.toUpperCase())];
  if (address) unitMatches.push(and(eq(buildings.code, address.building), eq(units.number, address.unit))!);
  parts.push(
    inArray(
      households.id,
      sql`(select ${householdUnits.householdId} from ${householdUnits}
            join ${units} on ${units.id} = ${householdUnits.unitId}
            join ${buildings} on ${buildings.id} = ${units.buildingId}
            where ${or(...unitMatches)})`,
    ),
  );
  return or(...parts);
}

export interface HouseholdSearch {
  q?: string;
  communityId?: number;
  butlerId?: number;
  includeInactive?: boolean;
  page?: number;
}

/**
 * The household list for staff: search by name, phone, code or unit ("3-2-1201"),
 * filtered to what the viewer may see, one page at a time, with the total.
 */
export async function searchHouseholds(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  search: HouseholdSearch = {},
) {
  const placement = householdPlacementSubquery(db, companyId);
  const butler = aliasedTable(users, "butler");
  const where = and(
    eq(households.companyId, companyId),
    search.includeInactive ? undefined : eq(households.active, true),
    visibleHouseholds(view, placement),
    search.communityId ? eq(placement.communityId, search.communityId) : undefined,
    search.butlerId ? eq(placement.butlerUserId, search.butlerId) : undefined,
    search.q ? searchCondition(search.q) : undefined,
  );
  const page = Math.max(1, search.page ?? 1);
  const select = (extra?: SQL) =>
    db
      .select({
        id: households.id,
        name: households.name,
        kind: households.kind,
        code: households.code,
        active: households.active,
        unitNumber: units.number,
        buildingCode: buildings.code,
        buildingName: buildings.name,
        communityName: communities.name,
        butlerId: placement.butlerUserId,
        butlerName: butler.name,
      })
      .from(households)
      .leftJoin(placement, eq(placement.householdId, households.id))
      .leftJoin(units, eq(units.id, placement.unitId))
      .leftJoin(buildings, eq(buildings.id, placement.buildingId))
      .leftJoin(communities, eq(communities.id, placement.communityId))
      .leftJoin(butler, eq(butler.id, placement.butlerUserId))
      .where(and(where, extra))
      .orderBy(
        asc(communities.name),
        sql`length(${buildings.code})`,
        asc(buildings.code),
        sql`length(${units.number})`,
        asc(units.number),
        asc(households.id),
      );
  // The whole company, unsearched (an admin's or the front desk's first look): read in the list's
  // order building by building instead of sorting every household (50,000 at the bench's size).
  // A search, a butler or a narrower view matches few enough households to sort. The walk reads
  // every row before the page, so deep pages sort instead (at 50,000 households the walk costs
  // what the sort does near row 2,000: 13 ms of CPU for page 1, 35 ms for page 40, the sort 33).
  const walk = view.kind === "all" && !search.q && !search.butlerId && page * HOUSEHOLD_PAGE_SIZE <= WALK_ROWS;
  // The count joins the placements only when a condition is on them.
  const onPlacement = view.kind !== "all" || !!search.communityId || !!search.butlerId;
  const count$ = onPlacement
    ? db
        .select({ n: count() })
        .from(households)
        .leftJoin(placement, eq(placement.householdId, households.id))
        .where(where)
    : db.select({ n: count() }).from(households).where(where);
  const offset = (page - 1) * HOUSEHOLD_PAGE_SIZE;
  const [pageRows, [total]] = await Promise.all([
    walk
      ? inListOrder(db, companyId, search.communityId, offset, HOUSEHOLD_PAGE_SIZE, (extra, limit) =>
          select(extra).limit(limit),
        )
      : select().limit(HOUSEHOLD_PAGE_SIZE).offset(offset),
    count$,
  ]);
  // The phones of the page's rows only: as a column of the sorted read, SQLite looked up the
  // primary contact of every matching household before sorting (50,000 at the bench's size).
  const phones = await primaryPhones(
    db,
    pageRows.map((r) => r.id),
  );
  const rows = pageRows.map((r) => ({ ...r, phone: phones.get(r.id) ?? null }));
  return { rows, total: total.n, page, pageSize: HOUSEHOLD_PAGE_SIZE };
}

/** Each household's primary contact phone (else its first contact's), for a page of households. */
async function primaryPhones(db: DbOrTx, householdIds: number[]) {
  const out = new Map<number, string | null>();
  if (!householdIds.length) return out;
  const rows = await db
    .select({ householdId: householdContacts.householdId, phone: householdContacts.phone })
    .from(householdContacts)
    .where(inArray(householdContacts.householdId, householdIds))
    .orderBy(asc(householdContacts.householdId), desc(householdContacts.isPrimary), asc(householdContacts.id));
  for (const r of rows) if (!out.has(r.householdId)) out.set(r.householdId, r.phone);
  return out;
}

/** One household with its units, contacts, linked accounts and butler — or null when not visible. */
export async function getHousehold(db: DbOrTx, companyId: number, view: RegistryView, id: number) {
  const placement = householdPlacementSubquery(db, companyId);
  const butler = aliasedTable(users, "butler");
  const [head] = await db
    .select({
      id: households.id,
      name: households.name,
      kind: households.kind,
      code: households.code,
      active: households.active,
      createdAt: households.createdAt,
      communityId: placement.communityId,
      butlerId: placement.butlerUserId,
      butlerName: butler.name,
      butlerPhone: butler.phone,
    })
    .from(households)
    .leftJoin(placement, eq(placement.householdId, households.id))
    .leftJoin(butler, eq(butler.id, placement.butlerUserId))
    .where(and(eq(households.companyId, companyId), eq(households.id, id), visibleHouseholds(view, placement)));
  if (!head) return null;
  const [unitRows, contacts, links] = await Promise.all([
    db
      .select({
        id: units.id,
        number: units.number,
        floor: units.floor,
        areaCentiM2: units.areaCentiM2,
        type: units.type,
        buildingId: buildings.id,
        buildingCode: buildings.code,
        buildingName: buildings.name,
        communityName: communities.name,
      })
      .from(householdUnits)
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .innerJoin(communities, eq(communities.id, buildings.communityId))
      .where(
        and(eq(householdUnits.companyId, companyId), eq(householdUnits.householdId, id), isNull(householdUnits.toDate)),
      )
      .orderBy(asc(units.id)),
    db
      .select()
      .from(householdContacts)
      .where(and(eq(householdContacts.companyId, companyId), eq(householdContacts.householdId, id)))
      .orderBy(desc(householdContacts.isPrimary), asc(householdContacts.id)),
    db
      .select({
        id: residentLinks.id,
        relation: residentLinks.relation,
        status: residentLinks.status,
        createdAt: residentLinks.createdAt,
        userName: users.name,
        userPhone: users.phone,
      })
      .from(residentLinks)
      .innerJoin(users, eq(users.id, residentLinks.userId))
      .where(and(eq(residentLinks.companyId, companyId), eq(residentLinks.householdId, id)))
      .orderBy(asc(residentLinks.id)),
  ]);
  return { ...head, units: unitRows, contacts, links };
}

/** Units of a community not held by any household, for the household form's unit picker. */
export async function listFreeUnits(db: DbOrTx, companyId: number, communityId: number) {
  return db
    .select({
      id: units.id,
      number: units.number,
      type: units.type,
      buildingCode: buildings.code,
      buildingName: buildings.name,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(householdUnits, and(eq(householdUnits.unitId, units.id), isNull(householdUnits.toDate)))
    .where(
      and(
        eq(units.companyId, companyId),
        eq(buildings.communityId, communityId),
        eq(units.active, true),
        sql`${householdUnits.unitId} is null`,
      ),
    )
    .orderBy(sql`length(${buildings.code})`, asc(buildings.code), sql`length(${units.number})`, asc(units.number));
}
