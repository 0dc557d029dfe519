import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { households, sentimentEntries } from "@/db/schema";
import { DEFAULT_CRM_RULES, type CrmRules } from "@/lib/crm/config";
import { publishedRules } from "@/lib/crm/ledger/read";
import { appendSentimentEntries, type NewSentimentEntry } from "@/lib/crm/ledger/write";
import { whatIfCounts, type LedgerFact } from "@/lib/crm/rules/whatif";
import { startWhatIf, whatIfBusyFor, whatIfKey, whatIfPreview, whatIfState } from "@/lib/crm/rulesets/whatif-run";
import type { Db } from "@/lib/db/client";
import { settled } from "@/lib/jobs/progress";
import { createCompany, createEstate } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/** Several keyset pages of the what-if (500 households each), so paging and slicing are exercised. */
const N = 2300;
const COMPLAINTS = ["invalid", "general", "medium", "major"] as const;

/** A deterministic ledger: arrears steps, complaints, gold badges and corrections spread over households. */
function ledgerFor(ids: readonly number[]): NewSentimentEntry[] {
  const out: NewSentimentEntry[] = [];
  ids.forEach((householdId, i) => {
    const steps = DEFAULT_CRM_RULES.arrears.steps.slice(0, i % 7);
    steps.forEach((s, k) =>
      out.push({
        householdId,
        occurredOn: `2026-0${1 + k}-10`,
        rule: "arrears",
        step: s.key,
        points: s.points,
        dedupeKey: `a-${s.key}`,
        messageKey: "arrears",
      }),
    );
    if (i % 5 === 0)
      out.push({
        householdId,
        occurredOn: "2026-08-01",
        rule: "complaint",
        step: COMPLAINTS[i % 4],
        points: -((i % 40) + 1),
        dedupeKey: "c",
        messageKey: "complaint",
      });
    if (i % 11 === 0)
      out.push({
        householdId,
        occurredOn: "2026-09-01",
        rule: "gold_badge",
        points: 5,
        dedupeKey: "g",
        messageKey: "gold",
      });
    if (i % 13 === 0)
      out.push({
        householdId,
        occurredOn: "2026-09-02",
        rule: "correction",
        points: 7,
        dedupeKey: "x",
        messageKey: "correction",
        reason: "test",
      });
  });
  return out;
}

async function bigCompany(db: Db) {
  const c = await createCompany(db);
  const estate = await createEstate(db, c.companyId, { n: N });
  const entries = ledgerFor(estate.households.map((h) => h.id));
  await db.transaction((tx) => appendSentimentEntries(tx, c.companyId, 100, entries));
  return { ...c, estate };
}

/** The unsliced computation: every active household's ledger in one query, folded at once. */
async function unsliced(db: Db, companyId: number, draft: CrmRules) {
  const hs = await db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.companyId, companyId), eq(households.active, true)));
  const rows = await db
    .select({
      householdId: sentimentEntries.householdId,
      rule: sentimentEntries.rule,
      step: sentimentEntries.step,
      points: sentimentEntries.points,
    })
    .from(sentimentEntries)
    .where(eq(sentimentEntries.companyId, companyId))
    .orderBy(asc(sentimentEntries.householdId), asc(sentimentEntries.occurredOn), asc(sentimentEntries.id));
  const by = new Map<number, LedgerFact[]>(hs.map((h) => [h.id, []]));
  for (const r of rows) by.get(r.householdId)?.push(r);
  return whatIfCounts(by.values(), await publishedRules(db, companyId), draft);
}

function draftRules(): CrmRules {
  const d = structuredClone(DEFAULT_CRM_RULES);
  d.initialScore = 92;
  d.gold.points = 12;
  d.complaints.major = { ...d.complaints.major, min: -15 };
  d.arrears.steps = d.arrears.steps.map((s) => ({ ...s, points: s.points * 2 }));
  return d;
}

describe("long work with progress (issue 16 point 7): the what-if job", () => {
  let db: Db;
  let a: Awaited<ReturnType<typeof bigCompany>>;
  let b: Awaited<ReturnType<typeof bigCompany>>;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    a = await bigCompany(db);
    b = await bigCompany(db);
    // One of B's households leaves: it no longer counts.
    await db.update(households).set({ active: false }).where(eq(households.id, b.estate.households[0].id));
  }, 120_000);

  it("the sliced, paged preview equals the unsliced computation and reports progress up to the total", async () => {
    const draft = draftRules();
    const seen: [number, number][] = [];
    const sliced = await whatIfPreview(db, a.companyId, draft, (done, total) => seen.push([done, total]));
    const whole = await unsliced(db, a.companyId, draft);
    expect(sliced).toEqual(whole);
    expect(sliced.total).toBe(N);
    expect(sliced.moved).toBeGreaterThan(0);
    expect(seen[0]).toEqual([0, N]);
    expect(seen.at(-1)).toEqual([N, N]);
    // Progress is reported per page, and never goes back.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
  });

  it("a second start for the same draft joins the running job, another draft is refused; the result arrives", async () => {
    const draft = draftRules();
    const first = startWhatIf(db, a.companyId, draft);
    expect(first.outcome).toBe("started");
    // The same rules with keys in another order are the same draft.
    const reordered = Object.fromEntries(Object.entries(draft).reverse()) as CrmRules;
    const second = startWhatIf(db, a.companyId, reordered);
    expect(second.outcome).toBe("joined");
    const other = { ...draft, initialScore: 80 };
    expect(startWhatIf(db, a.companyId, other)).toEqual({ outcome: "busy" });
    expect(whatIfBusyFor(a.companyId, other)).toBe(true);
    expect(whatIfBusyFor(a.companyId, draft)).toBe(false);
    expect(whatIfState(a.companyId)?.status).toBe("running");
    await settled(whatIfKey(a.companyId));
    const done = whatIfState(a.companyId);
    expect(done).toMatchObject({ status: "done", done: N, total: N });
    expect(done?.result).toEqual(await unsliced(db, a.companyId, draft));
    // Once finished, another draft may run.
    expect(startWhatIf(db, a.companyId, other).outcome).toBe("started");
    await settled(whatIfKey(a.companyId));
    expect(whatIfState(a.companyId)?.result).toEqual(await unsliced(db, a.companyId, other));
  });

  it("is scoped to the company: another company's job and counts are its own", async () => {
    const draft = draftRules();
    const fresh = await createCompany(db);
    expect(whatIfState(fresh.companyId)).toBeNull();
    startWhatIf(db, b.companyId, draft);
    // A's finished job is untouched by B's run, and B's is not visible as A's.
    expect(whatIfState(a.companyId)?.status).toBe("done");
    expect(whatIfState(fresh.companyId)).toBeNull();
    await settled(whatIfKey(b.companyId));
    const res = whatIfState(b.companyId)?.result;
    expect(res?.total).toBe(N - 1);
    expect(res).toEqual(await unsliced(db, b.companyId, draft));
  });
});
