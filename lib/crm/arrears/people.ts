import { and, eq, inArray, sql } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communityManagers,
  householdUnits,
  households,
  memberships,
  supervisorButlers,
  unitButlers,
  units,
  users,
  type NoticeSnapshot,
} from "@/db/schema";
import { unpaidMonthlyBillsAsOf } from "@/lib/billing/queries/arrears";
import type { DbOrTx } from "@/lib/db/client";
import { residentsOf } from "../notices/delivery";

/** What the arrears ladder reads about the households that fire: who they are, who serves them, what they owe. */

export async function usersWithRole(db: DbOrTx, companyId: number, role: "legal") {
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, role)));
  return rows.map((r) => r.id);
}

export type People = Map<
  number,
  {
    name: string;
    unitId: number | null;
    communityId: number | null;
    butler: number | null;
    supervisor: number | null;
    manager: number | null;
  }
>;

/**
 * Name, placement and people (butler, the butler's supervisor, the community's manager) of the
 * households that fire, in three flat queries for the whole run. The main unit and the butler
 * follow the rule of householdPlacementSubquery (first residential unit, else first unit; the
 * unit-range butler, else the building's), computed here because that subquery's correlated
 * lookup costs about a second per run on 50,000 households.
 */
export async function peopleOf(db: DbOrTx, companyId: number, ids: readonly number[]): Promise<People> {
  const out: People = new Map();
  if (!ids.length) return out;
  const few = ids.length <= 500;
  const [rows, sups, managers] = await Promise.all([
    db
      .select({
        householdId: householdUnits.householdId,
        name: households.name,
        unitId: householdUnits.unitId,
        held: sql<number>`${householdUnits.toDate} is null`,
        type: units.type,
        communityId: buildings.communityId,
        butler: sql<number | null>`coalesce(${unitButlers.butlerUserId}, ${buildingButlers.butlerUserId})`,
      })
      .from(householdUnits)
      .innerJoin(households, eq(households.id, householdUnits.householdId))
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .leftJoin(unitButlers, eq(unitButlers.unitId, units.id))
      .leftJoin(buildingButlers, eq(buildingButlers.buildingId, units.buildingId))
      .where(
        and(eq(householdUnits.companyId, companyId), few ? inArray(householdUnits.householdId, [...ids]) : undefined),
      ),
    db
      .select({ butler: supervisorButlers.butlerUserId, supervisor: supervisorButlers.supervisorUserId })
      .from(supervisorButlers)
      .where(eq(supervisorButlers.companyId, companyId)),
    db
      .select({ communityId: communityManagers.communityId, manager: communityManagers.managerUserId })
      .from(communityManagers)
      .where(eq(communityManagers.companyId, companyId)),
  ]);
  const supervisorOf = new Map(sups.map((r) => [r.butler, r.supervisor]));
  const managerOf = new Map(managers.map((r) => [r.communityId, r.manager]));
  const wanted = new Set(ids);
  const main = new Map<number, (typeof rows)[number]>();
  // A unit held now before one sold (a seller's ladder keeps the address of what it held).
  const rank = (r: (typeof rows)[number]) => [(r.held ? 0 : 2) + (r.type === "residential" ? 0 : 1), r.unitId] as const;
  for (const r of rows) {
    if (!wanted.has(r.householdId)) continue;
    const cur = main.get(r.householdId);
    if (!cur) main.set(r.householdId, r);
    else {
      const [a1, a2] = rank(r);
      const [b1, b2] = rank(cur);
      if (a1 < b1 || (a1 === b1 && a2 < b2)) main.set(r.householdId, r);
    }
  }
  const names =
    few || main.size === wanted.size
      ? null
      : await db
          .select({ id: households.id, name: households.name })
          .from(households)
          .where(and(eq(households.companyId, companyId), inArray(households.id, [...ids])));
  for (const id of ids) {
    const m = main.get(id);
    const butler = m?.butler ?? null;
    out.set(id, {
      name: m?.name ?? names?.find((n) => n.id === id)?.name ?? "",
      unitId: m?.unitId ?? null,
      communityId: m?.communityId ?? null,
      butler,
      supervisor: butler == null ? null : (supervisorOf.get(butler) ?? null),
      manager: m?.communityId == null ? null : (managerOf.get(m.communityId) ?? null),
    });
  }
  return out;
}

/** Residents and unpaid months of the households that fire in a batch (both read by index). */
export async function batchFacts(db: DbOrTx, companyId: number, asOf: string, cutoff: Date | null, ids: number[]) {
  const [residents, open] = await Promise.all([
    residentsOf(db, companyId, ids),
    unpaidMonthlyBillsAsOf(db, companyId, asOf, cutoff, ids),
  ]);
  const unpaid = new Map<number, NoticeSnapshot["months"]>();
  for (const b of open)
    unpaid.set(b.householdId, [
      ...(unpaid.get(b.householdId) ?? []),
      { period: b.period, dueDate: b.dueDate, owedFen: Number(b.owedFen) },
    ]);
  return { residents, unpaid };
}
