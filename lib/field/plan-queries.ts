import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { cleaningAreas, communities, memberships, patrolCheckpoints, patrolRoutes, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/** The supervisor's editing screens (issue 19 point 1): the company's areas and routes. Company-scoped reads. */

/** The choices of the editing forms: the company's communities, its active cleaners and guards. */
export async function planOptions(db: DbOrTx, companyId: number) {
  const staff = (role: "cleaner" | "guard") =>
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, companyId), eq(memberships.role, role), eq(users.active, true)))
      .orderBy(asc(users.name), asc(users.id));
  const [places, cleaners, guards] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.companyId, companyId))
      .orderBy(asc(communities.name)),
    staff("cleaner"),
    staff("guard"),
  ]);
  return { communities: places, cleaners, guards };
}

export function listAreas(db: DbOrTx, companyId: number) {
  const assignee = alias(users, "assignee");
  return db
    .select({
      id: cleaningAreas.id,
      name: cleaningAreas.name,
      kind: cleaningAreas.kind,
      times: cleaningAreas.times,
      weekdays: cleaningAreas.weekdays,
      active: cleaningAreas.active,
      community: communities.name,
      assignee: assignee.name,
    })
    .from(cleaningAreas)
    .innerJoin(communities, eq(communities.id, cleaningAreas.communityId))
    .leftJoin(assignee, eq(assignee.id, cleaningAreas.assigneeId))
    .where(eq(cleaningAreas.companyId, companyId))
    .orderBy(asc(communities.name), asc(cleaningAreas.name), asc(cleaningAreas.id));
}

export function listRoutes(db: DbOrTx, companyId: number) {
  const guard = alias(users, "guard");
  return db
    .select({
      id: patrolRoutes.id,
      name: patrolRoutes.name,
      times: patrolRoutes.times,
      active: patrolRoutes.active,
      community: communities.name,
      guard: guard.name,
      checkpoints: sql<number>`(select count(*) from patrol_checkpoints c
        where c.route_id = ${patrolRoutes.id} and c.active = 1)`.mapWith(Number),
    })
    .from(patrolRoutes)
    .innerJoin(communities, eq(communities.id, patrolRoutes.communityId))
    .leftJoin(guard, eq(guard.id, patrolRoutes.guardId))
    .where(eq(patrolRoutes.companyId, companyId))
    .orderBy(asc(communities.name), asc(patrolRoutes.name), asc(patrolRoutes.id));
}

export async function areaDetail(db: DbOrTx, companyId: number, areaId: number) {
  const [row] = await db
    .select({ area: cleaningAreas, community: communities.name })
    .from(cleaningAreas)
    .innerJoin(communities, eq(communities.id, cleaningAreas.communityId))
    .where(and(eq(cleaningAreas.id, areaId), eq(cleaningAreas.companyId, companyId)));
  return row ? { ...row.area, community: row.community } : null;
}

/** A route with all its checkpoints in order (active or not; never the tokens — the print sheet shows those). */
export async function routeDetail(db: DbOrTx, companyId: number, routeId: number) {
  const [row] = await db
    .select({ route: patrolRoutes, community: communities.name })
    .from(patrolRoutes)
    .innerJoin(communities, eq(communities.id, patrolRoutes.communityId))
    .where(and(eq(patrolRoutes.id, routeId), eq(patrolRoutes.companyId, companyId)));
  if (!row) return null;
  const points = await db
    .select({
      id: patrolCheckpoints.id,
      seq: patrolCheckpoints.seq,
      name: patrolCheckpoints.name,
      active: patrolCheckpoints.active,
    })
    .from(patrolCheckpoints)
    .where(and(eq(patrolCheckpoints.companyId, companyId), eq(patrolCheckpoints.routeId, routeId)))
    .orderBy(asc(patrolCheckpoints.seq));
  return { ...row.route, community: row.community, points };
}
