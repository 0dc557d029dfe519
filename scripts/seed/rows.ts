/** Turns the in-memory plan into insert rows with explicit ids, so rows reference each other without a read-back. */
import * as s from "../../db/schema";
import type { NextIds } from "./existing";
import type { HouseholdPlan } from "./people";
import type { CommunityPlan } from "./registry";
import type { Assignments, StaffMember } from "./staff";

export interface SeedRows {
  company: typeof s.companies.$inferInsert;
  users: (typeof s.users.$inferInsert)[];
  memberships: (typeof s.memberships.$inferInsert)[];
  communities: (typeof s.communities.$inferInsert)[];
  buildings: (typeof s.buildings.$inferInsert)[];
  units: (typeof s.units.$inferInsert)[];
  households: (typeof s.households.$inferInsert)[];
  householdUnits: (typeof s.householdUnits.$inferInsert)[];
  contacts: (typeof s.householdContacts.$inferInsert)[];
  buildingButlers: (typeof s.buildingButlers.$inferInsert)[];
  supervisorButlers: (typeof s.supervisorButlers.$inferInsert)[];
  communityManagers: (typeof s.communityManagers.$inferInsert)[];
  residentLinks: (typeof s.residentLinks.$inferInsert)[];
}

export interface RowsInput {
  ids: NextIds;
  now: Date;
  companyName: string;
  registry: readonly CommunityPlan[];
  households: readonly HouseholdPlan[];
  staff: readonly StaffMember[];
  assignments: Assignments;
  passwordHash: string;
}

/** Running ids for users and memberships: staff take the first, residents' accounts the rest. */
interface Counters {
  userId: number;
  membershipId: number;
}

function emptyRows(input: RowsInput): SeedRows {
  const createdAt = input.now;
  return {
    company: {
      id: input.ids.companies,
      name: input.companyName,
      timeZone: "Asia/Shanghai",
      defaultLocale: "zh-CN",
      createdAt,
      updatedAt: createdAt,
    },
    users: [],
    memberships: [],
    communities: [],
    buildings: [],
    units: [],
    households: [],
    householdUnits: [],
    contacts: [],
    buildingButlers: [],
    supervisorButlers: [],
    communityManagers: [],
    residentLinks: [],
  };
}

function addStaff(out: SeedRows, input: RowsInput, next: Counters): number[] {
  const { now: createdAt, passwordHash } = input;
  const companyId = input.ids.companies;
  return input.staff.map((m) => {
    const id = next.userId++;
    out.users.push({ id, name: m.name, phone: m.phone, email: m.email, passwordHash, createdAt, updatedAt: createdAt });
    out.memberships.push({ id: next.membershipId++, companyId, userId: id, role: m.role, createdAt });
    return id;
  });
}

/** Registry rows; returns where each building's flats and parking spaces start. */
function addRegistry(out: SeedRows, input: RowsInput, staffUserId: number[]) {
  const { ids, now: createdAt, registry, assignments } = input;
  const updatedAt = createdAt;
  const companyId = ids.companies;
  let buildingId = ids.buildings;
  let unitId = ids.units;
  const flatBase: number[][] = [];
  const parkingBase: number[][] = [];
  registry.forEach((community, c) => {
    const communityId = ids.communities + c;
    out.communities.push({
      id: communityId,
      companyId,
      name: community.name,
      address: community.address,
      createdAt,
      updatedAt,
    });
    out.communityManagers.push({
      companyId,
      communityId,
      managerUserId: staffUserId[assignments.managerOfCommunity[c]],
      createdAt,
    });
    flatBase.push([]);
    parkingBase.push([]);
    community.buildings.forEach((b, bi) => {
      const id = buildingId++;
      out.buildings.push({
        id,
        companyId,
        communityId,
        code: b.code,
        name: b.name,
        floors: b.floors,
        createdAt,
        updatedAt,
      });
      out.buildingButlers.push({
        companyId,
        buildingId: id,
        butlerUserId: staffUserId[assignments.butlerOfBuilding[c][bi]],
        createdAt,
      });
      flatBase[c].push(unitId);
      parkingBase[c].push(unitId + b.residential.length);
      for (const u of [...b.residential, ...b.parking, ...b.commercial]) {
        out.units.push({
          id: unitId++,
          companyId,
          buildingId: id,
          number: u.number,
          floor: u.floor,
          areaCentiM2: u.areaCentiM2,
          type: u.type,
          createdAt,
          updatedAt,
        });
      }
    });
  });
  return { flatBase, parkingBase };
}

function addHouseholds(
  out: SeedRows,
  input: RowsInput,
  next: Counters,
  staffUserId: number[],
  base: { flatBase: number[][]; parkingBase: number[][] },
) {
  const { ids, now: createdAt, households, assignments, passwordHash } = input;
  const updatedAt = createdAt;
  const companyId = ids.companies;
  const { flatBase, parkingBase } = base;
  let contactId = ids.household_contacts;
  let linkId = ids.resident_links;
  households.forEach((h, n) => {
    const householdId = ids.households + n;
    const { community: c, building: b } = h.flat;
    out.households.push({ id: householdId, companyId, name: h.name, kind: h.kind, code: h.code, createdAt, updatedAt });
    out.householdUnits.push({ companyId, householdId, unitId: flatBase[c][b] + h.flat.index, createdAt });
    if (h.parking) {
      out.householdUnits.push({
        companyId,
        householdId,
        unitId: parkingBase[h.parking.community][h.parking.building] + h.parking.index,
        createdAt,
      });
    }
    for (const contact of h.contacts) {
      out.contacts.push({
        id: contactId++,
        companyId,
        householdId,
        name: contact.name,
        phone: contact.phone,
        isPrimary: contact.isPrimary,
        createdAt,
      });
    }
    if (h.account) {
      const id = next.userId++;
      out.users.push({
        id,
        name: h.account.name,
        phone: h.account.phone,
        email: h.account.email,
        passwordHash,
        createdAt,
        updatedAt,
      });
      out.memberships.push({ id: next.membershipId++, companyId, userId: id, role: "resident", createdAt });
      out.residentLinks.push({
        id: linkId++,
        companyId,
        userId: id,
        householdId,
        relation: h.kind === "tenant" ? "tenant" : "owner",
        status: "approved",
        // The building's butler approved the link.
        decidedByUserId: staffUserId[assignments.butlerOfBuilding[c][b]],
        createdAt,
        updatedAt,
      });
    }
  });
}

export function buildRows(input: RowsInput): SeedRows {
  const out = emptyRows(input);
  const next: Counters = { userId: input.ids.users, membershipId: input.ids.memberships };
  const staffUserId = addStaff(out, input, next);
  const base = addRegistry(out, input, staffUserId);
  for (const [butler, supervisor] of input.assignments.supervisorOfButler) {
    out.supervisorButlers.push({
      companyId: input.ids.companies,
      butlerUserId: staffUserId[butler],
      supervisorUserId: staffUserId[supervisor],
      createdAt: input.now,
    });
  }
  addHouseholds(out, input, next, staffUserId, base);
  return out;
}
