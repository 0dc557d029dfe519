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

export function buildRows(input: RowsInput): SeedRows {
  const { ids, now: createdAt, registry, households, staff, assignments, passwordHash } = input;
  const updatedAt = createdAt;
  const companyId = ids.companies;
  const out: SeedRows = {
    company: {
      id: companyId,
      name: input.companyName,
      timeZone: "Asia/Shanghai",
      defaultLocale: "zh-CN",
      createdAt,
      updatedAt,
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

  let userId = ids.users;
  let membershipId = ids.memberships;
  const staffUserId = staff.map((m) => {
    const id = userId++;
    out.users.push({ id, name: m.name, phone: m.phone, email: m.email, passwordHash, createdAt, updatedAt });
    out.memberships.push({ id: membershipId++, companyId, userId: id, role: m.role, createdAt });
    return id;
  });

  // Registry; remember where each building's flats and parking spaces start.
  let buildingId = ids.buildings;
  let unitId = ids.units;
  const buildingIds: number[][] = [];
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
    buildingIds.push([]);
    flatBase.push([]);
    parkingBase.push([]);
    community.buildings.forEach((b, bi) => {
      const id = buildingId++;
      buildingIds[c].push(id);
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

  for (const [butler, supervisor] of assignments.supervisorOfButler) {
    out.supervisorButlers.push({
      companyId,
      butlerUserId: staffUserId[butler],
      supervisorUserId: staffUserId[supervisor],
      createdAt,
    });
  }

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
      const id = userId++;
      out.users.push({
        id,
        name: h.account.name,
        phone: h.account.phone,
        email: h.account.email,
        passwordHash,
        createdAt,
        updatedAt,
      });
      out.memberships.push({ id: membershipId++, companyId, userId: id, role: "resident", createdAt });
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

  return out;
}
