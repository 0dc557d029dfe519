import { and, eq, inArray, lt } from "drizzle-orm";
import { cleaningTasks, patrolRounds } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { LATE_GRACE_MS } from "./rules";

/**
 * The minute tick's field job (issue 19 point 4): cleaning tasks still open after their window
 * become missed, and rounds still open after their window and grace become missed (their
 * unscanned checkpoints are the misses on the supervisor's board). Two set-based updates on
 * partial indexes of open rows: a tick with nothing due costs two index probes. Conditional on
 * `status = 'open'`, so overlapping ticks change each row once.
 */
export async function markFieldMisses(db: Db, now: Date, companyIds?: readonly number[]) {
  const scope = <C extends typeof cleaningTasks.companyId | typeof patrolRounds.companyId>(col: C) =>
    companyIds ? inArray(col, [...companyIds]) : undefined;
  const tasks = await db
    .update(cleaningTasks)
    .set({ status: "missed" })
    .where(and(eq(cleaningTasks.status, "open"), lt(cleaningTasks.dueAt, now), scope(cleaningTasks.companyId)))
    .returning({ id: cleaningTasks.id });
  const rounds = await db
    .update(patrolRounds)
    .set({ status: "missed" })
    .where(
      and(
        eq(patrolRounds.status, "open"),
        lt(patrolRounds.endsAt, new Date(now.getTime() - LATE_GRACE_MS)),
        scope(patrolRounds.companyId),
      ),
    )
    .returning({ id: patrolRounds.id });
  return { missedTasks: tasks.length, missedRounds: rounds.length };
}
