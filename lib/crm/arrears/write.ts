import { and, eq, inArray, isNull } from "drizzle-orm";
import { arrearsEpisodes, ladderFirings } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { deliverNotices } from "../notices/delivery";
import { collectionOrders, issueNotices, openLegalCases, recordLedger } from "./effects";
import { noTotals, type ChunkContext, type Plan, type Totals, type Won } from "./types";

/**
 * The arrears ladder's writes for one chunk of households, as named steps inside the chunk's
 * transaction (lib/crm/arrears/ladder.ts runs one short transaction per chunk). The firings are
 * the chunk's marks: inserted with onConflictDoNothing on their idempotency key, and every
 * later step writes only for the firings this transaction actually inserted — so a run
 * stopped between chunks, re-run, or overlapping another writes nothing twice.
 */

/** All steps of one chunk, in the caller's transaction. */
export async function writeChunkTx(tx: DbOrTx, ctx: ChunkContext, chunk: readonly Plan[]): Promise<Totals> {
  const out = noTotals();
  Object.assign(out, await moveEpisodes(tx, ctx, chunk));
  const won = await insertFirings(tx, ctx, chunk);
  if (!won.length) return out;
  out.firings = won.length;
  const noticeOf = await issueNotices(tx, ctx, won);
  out.notices = noticeOf.size;
  await recordLedger(tx, ctx, won, noticeOf);
  await deliverNotices(
    tx,
    ctx.companyId,
    won
      .filter(({ row }) => !noticeOf.get(row.id)!.awaitingConfirmation)
      .map(({ row, plan, f }) => ({
        noticeId: noticeOf.get(row.id)!.id,
        number: noticeOf.get(row.id)!.number,
        kind: f.notice,
        householdId: row.householdId,
        householdName: ctx.people.get(row.householdId)?.name ?? "",
        months: plan.months,
        owedFen: plan.owedFen,
      })),
    ctx.residents,
    ctx.now,
  );
  out.orders = await collectionOrders(tx, ctx, won, noticeOf);
  out.legalCases = await openLegalCases(tx, ctx, won, noticeOf);
  return out;
}

/** Ends the episodes back at 0 months and starts new ones (a concurrent run's insert wins quietly). */
async function moveEpisodes(tx: DbOrTx, ctx: ChunkContext, chunk: readonly Plan[]) {
  const { companyId, asOf, now } = ctx;
  let episodesEnded = 0;
  let episodesStarted = 0;
  const ending = chunk.filter((p) => p.decision.endEpisode).map((p) => p.householdId);
  if (ending.length) {
    const res = await tx
      .update(arrearsEpisodes)
      .set({ endedOn: asOf })
      .where(
        and(
          eq(arrearsEpisodes.companyId, companyId),
          inArray(arrearsEpisodes.householdId, ending),
          isNull(arrearsEpisodes.endedOn),
        ),
      );
    episodesEnded = res.rowsAffected;
  }
  const starting = chunk.filter((p) => p.decision.startEpisode);
  if (starting.length) {
    const rows = await tx
      .insert(arrearsEpisodes)
      .values(starting.map((p) => ({ companyId, householdId: p.householdId, startedOn: asOf, createdAt: now })))
      .onConflictDoNothing()
      .returning({ id: arrearsEpisodes.id });
    episodesStarted = rows.length;
  }
  return { episodesEnded, episodesStarted };
}

/** The firings, against the open episode as it stands inside this transaction; returns those inserted, by id. */
async function insertFirings(tx: DbOrTx, ctx: ChunkContext, chunk: readonly Plan[]): Promise<Won[]> {
  const { companyId, asOf, now } = ctx;
  const firing = chunk.filter((p) => p.decision.firings.length);
  if (!firing.length) return [];
  const eps = await tx
    .select({ id: arrearsEpisodes.id, householdId: arrearsEpisodes.householdId })
    .from(arrearsEpisodes)
    .where(
      and(
        eq(arrearsEpisodes.companyId, companyId),
        inArray(
          arrearsEpisodes.householdId,
          firing.map((p) => p.householdId),
        ),
        isNull(arrearsEpisodes.endedOn),
      ),
    );
  const episodeOf = new Map(eps.map((e) => [e.householdId, e.id]));
  const candidates = firing.flatMap((plan) => {
    const episodeId = episodeOf.get(plan.householdId);
    return episodeId == null ? [] : plan.decision.firings.map((f) => ({ plan, f, episodeId }));
  });
  if (!candidates.length) return [];
  const f = ladderFirings;
  const inserted = await tx
    .insert(f)
    .values(
      candidates.map((c) => ({
        companyId,
        householdId: c.plan.householdId,
        episodeId: c.episodeId,
        stepKey: c.f.stepKey,
        occurrence: c.f.occurrence,
        firedOn: asOf,
        months: c.plan.months,
        owedFen: c.plan.owedFen,
        points: c.f.points,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({
      id: f.id,
      householdId: f.householdId,
      episodeId: f.episodeId,
      stepKey: f.stepKey,
      occurrence: f.occurrence,
    });
  return inserted
    .map((row) => {
      const c = candidates.find(
        (c) =>
          c.plan.householdId === row.householdId && c.f.stepKey === row.stepKey && c.f.occurrence === row.occurrence,
      )!;
      return { row, plan: c.plan, f: c.f };
    })
    .sort((a, b) => a.row.id - b.row.id);
}
