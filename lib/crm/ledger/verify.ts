import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { households, householdScores, sentimentEntries } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { clampScore } from "../bands";
import { publishedRules } from "./read";
import { companyIs } from "../sql";

/**
 * `npm run sentiment:verify` (§8.6 "everything recomputes from the ledger"): folds every
 * household's ledger in (occurredOn, id) order from the company's initial score, clamping
 * after each entry, and compares with each entry's score_after and the household_scores
 * cache. Streams households in keyset pages of 2,000 (two queries per page).
 */
export interface VerifyMismatch {
  kind: "entry" | "cache" | "cache_missing";
  householdId: number;
  entryId?: number;
  expected: number;
  actual: number | null;
}

export interface VerifyResult {
  companyId: number;
  households: number;
  entries: number;
  mismatchedEntries: number;
  mismatchedScores: number;
  mismatches: VerifyMismatch[];
}

const PAGE = 2000;

export async function verifyCompany(db: DbOrTx, companyId: number, keep = 50): Promise<VerifyResult> {
  const rules = await publishedRules(db, companyId);
  const initial = clampScore(rules.initialScore);
  const out: VerifyResult = {
    companyId,
    households: 0,
    entries: 0,
    mismatchedEntries: 0,
    mismatchedScores: 0,
    mismatches: [],
  };
  const note = (m: VerifyMismatch) => {
    if (out.mismatches.length < keep) out.mismatches.push(m);
  };
  let after = 0;
  for (;;) {
    const page = await db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.companyId, companyId), gt(households.id, after)))
      .orderBy(asc(households.id))
      .limit(PAGE);
    if (!page.length) break;
    const ids = page.map((p) => p.id);
    after = ids[ids.length - 1];
    const [rows, cache] = await Promise.all([
      db
        .select({
          id: sentimentEntries.id,
          householdId: sentimentEntries.householdId,
          points: sentimentEntries.points,
          scoreAfter: sentimentEntries.scoreAfter,
        })
        .from(sentimentEntries)
        .where(and(companyIs(sentimentEntries.companyId, companyId), inArray(sentimentEntries.householdId, ids)))
        .orderBy(asc(sentimentEntries.householdId), asc(sentimentEntries.occurredOn), asc(sentimentEntries.id)),
      db
        .select({ householdId: householdScores.householdId, score: householdScores.score })
        .from(householdScores)
        .where(and(companyIs(householdScores.companyId, companyId), inArray(householdScores.householdId, ids))),
    ]);
    const cached = new Map<number, number>(cache.map((c) => [Number(c.householdId), Number(c.score)]));
    const expected = new Map<number, number>();
    let current = -1;
    let s = initial;
    for (const r of rows) {
      if (r.householdId !== current) {
        current = r.householdId;
        s = initial;
      }
      s = clampScore(s + r.points);
      out.entries++;
      if (r.scoreAfter !== s) {
        out.mismatchedEntries++;
        note({ kind: "entry", householdId: r.householdId, entryId: r.id, expected: s, actual: r.scoreAfter });
      }
      expected.set(r.householdId, s);
    }
    for (const id of ids) {
      out.households++;
      const want = expected.get(id);
      const have = cached.get(id);
      if (want === undefined) {
        // No entries: a cache row, if any, must hold the initial score.
        if (have !== undefined && have !== initial) {
          out.mismatchedScores++;
          note({ kind: "cache", householdId: id, expected: initial, actual: have });
        }
      } else if (have === undefined) {
        out.mismatchedScores++;
        note({ kind: "cache_missing", householdId: id, expected: want, actual: null });
      } else if (have !== want) {
        out.mismatchedScores++;
        note({ kind: "cache", householdId: id, expected: want, actual: have });
      }
    }
  }
  return out;
}
