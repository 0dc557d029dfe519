import { sql } from "drizzle-orm";
import { crmScoreMoves } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/*
 * crm_score_moves (db/schema/crm.ts): the company's score timeline as moves, kept by the ledger's
 * one writer (lib/crm/ledger.ts recomputeScores) in its transaction: it hands over each
 * household's entries before and after the recomputation, and the difference is written here.
 */

/** "day|score" → signed households. */
export type Moves = Map<string, number>;

/**
 * Adds one household's moves (sign +1) or removes them (sign −1): for each day it has entries
 * (sorted by day, id), +1 at the day's last score and −1 at the previous day's last score.
 */
export function addMoves(
  into: Moves,
  entries: readonly { occurredOn: string; scoreAfter: number }[],
  sign: 1 | -1,
): void {
  const add = (day: string, score: number, d: number) => {
    const k = `${day}|${score}`;
    into.set(k, (into.get(k) ?? 0) + d * sign);
  };
  let prev: number | null = null;
  entries.forEach((e, i) => {
    if (i + 1 < entries.length && entries[i + 1].occurredOn === e.occurredOn) return;
    if (prev !== null) add(e.occurredOn, prev, -1);
    add(e.occurredOn, e.scoreAfter, 1);
    prev = e.scoreAfter;
  });
}

/** Writes the non-zero moves (upsert, summing). */
export async function applyMoves(tx: DbOrTx, companyId: number, moves: Moves): Promise<void> {
  const rows = [...moves].filter(([, n]) => n !== 0);
  for (let i = 0; i < rows.length; i += 300) {
    const part = rows.slice(i, i + 300).map(([k, n]) => {
      const [day, score] = k.split("|");
      return { companyId, day, score: Number(score), households: n };
    });
    await tx
      .insert(crmScoreMoves)
      .values(part)
      .onConflictDoUpdate({
        target: [crmScoreMoves.companyId, crmScoreMoves.day, crmScoreMoves.score],
        set: { households: sql`${crmScoreMoves.households} + excluded.households` },
      });
  }
}
