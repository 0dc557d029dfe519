import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  cleaningAreas,
  cleaningTasks,
  communities,
  patrolCheckpoints,
  patrolHandovers,
  patrolRounds,
  patrolRoutes,
  patrolScans,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Field operations reads (issue 19). Every query takes the company and, for a cleaner or a guard,
 * their own user id in the WHERE clause: they see only their own tasks and rounds.
 */

/** A cleaner's tasks of one day, in time order, with the area's standard. */
export function myCleaningTasks(db: DbOrTx, companyId: number, userId: number, date: string) {
  return db
    .select({
      id: cleaningTasks.id,
      slot: cleaningTasks.slot,
      startsAt: cleaningTasks.startsAt,
      dueAt: cleaningTasks.dueAt,
      status: cleaningTasks.status,
      doneAt: cleaningTasks.doneAt,
      note: cleaningTasks.note,
      hasPhoto: sql<boolean>`${cleaningTasks.photoPath} is not null`.mapWith(Boolean),
      area: cleaningAreas.name,
      kind: cleaningAreas.kind,
      standard: cleaningAreas.standard,
      community: communities.name,
    })
    .from(cleaningTasks)
    .innerJoin(cleaningAreas, eq(cleaningAreas.id, cleaningTasks.areaId))
    .innerJoin(communities, eq(communities.id, cleaningAreas.communityId))
    .where(
      and(eq(cleaningTasks.companyId, companyId), eq(cleaningTasks.assigneeId, userId), eq(cleaningTasks.date, date)),
    )
    .orderBy(asc(cleaningTasks.startsAt), asc(cleaningAreas.name));
}

/** A guard's rounds of one day, in time order. */
export function myRounds(db: DbOrTx, companyId: number, userId: number, date: string) {
  return db
    .select({
      id: patrolRounds.id,
      slot: patrolRounds.slot,
      startsAt: patrolRounds.startsAt,
      endsAt: patrolRounds.endsAt,
      status: patrolRounds.status,
      scanned: patrolRounds.scanned,
      checkpoints: patrolRounds.checkpoints,
      route: patrolRoutes.name,
      communityId: patrolRoutes.communityId,
      community: communities.name,
    })
    .from(patrolRounds)
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrolRounds.routeId))
    .innerJoin(communities, eq(communities.id, patrolRoutes.communityId))
    .where(and(eq(patrolRounds.companyId, companyId), eq(patrolRounds.guardId, userId), eq(patrolRounds.date, date)))
    .orderBy(asc(patrolRounds.startsAt));
}

/** One of the guard's own rounds with its checkpoints in order (names only — never the tokens) and scan times. */
export async function myRound(db: DbOrTx, companyId: number, userId: number, roundId: number) {
  const [round] = await db
    .select({
      id: patrolRounds.id,
      routeId: patrolRounds.routeId,
      slot: patrolRounds.slot,
      date: patrolRounds.date,
      startsAt: patrolRounds.startsAt,
      endsAt: patrolRounds.endsAt,
      status: patrolRounds.status,
      scanned: patrolRounds.scanned,
      checkpoints: patrolRounds.checkpoints,
      route: patrolRoutes.name,
    })
    .from(patrolRounds)
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrolRounds.routeId))
    .where(and(eq(patrolRounds.id, roundId), eq(patrolRounds.companyId, companyId), eq(patrolRounds.guardId, userId)));
  if (!round) return null;
  const points = await db
    .select({
      id: patrolCheckpoints.id,
      seq: patrolCheckpoints.seq,
      name: patrolCheckpoints.name,
      scannedAt: patrolScans.scannedAt,
      late: patrolScans.late,
    })
    .from(patrolCheckpoints)
    .leftJoin(patrolScans, and(eq(patrolScans.checkpointId, patrolCheckpoints.id), eq(patrolScans.roundId, round.id)))
    .where(and(eq(patrolCheckpoints.companyId, companyId), eq(patrolCheckpoints.routeId, round.routeId)))
    .orderBy(asc(patrolCheckpoints.seq));
  return { ...round, points };
}

/** The latest handover notes of the communities where the guard patrols. */
export async function handoverNotes(db: DbOrTx, companyId: number, communityIds: readonly number[], limit = 10) {
  if (!communityIds.length) return [];
  return db
    .select({
      id: patrolHandovers.id,
      note: patrolHandovers.note,
      createdAt: patrolHandovers.createdAt,
      author: users.name,
      community: communities.name,
    })
    .from(patrolHandovers)
    .innerJoin(users, eq(users.id, patrolHandovers.userId))
    .innerJoin(communities, eq(communities.id, patrolHandovers.communityId))
    .where(and(eq(patrolHandovers.companyId, companyId), inArray(patrolHandovers.communityId, [...communityIds])))
    .orderBy(desc(patrolHandovers.createdAt), desc(patrolHandovers.id))
    .limit(limit);
}

/** The communities where a guard walks a route (for the handover form). */
export function guardCommunities(db: DbOrTx, companyId: number, userId: number) {
  return db
    .selectDistinct({ id: communities.id, name: communities.name })
    .from(patrolRoutes)
    .innerJoin(communities, eq(communities.id, patrolRoutes.communityId))
    .where(and(eq(patrolRoutes.companyId, companyId), eq(patrolRoutes.guardId, userId), eq(patrolRoutes.active, true)))
    .orderBy(asc(communities.name));
}

/** A route's QR sheet: the route and its checkpoints with their tokens (supervisors only). */
export async function routeSheet(db: DbOrTx, companyId: number, routeId: number) {
  const [route] = await db
    .select({ id: patrolRoutes.id, name: patrolRoutes.name, community: communities.name })
    .from(patrolRoutes)
    .innerJoin(communities, eq(communities.id, patrolRoutes.communityId))
    .where(and(eq(patrolRoutes.id, routeId), eq(patrolRoutes.companyId, companyId)));
  if (!route) return null;
  const points = await db
    .select({ seq: patrolCheckpoints.seq, name: patrolCheckpoints.name, token: patrolCheckpoints.token })
    .from(patrolCheckpoints)
    .where(and(eq(patrolCheckpoints.companyId, companyId), eq(patrolCheckpoints.routeId, routeId)))
    .orderBy(asc(patrolCheckpoints.seq));
  return { ...route, points };
}
