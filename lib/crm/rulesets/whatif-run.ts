import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import { households, sentimentEntries } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { startJob, jobState, type JobState, type Progress, type StartOutcome } from "@/lib/jobs/progress";
import { timeSlicer } from "@/lib/jobs/slice";
import type { CrmRules } from "../config";
import { publishedRules } from "../ledger/read";
import { WhatIf, type LedgerFact } from "../rules/whatif";
import { companyIs } from "../sql";

/**
 * Households per keyset page: two set-based queries per page, never the whole company in
 * memory. Turning a page's rows into objects is one synchronous stretch on the event loop: at
 * 2,000 households it stalled the loop 114 ms (bench:long), at 500 it stays under the target.
 */
const PAGE = 500;

export type WhatIfResult = ReturnType<WhatIf["result"]>;

const activeOf = (companyId: number) => and(eq(households.companyId, companyId), eq(households.active, true));

/** One keyset page of active households after `after`, with their ledger entries in fold order. */
async function ledgerPage(db: DbOrTx, companyId: number, after: number) {
  const page = await db
    .select({ id: households.id })
    .from(households)
    .where(and(activeOf(companyId), gt(households.id, after)))
    .orderBy(asc(households.id))
    .limit(PAGE);
  const ids = page.map((p) => p.id);
  const rows = ids.length
    ? await db
        .select({
          householdId: sentimentEntries.householdId,
          rule: sentimentEntries.rule,
          step: sentimentEntries.step,
          points: sentimentEntries.points,
        })
        .from(sentimentEntries)
        .where(and(companyIs(sentimentEntries.companyId, companyId), inArray(sentimentEntries.householdId, ids)))
        .orderBy(asc(sentimentEntries.householdId), asc(sentimentEntries.occurredOn), asc(sentimentEntries.id))
    : [];
  return { ids, rows };
}

/**
 * The what-if preview: every active household's ledger replayed under the current rules and
 * under `draft`, counted per band. Keyset pages of households; the JavaScript between queries
 * yields to the event loop every slice (`pause`, lib/jobs/slice), and `progress` hears
 * households done of the total after every page.
 */
export async function whatIfPreview(
  db: DbOrTx,
  companyId: number,
  draft: CrmRules,
  progress: Progress = () => {},
  pause: () => Promise<void> = timeSlicer(),
): Promise<WhatIfResult> {
  const current = await publishedRules(db, companyId);
  const [{ total }] = await db.select({ total: count() }).from(households).where(activeOf(companyId));
  const w = new WhatIf(current, draft);
  progress(0, total);
  let after = 0;
  for (;;) {
    const { ids, rows } = await ledgerPage(db, companyId, after);
    if (!ids.length) break;
    const byHousehold = new Map<number, LedgerFact[]>();
    for (const r of rows) {
      const list = byHousehold.get(r.householdId);
      if (list) list.push(r);
      else byHousehold.set(r.householdId, [r]);
      await pause();
    }
    for (const id of ids) {
      w.add(byHousehold.get(id) ?? []);
      await pause();
    }
    after = ids[ids.length - 1];
    progress(w.total, Math.max(total, w.total));
  }
  return w.result();
}

/** The draft as the job's input: JSON with sorted keys, so the same rules always compare equal. */
function fingerprint(draft: CrmRules): string {
  return JSON.stringify(draft, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

/** The company's what-if job key: one preview per company at a time. */
export const whatIfKey = (companyId: number) => `crm.whatif:${companyId}`;

/**
 * Starts the company's what-if preview of `draft` in the background (or joins the one running
 * for the same draft; "busy" while one runs for another draft).
 */
export function startWhatIf(db: DbOrTx, companyId: number, draft: CrmRules): StartOutcome<WhatIfResult> {
  return startJob(whatIfKey(companyId), fingerprint(draft), (progress) =>
    whatIfPreview(db, companyId, draft, progress),
  );
}

/** The company's latest what-if job (running or finished), or null. */
export function whatIfState(companyId: number): JobState<WhatIfResult> | null {
  const state = jobState<WhatIfResult>(whatIfKey(companyId));
  if (!state) return null;
  const { status, done, total, result } = state;
  return { status, done, total, result };
}

/** True while a preview of another draft runs for the company (a save now would be refused). */
export function whatIfBusyFor(companyId: number, draft: CrmRules): boolean {
  const state = jobState(whatIfKey(companyId));
  return state?.status === "running" && state.input !== fingerprint(draft);
}
