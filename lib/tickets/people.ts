import { and, count, eq, inArray, isNull, or, sql } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communityManagers,
  memberships,
  residentLinks,
  supervisorButlers,
  technicianSkills,
  users,
  workOrderAssignees,
  workOrders,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { leastLoaded, OPEN_STATUSES, type RepairCategory } from "./rules";

/** Who is who around an order: the facts dispatch and escalation need. Company-scoped. */

export async function householdButler(
  db: DbOrTx,
  companyId: number,
  householdId: number | null,
): Promise<number | null> {
  if (householdId == null) return null;
  const p = householdPlacementSubquery(db, companyId);
  const [row] = await db.select({ butler: p.butlerUserId }).from(p).where(eq(p.householdId, householdId));
  return row?.butler ?? null;
}

export async function supervisorOf(db: DbOrTx, companyId: number, butlerUserId: number | null): Promise<number | null> {
  if (butlerUserId == null) return null;
  const [row] = await db
    .select({ id: supervisorButlers.supervisorUserId })
    .from(supervisorButlers)
    .where(and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.butlerUserId, butlerUserId)));
  return row?.id ?? null;
}

export async function managerOf(db: DbOrTx, companyId: number, communityId: number | null): Promise<number | null> {
  if (communityId == null) return null;
  const [row] = await db
    .select({ id: communityManagers.managerUserId })
    .from(communityManagers)
    .where(and(eq(communityManagers.companyId, companyId), eq(communityManagers.communityId, communityId)));
  return row?.id ?? null;
}

/** The supervisors of the butlers who serve a community's buildings (for emergencies). */
export async function communitySupervisors(db: DbOrTx, companyId: number, communityId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: supervisorButlers.supervisorUserId })
    .from(buildingButlers)
    .innerJoin(buildings, eq(buildings.id, buildingButlers.buildingId))
    .innerJoin(
      supervisorButlers,
      and(eq(supervisorButlers.butlerUserId, buildingButlers.butlerUserId), eq(supervisorButlers.companyId, companyId)),
    )
    .where(and(eq(buildingButlers.companyId, companyId), eq(buildings.communityId, communityId)))
    .orderBy(supervisorButlers.supervisorUserId);
  return rows.map((r) => r.id);
}

/** Active technicians with the skill, serving the community (or every community), least loaded first. */
export async function pickTechnician(
  db: DbOrTx,
  companyId: number,
  category: RepairCategory,
  communityId: number | null,
): Promise<number | null> {
  const load = sql<number>`(select count(*) from ${workOrderAssignees} a join ${workOrders} o on o.id = a.work_order_id
      where a.user_id = ${technicianSkills.userId} and o.company_id = ${companyId}
      and o.status in (${sql.join(
        OPEN_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )}))`;
  const rows = await db
    .select({ userId: technicianSkills.userId, openOrders: load })
    .from(technicianSkills)
    .innerJoin(users, and(eq(users.id, technicianSkills.userId), eq(users.active, true)))
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, technicianSkills.userId),
        eq(memberships.companyId, companyId),
        eq(memberships.role, "technician"),
      ),
    )
    .where(
      and(
        eq(technicianSkills.companyId, companyId),
        eq(technicianSkills.category, category),
        communityId == null
          ? undefined
          : or(isNull(technicianSkills.communityId), eq(technicianSkills.communityId, communityId)),
      ),
    );
  return leastLoaded(rows.map((r) => ({ userId: r.userId, openOrders: Number(r.openOrders) })));
}

export async function companyAdmins(db: DbOrTx, companyId: number): Promise<number[]> {
  const rows = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "admin")));
  return rows.map((r) => r.id);
}

/** The resident accounts (approved links) of a household. */
export async function householdResidents(db: DbOrTx, companyId: number, householdId: number | null): Promise<number[]> {
  if (householdId == null) return [];
  const rows = await db
    .select({ id: residentLinks.userId })
    .from(residentLinks)
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.householdId, householdId),
        eq(residentLinks.status, "approved"),
      ),
    );
  return rows.map((r) => r.id);
}

/** Open-order counts per user, for the supervisor's board. */
export async function openLoads(db: DbOrTx, companyId: number, userIds: number[]) {
  if (!userIds.length) return new Map<number, number>();
  const rows = await db
    .select({ userId: workOrderAssignees.userId, n: count() })
    .from(workOrderAssignees)
    .innerJoin(workOrders, eq(workOrders.id, workOrderAssignees.workOrderId))
    .where(
      and(
        eq(workOrders.companyId, companyId),
        inArray(workOrderAssignees.userId, userIds),
        inArray(workOrders.status, [...OPEN_STATUSES]),
      ),
    )
    .groupBy(workOrderAssignees.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}
