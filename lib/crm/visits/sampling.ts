import { and, count, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { SystemText } from "@/lib/i18n/system-text";
import { households, notifications, visits, visitSamplingRuns } from "@/db/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { CronJob } from "@/lib/jobs/types";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { jsonInsert } from "@/lib/db/json-insert";
import { createOrdersTx } from "@/lib/tickets/create";
import type { Target } from "@/lib/tickets/dispatch";
import { publishedRules } from "../ledger/read";
import { sampleHouseholds } from "../rules/visits";
import { instantOf } from "@/lib/time/zone";
import { quarterOf } from "@/lib/time/quarters";
import { lastDayOf } from "@/lib/time/calendar";

/** Rows per write transaction of the sampling job. */
const BATCH = 250;

/** What the sampling of a month would pick for every butler of the company (read-only). */
export async function planVisitSampling(db: Db, companyId: number, month: string) {
  const quarter = quarterOf(month);
  const rules = await publishedRules(db, companyId);
  const p = householdPlacementSubquery(db, companyId);
  const [placed, earlier] = await Promise.all([
    db
      .select({
        householdId: p.householdId,
        butlerUserId: p.butlerUserId,
        unitId: p.unitId,
        communityId: p.communityId,
      })
      .from(p)
      .innerJoin(
        households,
        and(eq(households.id, p.householdId), eq(households.companyId, companyId), eq(households.active, true)),
      )
      .where(isNotNull(p.butlerUserId)),
    // Sampled by the earlier months of the quarter: this month's own picks (of a crashed or
    // concurrent run) are the same seeded picks again and are skipped by the unique key.
    db
      .select({ householdId: visits.householdId })
      .from(visits)
      .where(and(eq(visits.companyId, companyId), eq(visits.quarter, quarter), lt(visits.sampledMonth, month))),
  ]);
  const sampled = new Set(earlier.map((r) => r.householdId));
  const byButler = new Map<number, typeof placed>();
  for (const r of placed) {
    const list = byButler.get(r.butlerUserId!) ?? [];
    list.push(r);
    byButler.set(r.butlerUserId!, list);
  }
  const picks: VisitPick[] = [];
  for (const [butlerUserId, rows] of [...byButler].sort((a, b) => a[0] - b[0])) {
    const byId = new Map(rows.map((r) => [r.householdId, r]));
    const chosen = sampleHouseholds({
      companyId,
      butlerUserId,
      month,
      householdIds: [...byId.keys()],
      sampledIds: sampled,
      coveragePercent: rules.visits.coveragePercent,
    });
    for (const id of chosen) {
      const r = byId.get(id)!;
      picks.push({
        butlerUserId,
        householdId: id,
        unitId: r.unitId,
        communityId: r.communityId,
        ...visitOrderText(quarter, month),
        assignees: [{ userId: butlerUserId, role: "butler" }],
      });
    }
  }
  return { quarter, picks };
}

/** A sampled household and its butler, with the visit order's placement and wording. */
export interface VisitPick {
  butlerUserId: number;
  householdId: number;
  unitId: number | null;
  communityId: number | null;
  title: string;
  description: string;
  text: SystemText;
  assignees: Target[];
}

/**
 * Writes picked visits: a visits row per pick (skipped when the household already has one this
 * quarter) and, for the rows this call inserted only, a dispatched visit order to the butler,
 * linked back to the row. Returns the picks it created.
 */
export async function dispatchVisitsTx(
  tx: DbOrTx,
  companyId: number,
  spec: { quarter: string; month: string; resolveDueAt: Date },
  batch: readonly VisitPick[],
  now: Date,
): Promise<VisitPick[]> {
  if (!batch.length) return [];
  const v = visits;
  const fresh = (
    await jsonInsert<{ id: number; householdId: number }>(
      tx,
      v,
      [v.companyId, v.householdId, v.butlerUserId, v.quarter, v.sampledMonth, v.createdAt],
      batch.map((b) => [companyId, b.householdId, b.butlerUserId, spec.quarter, spec.month, now.getTime()]),
      { onConflictDoNothing: true, returning: { id: v.id, householdId: v.householdId } },
    )
  ).map((r) => ({ id: Number(r.id), householdId: Number(r.householdId) }));
  if (!fresh.length) return [];
  const freshIds = new Set(fresh.map((f) => f.householdId));
  const orders = batch.filter((b) => freshIds.has(b.householdId));
  // Accepting and visiting are both due by the month's end. The butler is told once for the
  // month ("N visit orders", runVisitSampling), not once per order.
  const ids = await createOrdersTx(
    tx,
    companyId,
    orders.map((o) => ({
      type: "visit" as const,
      source: "system" as const,
      severity: "low" as const,
      householdId: o.householdId,
      unitId: o.unitId,
      communityId: o.communityId,
      title: o.title,
      description: o.description,
      text: o.text,
      acceptDueAt: spec.resolveDueAt,
      resolveDueAt: spec.resolveDueAt,
      assignees: o.assignees,
    })),
    now,
    { actorUserId: null, announce: false },
  );
  const orderOf = new Map(orders.map((o, i) => [o.householdId, ids[i]]));
  // One UPDATE links every new row to its order (CASE on the primary key; the rows are found by id).
  const cases = sql.join(
    fresh.map((f) => sql`when ${f.id} then ${orderOf.get(f.householdId)!}`),
    sql` `,
  );
  await tx
    .update(visits)
    .set({ workOrderId: sql`case ${visits.id} ${cases} end` })
    .where(
      and(
        eq(visits.companyId, companyId),
        inArray(
          visits.id,
          fresh.map((f) => f.id),
        ),
      ),
    );
  return orders;
}

/** The visit order's wording: a message key + params shown in the reader's language, and the Chinese text stored. */
export function visitOrderText(quarter: string, month: string) {
  return {
    title: `回访 ${quarter}`,
    description: `季度回访（${month} 抽样）`,
    text: { key: "visits.order", params: { quarter, month } },
  };
}

/** The deadline of a month's visit orders: the month's last minute in the company's time zone. */
export function visitDueAt(month: string, timeZone: string): Date {
  return instantOf(lastDayOf(month), 23 * 60 + 59, timeZone);
}

/**
 * The monthly visit sampling (SPEC §8.5, §10), as a daily cron job. On the 1st of a month it
 * samples every butler's households up to the month's cumulative target, writes one visits
 * row per pick (unique household + quarter) and dispatches one visit order per pick to the
 * butler (type "visit", source "system"; they accept and work it like any order; accepting and
 * visiting are both due by the month's end, so a month's hundred visits do not escalate the day
 * after sampling). On a later day of the month it catches up only when that month's run has
 * not completed (visit_sampling_runs), e.g. the cron was down on the 1st or crashed midway;
 * the seeded picks are the same, so the catch-up finishes the same sample.
 *
 * Idempotent and overlap-safe: picks depend only on the earlier months' rows and the seed;
 * a visits row that already exists is skipped (onConflictDoNothing) and only rows this run
 * inserted get an order, in the same transaction.
 */
export const runVisitSampling: CronJob = async (db, company, asOf, now) => {
  const companyId = company.id;
  const month = asOf.slice(0, 7);
  const [done] = await db
    .select({ month: visitSamplingRuns.month })
    .from(visitSamplingRuns)
    .where(and(eq(visitSamplingRuns.companyId, companyId), eq(visitSamplingRuns.month, month)));
  if (done) return { visitsSampled: 0, visitOrders: 0 };
  const { quarter, picks } = await planVisitSampling(db, companyId, month);
  const resolveDueAt = visitDueAt(month, company.timeZone);
  let created = 0;
  for (let i = 0; i < picks.length; i += BATCH) {
    const batch = picks.slice(i, i + BATCH);
    created += (
      await db.transaction((tx) => dispatchVisitsTx(tx, companyId, { quarter, month, resolveDueAt }, batch, now))
    ).length;
  }
  await db.transaction(async (tx) => {
    const marked = await tx
      .insert(visitSamplingRuns)
      .values({ companyId, month, sampled: picks.length, completedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!marked.length) return;
    // One inbox line per butler for the month ("N visit orders"), not one per order; counted
    // from the rows so a resumed or concurrent run reports the whole month once.
    const perButler = await tx
      .select({ userId: visits.butlerUserId, count: count() })
      .from(visits)
      .where(and(eq(visits.companyId, companyId), eq(visits.sampledMonth, month), isNotNull(visits.butlerUserId)))
      .groupBy(visits.butlerUserId);
    if (perButler.length)
      await tx.insert(notifications).values(
        perButler.map((r) => ({
          companyId,
          userId: r.userId!,
          kind: "visits.sampled",
          payload: { count: r.count, month },
          href: "/staff/orders?type=visit",
          createdAt: now,
        })),
      );
  });
  return { visitsSampled: created, visitOrders: created };
};
