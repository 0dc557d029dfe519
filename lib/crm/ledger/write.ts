import { and, asc, inArray, sql } from "drizzle-orm";
import { householdScores, sentimentEntries } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { clampScore } from "../bands";
import { chunk } from "@/lib/db/chunk";
import { addMoves, applyMoves, type Moves } from "../summary/score-moves";

/** A ledger entry to write; scoreAfter is computed here. */
export interface NewSentimentEntry {
  householdId: number;
  occurredOn: string;
  rule: string;
  step?: string | null;
  points: number;
  sourceType?: string | null;
  sourceId?: number | null;
  dedupeKey: string;
  messageKey: string;
  params?: Record<string, string | number | null>;
  reason?: string | null;
  actorUserId?: number | null;
}

const CHUNK = 400;

/**
 * Appends entries (idempotent: an entry whose dedupeKey exists is skipped) and brings the
 * affected households' running scores and cached score up to date. Call inside the
 * transaction that writes the entry's source record, so both land or neither does.
 * Returns the entries actually written (with ids).
 */
export async function appendSentimentEntries(
  tx: DbOrTx,
  companyId: number,
  initialScore: number,
  entries: readonly NewSentimentEntry[],
  now = new Date(),
) {
  const written: { id: number; householdId: number; dedupeKey: string }[] = [];
  for (const part of chunk(entries, CHUNK)) {
    if (part.length === 0) continue;
    const rows = await tx
      .insert(sentimentEntries)
      .values(
        part.map((e) => ({
          companyId,
          householdId: e.householdId,
          occurredOn: e.occurredOn,
          rule: e.rule,
          step: e.step ?? null,
          points: e.points,
          scoreAfter: 0,
          sourceType: e.sourceType ?? null,
          sourceId: e.sourceId ?? null,
          dedupeKey: e.dedupeKey,
          messageKey: e.messageKey,
          params: e.params ?? {},
          reason: e.reason ?? null,
          actorUserId: e.actorUserId ?? null,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: [sentimentEntries.companyId, sentimentEntries.dedupeKey] })
      .returning({
        id: sentimentEntries.id,
        householdId: sentimentEntries.householdId,
        dedupeKey: sentimentEntries.dedupeKey,
      });
    written.push(...rows);
  }
  if (written.length)
    await recomputeScores(
      tx,
      companyId,
      initialScore,
      [...new Set(written.map((w) => w.householdId))],
      now,
      new Set(written.map((w) => w.id)),
    );
  return written;
}

/** Folds a household's entries in (occurredOn, id) order from the initial score, clamping after each. */
export function foldScores(
  initialScore: number,
  entries: readonly { id: number; points: number }[],
): { id: number; scoreAfter: number }[] {
  let s = clampScore(initialScore);
  return entries.map((e) => {
    s = clampScore(s + e.points);
    return { id: e.id, scoreAfter: s };
  });
}

/**
 * Recomputes score_after of every entry of the given households and their cached score,
 * set-based per chunk of households. Also used after publishing rules with a new initial score.
 * Keeps the score timeline (crm_score_moves) too: `newIds` are the entries just inserted, whose
 * score_after is not yet part of it.
 */
export async function recomputeScores(
  tx: DbOrTx,
  companyId: number,
  initialScore: number,
  householdIds: readonly number[],
  now = new Date(),
  newIds: ReadonlySet<number> = new Set(),
) {
  for (const ids of chunk(householdIds, CHUNK)) {
    const rows = await tx
      .select({
        id: sentimentEntries.id,
        householdId: sentimentEntries.householdId,
        points: sentimentEntries.points,
        scoreAfter: sentimentEntries.scoreAfter,
        occurredOn: sentimentEntries.occurredOn,
      })
      .from(sentimentEntries)
      // "+company_id": the household index, not the company one (see lib/crm/sql.ts).
      .where(and(sql`+${sentimentEntries.companyId} = ${companyId}`, inArray(sentimentEntries.householdId, ids)))
      .orderBy(asc(sentimentEntries.householdId), asc(sentimentEntries.occurredOn), asc(sentimentEntries.id));
    const { changed, cache, moves } = foldHouseholds(companyId, initialScore, ids, rows, newIds, now);
    for (const part of chunk(changed, CHUNK)) {
      const cases = sql.join(
        part.map((c) => sql`when ${c.id} then ${c.scoreAfter}`),
        sql` `,
      );
      await tx
        .update(sentimentEntries)
        .set({ scoreAfter: sql`case ${sentimentEntries.id} ${cases} end` })
        .where(
          inArray(
            sentimentEntries.id,
            part.map((c) => c.id),
          ),
        );
    }
    await applyMoves(tx, companyId, moves);
    if (cache.length)
      await tx
        .insert(householdScores)
        .values(cache)
        .onConflictDoUpdate({
          target: householdScores.householdId,
          set: {
            score: sql`excluded.score`,
            lastEntryId: sql`excluded.last_entry_id`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
  }
}

interface LedgerRow {
  id: number;
  householdId: number;
  points: number;
  scoreAfter: number;
  occurredOn: string;
}

/** recomputeScores' pure part: the entries whose score_after changes, the score cache rows and the timeline's moves. */
function foldHouseholds(
  companyId: number,
  initialScore: number,
  ids: readonly number[],
  rows: readonly LedgerRow[],
  newIds: ReadonlySet<number>,
  now: Date,
) {
  const byHousehold = new Map<number, LedgerRow[]>();
  for (const r of rows) {
    const list = byHousehold.get(r.householdId) ?? [];
    list.push(r);
    byHousehold.set(r.householdId, list);
  }
  const changed: { id: number; scoreAfter: number }[] = [];
  const cache: {
    householdId: number;
    companyId: number;
    score: number;
    lastEntryId: number | null;
    updatedAt: Date;
  }[] = [];
  const moves: Moves = new Map();
  for (const hid of ids) {
    const list = byHousehold.get(hid) ?? [];
    const folded = foldScores(initialScore, list);
    addMoves(
      moves,
      list.filter((e) => !newIds.has(e.id)),
      -1,
    );
    addMoves(
      moves,
      list.map((e, i) => ({ occurredOn: e.occurredOn, scoreAfter: folded[i].scoreAfter })),
      1,
    );
    folded.forEach((f, i) => {
      if (f.scoreAfter !== list[i].scoreAfter) changed.push(f);
    });
    const last = folded.at(-1);
    cache.push({
      householdId: hid,
      companyId,
      score: last ? last.scoreAfter : clampScore(initialScore),
      lastEntryId: last?.id ?? null,
      updatedAt: now,
    });
  }
  return { changed, cache, moves };
}
