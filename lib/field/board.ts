import "server-only";
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  cleaningAreas,
  cleaningTasks,
  communities,
  patrolCheckpoints,
  patrolRounds,
  patrolRoutes,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/**
 * The supervisor's field board (issue 19): since `from` (a company-local date), the cleaning
 * tasks missed, the rounds missed or walked late with the checkpoints they skipped, and the
 * routes (for their QR sheets). Company-scoped; a few indexed reads.
 */
export async function fieldBoard(db: DbOrTx, companyId: number, from: string, limit = 50) {
  const assignee = alias(users, "assignee");
  const missedTasks = await db
    .select({
      id: cleaningTasks.id,
      date: cleaningTasks.date,
      slot: cleaningTasks.slot,
      area: cleaningAreas.name,
      community: communities.name,
      assignee: assignee.name,
    })
    .from(cleaningTasks)
    .innerJoin(cleaningAreas, eq(cleaningAreas.id, cleaningTasks.areaId))
    .innerJoin(communities, eq(communities.id, cleaningAreas.communityId))
    .leftJoin(assignee, eq(assignee.id, cleaningTasks.assigneeId))
    .where(
      and(eq(cleaningTasks.companyId, companyId), eq(cleaningTasks.status, "missed"), gte(cleaningTasks.date, from)),
    )
    .orderBy(desc(cleaningTasks.date), desc(cleaningTasks.slot))
    .limit(limit);
  const rounds = await db
    .select({
      id: patrolRounds.id,
      routeId: patrolRounds.routeId,
      date: patrolRounds.date,
      slot: patrolRounds.slot,
      status: patrolRounds.status,
      scanned: patrolRounds.scanned,
      checkpoints: patrolRounds.checkpoints,
      route: patrolRoutes.name,
      community: communities.name,
      guard: assignee.name,
    })
    .from(patrolRounds)
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrolRounds.routeId))
    .innerJoin(communities, eq(communities.id, patrolRoutes.communityId))
    .leftJoin(assignee, eq(assignee.id, patrolRounds.guardId))
    .where(
      and(
        eq(patrolRounds.companyId, companyId),
        inArray(patrolRounds.status, ["missed", "late"]),
        gte(patrolRounds.date, from),
      ),
    )
    .orderBy(desc(patrolRounds.date), desc(patrolRounds.slot))
    .limit(limit);
  const skipped = await skippedCheckpoints(db, companyId, rounds);
  const routes = await db
    .select({ id: patrolRoutes.id, name: patrolRoutes.name, community: communities.name })
    .from(patrolRoutes)
    .innerJoin(communities, eq(communities.id, patrolRoutes.communityId))
    .where(and(eq(patrolRoutes.companyId, companyId), eq(patrolRoutes.active, true)))
    .orderBy(asc(communities.name), asc(patrolRoutes.name));
  return {
    missedTasks,
    rounds: rounds.map((r) => ({ ...r, skipped: r.status === "missed" ? (skipped.get(r.id) ?? []) : [] })),
    routes,
  };
}

/** The checkpoints a missed round never reached (seq beyond what it scanned), by round id. */
async function skippedCheckpoints(
  db: DbOrTx,
  companyId: number,
  rounds: readonly { id: number; routeId: number; scanned: number; status: string }[],
) {
  const missed = rounds.filter((r) => r.status === "missed");
  const out = new Map<number, string[]>();
  if (!missed.length) return out;
  const points = await db
    .select({ routeId: patrolCheckpoints.routeId, seq: patrolCheckpoints.seq, name: patrolCheckpoints.name })
    .from(patrolCheckpoints)
    .where(
      and(
        eq(patrolCheckpoints.companyId, companyId),
        inArray(patrolCheckpoints.routeId, [...new Set(missed.map((r) => r.routeId))]),
      ),
    )
    .orderBy(asc(patrolCheckpoints.seq));
  for (const r of missed)
    out.set(
      r.id,
      points.filter((p) => p.routeId === r.routeId && p.seq > r.scanned).map((p) => p.name),
    );
  return out;
}

/** Today's field work of a cleaner or a guard, for the workbench: open and finished counts. */
export async function todayCounts(db: DbOrTx, companyId: number, userId: number, date: string) {
  const [tasks] = await db
    .select({
      open: sql<number>`coalesce(sum(${cleaningTasks.status} = 'open'), 0)`.mapWith(Number),
      done: sql<number>`coalesce(sum(${cleaningTasks.status} = 'done'), 0)`.mapWith(Number),
      missed: sql<number>`coalesce(sum(${cleaningTasks.status} = 'missed'), 0)`.mapWith(Number),
    })
    .from(cleaningTasks)
    .where(
      and(eq(cleaningTasks.companyId, companyId), eq(cleaningTasks.assigneeId, userId), eq(cleaningTasks.date, date)),
    );
  const [rounds] = await db
    .select({
      open: sql<number>`coalesce(sum(${patrolRounds.status} = 'open'), 0)`.mapWith(Number),
      done: sql<number>`coalesce(sum(${patrolRounds.status} in ('done', 'late')), 0)`.mapWith(Number),
      missed: sql<number>`coalesce(sum(${patrolRounds.status} = 'missed'), 0)`.mapWith(Number),
    })
    .from(patrolRounds)
    .where(and(eq(patrolRounds.companyId, companyId), eq(patrolRounds.guardId, userId), eq(patrolRounds.date, date)));
  return { tasks, rounds };
}
