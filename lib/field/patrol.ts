import { and, eq, sql } from "drizzle-orm";
import { patrolCheckpoints, patrolHandovers, patrolRounds, patrolRoutes, patrolScans } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { checkScan } from "./rules";
import type { HandoverInput, ScanInput } from "./schemas";

export interface ScanResult {
  seq: number;
  name: string;
  late: boolean;
  /** The round's last checkpoint was this one. */
  finished: boolean;
}

/**
 * Records a guard's scan of a checkpoint in one of their own rounds (issue 19 point 2). The server
 * takes the time; the token must name a checkpoint of this company and of the round's route, the
 * next one in order, inside the round's window; a payload decoded before the round or minutes ago
 * is a replay. The write is one batch whose statements are conditional on the round still
 * expecting that checkpoint, so two scans at once (the same code twice, two phones) record it once.
 */
export async function recordScan(db: Db, actor: Actor, input: ScanInput, now = new Date()): Promise<ScanResult> {
  const [round] = await db
    .select()
    .from(patrolRounds)
    .where(
      and(
        eq(patrolRounds.id, input.roundId),
        eq(patrolRounds.companyId, actor.companyId),
        eq(patrolRounds.guardId, actor.userId),
      ),
    );
  if (!round) throw new AppError("not_found");
  const [checkpoint] = await db
    .select({
      id: patrolCheckpoints.id,
      routeId: patrolCheckpoints.routeId,
      seq: patrolCheckpoints.seq,
      name: patrolCheckpoints.name,
    })
    .from(patrolCheckpoints)
    .where(and(eq(patrolCheckpoints.token, input.token), eq(patrolCheckpoints.companyId, actor.companyId)));
  const already = checkpoint
    ? await db
        .select({ id: patrolScans.id })
        .from(patrolScans)
        .where(and(eq(patrolScans.roundId, round.id), eq(patrolScans.checkpointId, checkpoint.id)))
    : [];
  const verdict = checkScan({
    round,
    checkpoint: checkpoint ?? null,
    alreadyScanned: already.length > 0,
    capturedAt: input.capturedAt,
    now,
  });
  if (!verdict.ok) throw AppError.field("token", `field.scan.${verdict.reason}`, "conflict");
  const cp = checkpoint!;
  const [inserted] = await db.batch([
    db.run(sql`insert into patrol_scans (company_id, round_id, checkpoint_id, seq, user_id, scanned_at, late)
      select ${actor.companyId}, ${round.id}, ${cp.id}, ${cp.seq}, ${actor.userId}, ${now.getTime()}, ${verdict.late ? 1 : 0}
      where exists (select 1 from patrol_rounds where id = ${round.id} and status = 'open' and scanned = ${cp.seq - 1})
      on conflict do nothing`),
    db.run(sql`update patrol_rounds set
        scanned = scanned + 1,
        status = case when scanned + 1 >= checkpoints then
          case when exists (select 1 from patrol_scans where round_id = ${round.id} and late = 1) then 'late' else 'done' end
          else status end,
        completed_at = case when scanned + 1 >= checkpoints then ${now.getTime()} else completed_at end
      where id = ${round.id} and status = 'open' and scanned = ${cp.seq - 1}
        and exists (select 1 from patrol_scans where round_id = ${round.id} and seq = ${cp.seq} and user_id = ${actor.userId})`),
  ]);
  if (!inserted.rowsAffected) throw AppError.field("token", "field.scan.duplicate", "conflict");
  return { seq: cp.seq, name: cp.name, late: verdict.late, finished: cp.seq >= round.checkpoints };
}

/** A guard leaves a note for the next shift in a community where they walk a route. */
export async function addHandover(db: Db, actor: Actor, input: HandoverInput): Promise<{ id: number }> {
  const [route] = await db
    .select({ id: patrolRoutes.id })
    .from(patrolRoutes)
    .where(
      and(
        eq(patrolRoutes.companyId, actor.companyId),
        eq(patrolRoutes.communityId, input.communityId),
        eq(patrolRoutes.guardId, actor.userId),
      ),
    )
    .limit(1);
  if (!route) throw new AppError("not_found");
  const [row] = await db
    .insert(patrolHandovers)
    .values({ companyId: actor.companyId, communityId: input.communityId, userId: actor.userId, note: input.note })
    .returning({ id: patrolHandovers.id });
  return row;
}
