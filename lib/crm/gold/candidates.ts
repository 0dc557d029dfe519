import { and, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import { allocations, bills, creditEntries, goldBadges, households } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Set-based prefilter of the daily gold catch-up, a few queries per run: households with credit
 * (as of the day) covering the threshold × their latest monthly bill, owing nothing, holding no
 * badge on the day. The exact rule (householdPaidAheadMonths) then runs per candidate in its
 * transaction (./award.ts runGoldAward).
 */
export async function goldCandidates(
  db: DbOrTx,
  companyId: number,
  asOf: string,
  cutoff: Date | null,
  prepaidMonths: number,
): Promise<{ id: number }[]> {
  const credits = await db
    .select({ householdId: creditEntries.householdId, fen: sql<number>`sum(${creditEntries.amountFen})` })
    .from(creditEntries)
    .where(and(eq(creditEntries.companyId, companyId), cutoff ? lt(creditEntries.createdAt, cutoff) : undefined))
    .groupBy(creditEntries.householdId)
    .having(sql`sum(${creditEntries.amountFen}) > 0`);
  const creditOf = new Map(credits.map((c) => [Number(c.householdId), Number(c.fen)]));
  const facts = { owing: new Set<number>(), latest: new Map<number, number>(), badged: new Set<number>() };
  const ids = [...creditOf.keys()];
  for (let k = 0; k < ids.length; k += 500) await partFacts(db, companyId, asOf, cutoff, ids.slice(k, k + 500), facts);
  const { owing, latest, badged } = facts;
  // Read by parts too: one statement naming 20,000 ids was a long stretch of the event loop.
  const activeHouseholds = new Set<number>();
  for (let k = 0; k < ids.length; k += 500)
    for (const h of await db
      .select({ id: households.id })
      .from(households)
      .where(
        and(
          eq(households.companyId, companyId),
          eq(households.active, true),
          inArray(households.id, ids.slice(k, k + 500)),
        ),
      ))
      activeHouseholds.add(h.id);
  const candidates = ids
    .filter(
      (id) =>
        activeHouseholds.has(id) &&
        !owing.has(id) &&
        !badged.has(id) &&
        creditOf.get(id)! >= prepaidMonths * (latest.get(id) ?? 0),
    )
    .sort((a, b) => a - b)
    .map((id) => ({ id }));
  return candidates;
}

/** For one part of the households with credit: who owes, their latest monthly bill, who holds a badge on asOf. */
async function partFacts(
  db: DbOrTx,
  companyId: number,
  asOf: string,
  cutoff: Date | null,
  part: number[],
  out: { owing: Set<number>; latest: Map<number, number>; badged: Set<number> },
) {
  const { owing, latest, badged } = out;
  const at = cutoff ? cutoff.getTime() : null;
  const allocatedBy =
    at === null
      ? sql<number>`${bills.allocatedFen}`
      : sql<number>`coalesce((select sum(a.amount_fen) from ${allocations} a where a.bill_id = ${bills.id} and a.created_at < ${at}), 0)`;
  // "+company_id": still scoped to the company, but the planner reads the household index
  // for the id list instead of every bill of the company.
  const sameCompany = sql`+${bills.companyId} = ${companyId}`;
  const open = await db
    .selectDistinct({ householdId: bills.householdId })
    .from(bills)
    .where(
      and(
        sameCompany,
        inArray(bills.householdId, part),
        eq(bills.voided, false),
        cutoff ? lt(bills.createdAt, cutoff) : undefined,
        sql`${bills.linesFen} + ${bills.adjustmentFen} > ${allocatedBy}`,
      ),
    );
  for (const o of open) owing.add(o.householdId);
  const lastBills = await db
    .select({ householdId: bills.householdId, period: bills.period, linesFen: bills.linesFen })
    .from(bills)
    .where(
      and(
        sameCompany,
        inArray(bills.householdId, part),
        eq(bills.kind, "monthly"),
        eq(bills.voided, false),
        cutoff ? lt(bills.createdAt, cutoff) : undefined,
      ),
    );
  const seen = new Map<number, string>();
  for (const b of lastBills)
    if ((seen.get(b.householdId) ?? "") < b.period) {
      seen.set(b.householdId, b.period);
      latest.set(b.householdId, b.linesFen);
    }
  const active = await db
    .select({ householdId: goldBadges.householdId })
    .from(goldBadges)
    .where(
      and(
        eq(goldBadges.companyId, companyId),
        inArray(goldBadges.householdId, part),
        lte(goldBadges.awardedOn, asOf),
        gt(goldBadges.expiresOn, asOf),
        isNull(goldBadges.expiredAt),
      ),
    );
  for (const a of active) badged.add(a.householdId);
}
