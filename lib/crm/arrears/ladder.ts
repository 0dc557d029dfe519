import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import { arrearsEpisodes, ladderFirings } from "@/db/schema";
import { monthsInArrearsAsOf } from "@/lib/billing/queries/arrears";
import { replayCutoff } from "@/lib/time/zone";
import type { CronCompany, CronJob } from "@/lib/jobs/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { disputedHouseholds } from "../disputes/queries";
import { legalConfirmationOn } from "../notices/delivery";
import { publishedRules } from "../ledger/read";
import { evaluateArrears } from "../rules/arrears";
import { batchFacts, peopleOf, usersWithRole } from "./people";
import { noTotals, type ChunkContext, type Plan, type Totals } from "./types";
import { writeChunkTx } from "./write";
import { readInPages, timeSlicer } from "@/lib/jobs/slice";

/**
 * The daily arrears ladder (SPEC §8.3, §10) for one company on `asOf`.
 *
 * Reads are set-based (months in arrears of every household, the open episodes and their
 * firings: three queries), the pure rule decides per household, and the writes go in
 * short transactions of CHUNK households each (./write.ts), resumable from the ladder's own
 * marks — the firings, unique per household, episode, step and occurrence — so a crash leaves
 * whole chunks done and a re-run picks up the rest. Within a chunk: episodes started/ended,
 * firings inserted with onConflictDoNothing, and only for the firings actually inserted:
 * notice numbers (gapless), notices, ledger entries, resident inbox entries, collection work
 * orders (through the tickets' one writer: assignees and the dispatch message), and for the
 * legal step the legal case and the legal department's inbox. A second run for the same date,
 * or a run overlapping another, writes nothing twice.
 */

export const CHUNK = 500;

/**
 * The open episodes of the company with their firings: a page of episodes at a time (keyset,
 * lib/jobs/slice.ts readInPages), each page's firings by their households (the firings' unique
 * index), so no read maps more than a few thousand rows on the event loop.
 */
async function openEpisodes(db: DbOrTx, companyId: number) {
  const byHousehold = new Map<number, { id: number; fired: { stepKey: string; occurrence: number }[] }>();
  await readInPages(
    async (after, limit) => {
      const page = await db
        .select({ id: arrearsEpisodes.id, householdId: arrearsEpisodes.householdId })
        .from(arrearsEpisodes)
        .where(
          and(eq(arrearsEpisodes.companyId, companyId), isNull(arrearsEpisodes.endedOn), gt(arrearsEpisodes.id, after)),
        )
        .orderBy(asc(arrearsEpisodes.id))
        .limit(limit);
      if (!page.length) return page;
      const fired = await db
        .select({
          householdId: ladderFirings.householdId,
          stepKey: ladderFirings.stepKey,
          occurrence: ladderFirings.occurrence,
        })
        .from(ladderFirings)
        .where(
          and(
            eq(ladderFirings.companyId, companyId),
            inArray(
              ladderFirings.householdId,
              page.map((e) => e.householdId),
            ),
            inArray(
              ladderFirings.episodeId,
              page.map((e) => e.id),
            ),
          ),
        );
      for (const e of page) byHousehold.set(e.householdId, { id: e.id, fired: [] });
      for (const f of fired)
        byHousehold.get(f.householdId)?.fired.push({ stepKey: f.stepKey, occurrence: f.occurrence });
      return page;
    },
    (e) => e.id,
  );
  return byHousehold;
}

export const runArrearsLadder: CronJob = (db, company, asOf, now) => runLadder(db, company, asOf, now);

/** Each household's decision today (only those with something to do), by household id; sliced (lib/jobs/slice.ts). */
async function planHouseholds(
  steps: Parameters<typeof evaluateArrears>[0],
  arrears: Map<number, { months: number; owedFen: number }>,
  episodes: Awaited<ReturnType<typeof openEpisodes>>,
  paused: ReadonlySet<number>,
  only?: ReadonlySet<number>,
): Promise<Plan[]> {
  const plans: Plan[] = [];
  const pause = timeSlicer();
  for (const hid of new Set([...arrears.keys(), ...episodes.keys()])) {
    if (only && !only.has(hid)) continue;
    await pause();
    const a = arrears.get(hid) ?? { months: 0, owedFen: 0 };
    const ep = episodes.get(hid);
    const decision = evaluateArrears(steps, {
      months: a.months,
      openEpisode: ep ? { id: ep.id } : null,
      fired: ep?.fired ?? [],
      paused: paused.has(hid),
    });
    if (decision.startEpisode || decision.endEpisode || decision.firings.length)
      plans.push({ householdId: hid, months: a.months, owedFen: a.owedFen, decision });
  }
  return plans.sort((a, b) => a.householdId - b.householdId);
}

/**
 * The ladder for the company, optionally limited to some households (a support tool and the
 * e2e helper use that; the cron always runs every household). `onChunk` sees each chunk's
 * write-transaction time (the bench reports the longest).
 */
export async function runLadder(
  db: Db,
  company: CronCompany,
  asOf: string,
  now: Date,
  only?: ReadonlySet<number>,
  onChunk?: (ms: number) => void,
): Promise<Totals> {
  const companyId = company.id;
  const rules = await publishedRules(db, companyId);
  // A past date (catch-up, replay) counts only the money received by the end of that day.
  const cutoff = replayCutoff(asOf, company.timeZone);
  const [arrears, episodes, paused] = await Promise.all([
    monthsInArrearsAsOf(db, companyId, asOf, cutoff),
    openEpisodes(db, companyId),
    disputedHouseholds(db, companyId),
  ]);
  const plans = await planHouseholds(rules.arrears.steps, arrears, episodes, paused, only);
  const totals = { ...noTotals(), households: arrears.size };
  if (!plans.length) return totals;
  const firingIds = (xs: readonly Plan[]) => xs.filter((p) => p.decision.firings.length).map((p) => p.householdId);
  const shared = {
    companyId,
    asOf,
    now,
    initialScore: rules.initialScore,
    legalUsers: await usersWithRole(db, companyId, "legal"),
    holdLetters: await legalConfirmationOn(db, companyId),
    people: await peopleOf(db, companyId, firingIds(plans)),
  };
  for (let i = 0; i < plans.length; i += CHUNK) {
    const chunk = plans.slice(i, i + CHUNK);
    const ids = firingIds(chunk);
    const facts = ids.length
      ? await batchFacts(db, companyId, asOf, cutoff, ids)
      : { residents: new Map(), unpaid: new Map() };
    const ctx: ChunkContext = { ...shared, ...facts };
    const started = performance.now();
    const r = await db.transaction((tx) => writeChunkTx(tx, ctx, chunk));
    onChunk?.(performance.now() - started);
    for (const k of Object.keys(r) as (keyof Totals)[]) if (k !== "households") totals[k] += r[k];
  }
  return totals;
}
