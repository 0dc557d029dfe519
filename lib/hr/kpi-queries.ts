import { and, eq, gte, inArray, isNotNull, lt, ne, sql } from "drizzle-orm";
import { householdScores, households, visits, workOrderAssignees, workOrders } from "@/db/schema";
import { collectionReport } from "@/lib/billing/queries/reports";
import { publishedRules } from "@/lib/crm/ledger/read";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import {
  butlerKpis,
  parsePeriod,
  technicianKpis,
  type AssessedRole,
  type ButlerCounts,
  type Kpis,
  type TechnicianCounts,
} from "./kpi";
import { instantOf } from "@/lib/time/zone";
import { inspectionKpis } from "./kpi-inspections";

/**
 * The KPIs of every given person for a period, computed set-based (a handful of grouped
 * queries, whatever the number of people). A butler's households are those the registry
 * places with them today (householdPlacementSubquery); periods are local dates in `timeZone`.
 */
export async function computeKpis(
  db: DbOrTx,
  companyId: number,
  role: AssessedRole,
  period: string,
  timeZone: string,
  userIds: number[],
): Promise<Map<number, Kpis>> {
  const p = parsePeriod(period);
  if (!p || userIds.length === 0) return new Map();
  const fromAt = instantOf(p.from, 0, timeZone);
  const toAt = instantOf(p.to, 0, timeZone);
  const [kpis, inspected] = await Promise.all([
    role === "butler"
      ? butlerKpiMap(db, companyId, p.months, fromAt, toAt, userIds)
      : technicianKpiMap(db, companyId, fromAt, toAt, userIds),
    inspectionKpis(db, companyId, role, p.months, userIds),
  ]);
  return new Map<number, Kpis>([...kpis].map(([id, k]) => [id, { ...k, inspectionPct: inspected.get(id) ?? null }]));
}

async function butlerKpiMap(
  db: DbOrTx,
  companyId: number,
  months: string[],
  fromAt: Date,
  toAt: Date,
  userIds: number[],
) {
  const placement = householdPlacementSubquery(db, companyId);
  const mine = inArray(placement.butlerUserId, userIds);
  const [rules, sentiment, visited, collection, complaints] = await Promise.all([
    publishedRules(db, companyId),
    db
      .select({
        butler: placement.butlerUserId,
        households: sql<number>`count(*)`,
        scored: sql<number>`count(${householdScores.score})`,
        scoreSum: sql<number>`coalesce(sum(${householdScores.score}), 0)`,
      })
      .from(placement)
      .innerJoin(
        households,
        and(eq(households.id, placement.householdId), eq(households.companyId, companyId), eq(households.active, true)),
      )
      .leftJoin(
        householdScores,
        and(eq(householdScores.householdId, placement.householdId), eq(householdScores.companyId, companyId)),
      )
      .where(mine)
      .groupBy(sql`${placement.butlerUserId}`),
    db
      .select({ butler: placement.butlerUserId, visited: sql<number>`count(distinct ${visits.householdId})` })
      .from(visits)
      .innerJoin(placement, eq(placement.householdId, visits.householdId))
      .innerJoin(households, and(eq(households.id, visits.householdId), eq(households.active, true)))
      .where(and(eq(visits.companyId, companyId), gte(visits.visitedAt, fromAt), lt(visits.visitedAt, toAt), mine))
      .groupBy(sql`${placement.butlerUserId}`),
    collectionReport(db, companyId, months[0], months[months.length - 1], "butler"),
    db
      .select({
        butler: placement.butlerUserId,
        withSla: sql<number>`count(*)`,
        met: sql<number>`sum(case when ${workOrders.resolvedAt} <= ${workOrders.resolveDueAt} then 1 else 0 end)`,
      })
      .from(workOrders)
      .innerJoin(placement, eq(placement.householdId, workOrders.householdId))
      .where(
        and(
          eq(workOrders.companyId, companyId),
          eq(workOrders.type, "complaint"),
          isNotNull(workOrders.resolveDueAt),
          gte(workOrders.resolvedAt, fromAt),
          lt(workOrders.resolvedAt, toAt),
          mine,
        ),
      )
      .groupBy(sql`${placement.butlerUserId}`),
  ]);
  const counts = butlerCounts(userIds, sentiment, visited, collection, complaints);
  return new Map<number, Kpis>([...counts].map(([id, c]) => [id, butlerKpis(c, rules.initialScore)]));
}

type Num = number | string | null;

/** Per butler, the counts the KPIs are computed from (zero where a query found nothing). */
function butlerCounts(
  userIds: number[],
  sentiment: { butler: Num; households: Num; scored: Num; scoreSum: Num }[],
  visited: { butler: Num; visited: Num }[],
  collection: { key: Num; billedFen: number; collectedFen: number }[],
  complaints: { butler: Num; withSla: Num; met: Num }[],
) {
  const counts = new Map<number, ButlerCounts>(
    userIds.map((id) => [
      id,
      {
        households: 0,
        scored: 0,
        scoreSum: 0,
        visited: 0,
        billedFen: 0,
        collectedFen: 0,
        complaintsWithSla: 0,
        complaintsMet: 0,
      },
    ]),
  );
  for (const r of sentiment)
    Object.assign(counts.get(Number(r.butler)) ?? {}, {
      households: Number(r.households),
      scored: Number(r.scored),
      scoreSum: Number(r.scoreSum),
    });
  for (const r of visited) Object.assign(counts.get(Number(r.butler)) ?? {}, { visited: Number(r.visited) });
  for (const r of collection)
    if (r.key != null)
      Object.assign(counts.get(Number(r.key)) ?? {}, { billedFen: r.billedFen, collectedFen: r.collectedFen });
  for (const r of complaints)
    Object.assign(counts.get(Number(r.butler)) ?? {}, {
      complaintsWithSla: Number(r.withSla),
      complaintsMet: Number(r.met ?? 0),
    });
  return counts;
}

async function technicianKpiMap(db: DbOrTx, companyId: number, fromAt: Date, toAt: Date, userIds: number[]) {
  const inPeriod = (col: typeof workOrders.resolvedAt | typeof workOrderAssignees.assignedAt) =>
    and(gte(col, fromAt), lt(col, toAt));
  const [done, assigned] = await Promise.all([
    db
      .select({
        userId: workOrderAssignees.userId,
        completed: sql<number>`count(distinct ${workOrders.id})`,
        withSla: sql<number>`sum(case when ${workOrders.resolveDueAt} is not null then 1 else 0 end)`,
        met: sql<number>`sum(case when ${workOrders.resolveDueAt} is not null and ${workOrders.resolvedAt} <= ${workOrders.resolveDueAt} then 1 else 0 end)`,
        rated: sql<number>`count(${workOrders.rating})`,
        ratingSum: sql<number>`coalesce(sum(${workOrders.rating}), 0)`,
      })
      .from(workOrderAssignees)
      .innerJoin(
        workOrders,
        and(eq(workOrders.id, workOrderAssignees.workOrderId), eq(workOrders.companyId, companyId)),
      )
      .where(
        and(
          eq(workOrderAssignees.companyId, companyId),
          eq(workOrderAssignees.role, "technician"),
          inArray(workOrderAssignees.userId, userIds),
          ne(workOrders.status, "cancelled"),
          inPeriod(workOrders.resolvedAt),
        ),
      )
      .groupBy(workOrderAssignees.userId),
    db
      .select({ userId: workOrderAssignees.userId, n: sql<number>`count(*)` })
      .from(workOrderAssignees)
      .where(
        and(
          eq(workOrderAssignees.companyId, companyId),
          eq(workOrderAssignees.role, "technician"),
          inArray(workOrderAssignees.userId, userIds),
          inPeriod(workOrderAssignees.assignedAt),
        ),
      )
      .groupBy(workOrderAssignees.userId),
  ]);
  const counts = new Map<number, TechnicianCounts>(
    userIds.map((id) => [id, { assigned: 0, completed: 0, withSla: 0, met: 0, rated: 0, ratingSum: 0 }]),
  );
  for (const r of done)
    Object.assign(counts.get(r.userId) ?? {}, {
      completed: Number(r.completed),
      withSla: Number(r.withSla ?? 0),
      met: Number(r.met ?? 0),
      rated: Number(r.rated),
      ratingSum: Number(r.ratingSum),
    });
  for (const r of assigned) Object.assign(counts.get(r.userId) ?? {}, { assigned: Number(r.n) });
  return new Map<number, Kpis>([...counts].map(([id, c]) => [id, technicianKpis(c)]));
}
