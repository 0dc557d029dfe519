import { and, count, eq, inArray } from "drizzle-orm";
import { cleaningAreas, cleaningTasks, patrolCheckpoints, patrolRounds, patrolRoutes } from "@/db/schema";
import { chunk } from "@/lib/db/chunk";
import type { Db } from "@/lib/db/client";
import type { CronJob } from "@/lib/jobs/types";
import { instantOf } from "@/lib/time/zone";
import { expandSchedule } from "./rules";

/** Rows per insert statement (a few columns each; well under SQLite's parameter cap). */
const INSERT_CHUNK = 200;

/**
 * The daily job of field operations (issue 19, SPEC §10): the day's cleaning tasks of every active
 * area and the day's patrol rounds of every active route with checkpoints, for the company-local
 * date `asOf`. Date-bound and idempotent: a task is unique per (area, date, slot) and a round per
 * (route, date, slot), inserted with ON CONFLICT DO NOTHING, so a second or concurrent run adds
 * nothing. Each insert is one short statement of at most INSERT_CHUNK rows.
 */
export const generateFieldDay: CronJob = async (db, company, asOf) => {
  const at = (date: string, minute: number) => instantOf(date, minute, company.timeZone);
  const tasks = await generateCleaningTasks(db, company.id, asOf, at);
  const rounds = await generatePatrolRounds(db, company.id, asOf, at);
  return { cleaningTasks: tasks, patrolRounds: rounds };
};

type At = (date: string, minute: number) => Date;

async function generateCleaningTasks(db: Db, companyId: number, date: string, at: At): Promise<number> {
  const areas = await db
    .select()
    .from(cleaningAreas)
    .where(and(eq(cleaningAreas.companyId, companyId), eq(cleaningAreas.active, true)));
  const rows = areas.flatMap((a) =>
    expandSchedule(a, date, at).map((s) => ({
      companyId,
      areaId: a.id,
      assigneeId: a.assigneeId,
      date,
      slot: s.slot,
      startsAt: s.startsAt,
      dueAt: s.endsAt,
    })),
  );
  let created = 0;
  for (const part of chunk(rows, INSERT_CHUNK)) {
    const made = await db.insert(cleaningTasks).values(part).onConflictDoNothing().returning({ id: cleaningTasks.id });
    created += made.length;
  }
  return created;
}

async function generatePatrolRounds(db: Db, companyId: number, date: string, at: At): Promise<number> {
  const routes = await db
    .select()
    .from(patrolRoutes)
    .where(and(eq(patrolRoutes.companyId, companyId), eq(patrolRoutes.active, true)));
  if (!routes.length) return 0;
  const counts = new Map(
    (
      await db
        .select({ routeId: patrolCheckpoints.routeId, n: count() })
        .from(patrolCheckpoints)
        .where(
          and(
            eq(patrolCheckpoints.companyId, companyId),
            inArray(
              patrolCheckpoints.routeId,
              routes.map((r) => r.id),
            ),
          ),
        )
        .groupBy(patrolCheckpoints.routeId)
    ).map((r) => [r.routeId, r.n]),
  );
  const rows = routes.flatMap((r) => {
    const checkpoints = counts.get(r.id) ?? 0;
    if (!checkpoints) return [];
    return expandSchedule({ ...r, weekdays: 127 }, date, at).map((s) => ({
      companyId,
      routeId: r.id,
      guardId: r.guardId,
      date,
      slot: s.slot,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      checkpoints,
    }));
  });
  let created = 0;
  for (const part of chunk(rows, INSERT_CHUNK)) {
    const made = await db.insert(patrolRounds).values(part).onConflictDoNothing().returning({ id: patrolRounds.id });
    created += made.length;
  }
  return created;
}
