import { and, asc, inArray, sql } from "drizzle-orm";
import { householdScores, sentimentEntries } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { clampScore } from "./bands";
import { chunk } from "@/lib/db/chunk";

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
    await recomputeScores(tx, companyId, initialScore, [...new Set(written.map((w) => w.householdId))], now);
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
 */
export async function recomputeScores(
  tx: DbOrTx,
  companyId: number,
  initialScore: number,
  householdIds: readonly number[],
  now = new Date(),
) {
  for (const ids of chunk(householdIds, CHUNK)) {
    const rows = await tx
      .select({
        id: sentimentEntries.id,
        householdId: sentimentEntries.householdId,
        points: sentimentEntries.points,
        scoreAfter: sentimentEntries.scoreAfter,
      })
      .from(sentimentEntries)
      // "+company_id": the household index, not the company one (see lib/crm/sql.ts).
      .where(and(sql`+${sentimentEntries.companyId} = ${companyId}`, inArray(sentimentEntries.householdId, ids)))
      .orderBy(asc(sentimentEntries.householdId), asc(sentimentEntries.occurredOn), asc(sentimentEntries.id));
    const byHousehold = new Map<number, typeof rows>();
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
    for (const hid of ids) {
      const list = byHousehold.get(hid) ?? [];
      const folded = foldScores(initialScore, list);
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
