import { count, countDistinct, eq } from "drizzle-orm";
import type { AnySQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../lib/db/client";
import * as s from "../../db/schema";
import { STAFF_ORDER } from "./profile";

export interface SeedCounts {
  communities: number;
  buildings: number;
  units: { residential: number; parking: number; commercial: number };
  households: { owner: number; tenant: number };
  householdUnits: number;
  contacts: number;
  users: number;
  memberships: Record<string, number>;
  residentLinks: number;
  buildingButlers: number;
  supervisorButlers: number;
  communityManagers: number;
  auditLog: number;
}

/** Row counts of one company, read back from the database. */
export async function countCompany(db: Db, companyId: number): Promise<SeedCounts> {
  const rows = async (table: SQLiteTable, companyColumn: AnySQLiteColumn) => {
    const [r] = await db.select({ n: count() }).from(table).where(eq(companyColumn, companyId));
    return r?.n ?? 0;
  };
  const units = await db
    .select({ type: s.units.type, n: count() })
    .from(s.units)
    .where(eq(s.units.companyId, companyId))
    .groupBy(s.units.type);
  const households = await db
    .select({ kind: s.households.kind, n: count() })
    .from(s.households)
    .where(eq(s.households.companyId, companyId))
    .groupBy(s.households.kind);
  const roles = await db
    .select({ role: s.memberships.role, n: count() })
    .from(s.memberships)
    .where(eq(s.memberships.companyId, companyId))
    .groupBy(s.memberships.role);
  const [users] = await db
    .select({ n: countDistinct(s.memberships.userId) })
    .from(s.memberships)
    .where(eq(s.memberships.companyId, companyId));
  const byUnit = new Map(units.map((u) => [u.type, u.n]));
  const byKind = new Map(households.map((h) => [h.kind, h.n]));
  return {
    communities: await rows(s.communities, s.communities.companyId),
    buildings: await rows(s.buildings, s.buildings.companyId),
    units: {
      residential: byUnit.get("residential") ?? 0,
      parking: byUnit.get("parking") ?? 0,
      commercial: byUnit.get("commercial") ?? 0,
    },
    households: { owner: byKind.get("owner") ?? 0, tenant: byKind.get("tenant") ?? 0 },
    householdUnits: await rows(s.householdUnits, s.householdUnits.companyId),
    contacts: await rows(s.householdContacts, s.householdContacts.companyId),
    users: users?.n ?? 0,
    memberships: Object.fromEntries(roles.map((r) => [r.role, r.n])),
    residentLinks: await rows(s.residentLinks, s.residentLinks.companyId),
    buildingButlers: await rows(s.buildingButlers, s.buildingButlers.companyId),
    supervisorButlers: await rows(s.supervisorButlers, s.supervisorButlers.companyId),
    communityManagers: await rows(s.communityManagers, s.communityManagers.companyId),
    auditLog: await rows(s.auditLog, s.auditLog.companyId),
  };
}

/** A few lines for the terminal. */
export function formatCounts(c: SeedCounts): string[] {
  const n = (x: number) => x.toLocaleString("en-US");
  const staff = STAFF_ORDER.map((role) => `${role} ${c.memberships[role] ?? 0}`).join(", ");
  return [
    `communities ${n(c.communities)}, buildings ${n(c.buildings)}, units ${n(c.units.residential)} residential + ${n(c.units.parking)} parking + ${n(c.units.commercial)} commercial`,
    `households ${n(c.households.owner + c.households.tenant)} (${n(c.households.owner)} owner, ${n(c.households.tenant)} tenant), holdings ${n(c.householdUnits)}, contacts ${n(c.contacts)}`,
    `users ${n(c.users)}: residents ${n(c.memberships.resident ?? 0)} (links ${n(c.residentLinks)}); staff ${staff}`,
    `assignments: ${n(c.buildingButlers)} buildings→butler, ${n(c.supervisorButlers)} butlers→supervisor, ${n(c.communityManagers)} communities→manager; audit rows ${n(c.auditLog)}`,
  ];
}
