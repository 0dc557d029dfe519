import "server-only";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { cleaningAreas, cleaningTasks, patrolRounds, patrolRoutes } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export type Tally = { done: number; late: number; missed: number };
export type TeamTally = { today: Tally; week: Tally };

/**
 * The board's figures per team (issue 19 point 2): cleaning tasks and patrol rounds done (in
 * time), late (done after their window) and missed, today and since `weekFrom`, optionally of one
 * community. Company-scoped; one grouped read per team.
 */
export async function teamCounts(
  db: DbOrTx,
  companyId: number,
  { today, weekFrom, communityId }: { today: string; weekFrom: string; communityId?: number | null },
): Promise<{ cleaning: TeamTally; security: TeamTally }> {
  const taskOutcome = sql<string>`case
    when ${cleaningTasks.status} = 'done' and ${cleaningTasks.doneAt} > ${cleaningTasks.dueAt} then 'late'
    else ${cleaningTasks.status} end`;
  const tasks = await db
    .select({ date: cleaningTasks.date, outcome: taskOutcome, n: sql<number>`count(*)`.mapWith(Number) })
    .from(cleaningTasks)
    .innerJoin(cleaningAreas, eq(cleaningAreas.id, cleaningTasks.areaId))
    .where(
      and(
        eq(cleaningTasks.companyId, companyId),
        gte(cleaningTasks.date, weekFrom),
        lte(cleaningTasks.date, today),
        communityId ? eq(cleaningAreas.communityId, communityId) : undefined,
      ),
    )
    .groupBy(cleaningTasks.date, taskOutcome);
  const rounds = await db
    .select({ date: patrolRounds.date, outcome: patrolRounds.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(patrolRounds)
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrolRounds.routeId))
    .where(
      and(
        eq(patrolRounds.companyId, companyId),
        gte(patrolRounds.date, weekFrom),
        lte(patrolRounds.date, today),
        communityId ? eq(patrolRoutes.communityId, communityId) : undefined,
      ),
    )
    .groupBy(patrolRounds.date, patrolRounds.status);
  return { cleaning: tally(tasks, today), security: tally(rounds, today) };
}

function tally(rows: readonly { date: string; outcome: string; n: number }[], today: string): TeamTally {
  const out: TeamTally = { today: { done: 0, late: 0, missed: 0 }, week: { done: 0, late: 0, missed: 0 } };
  for (const r of rows) {
    if (r.outcome !== "done" && r.outcome !== "late" && r.outcome !== "missed") continue;
    out.week[r.outcome] += r.n;
    if (r.date === today) out.today[r.outcome] += r.n;
  }
  return out;
}
