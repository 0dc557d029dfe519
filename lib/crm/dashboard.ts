import { and, asc, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { buildings, households, householdScores, sentimentEntries, units, users } from "@/db/schema";
import { arrearsSubquery } from "@/lib/billing/queries/arrears";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { visibleHouseholds } from "@/lib/registry/view";
import { bandOf } from "./bands";
import { BANDS, type Band, type CrmRules } from "./config";
import { ENTRY_ALIAS_E, companyIs } from "./sql";
import { addDays, weekStart } from "@/lib/time/calendar";
import { companyBandDistribution } from "./summary/score-counts";
import { companyWeeklyTrend } from "./summary/weekly-trend";

/**
 * The sentiment dashboard (§8.6), every figure recomputed from the ledger and its cache,
 * set-based, and limited to the households the viewer may see (lib/registry/access.ts).
 */

/** Roles that open the dashboard; each sees only its visible households. */
export const CRM_DASHBOARD_ROLES = ["admin", "project_manager", "supervisor", "butler", "front_desk"] as const;

const bandSql = (score: SQL, f: CrmRules["bandFloors"]) =>
  sql<Band>`case when ${score} >= ${f.excellent} then 'excellent' when ${score} >= ${f.good} then 'good' when ${score} >= ${f.fair} then 'fair' when ${score} >= ${f.poor} then 'poor' else 'critical' end`;

/** The visible active households of the company, as a query of ids. */
function visibleIds(db: DbOrTx, companyId: number, view: RegistryView) {
  const p = householdPlacementSubquery(db, companyId);
  return db
    .select({ id: households.id })
    .from(households)
    .leftJoin(p, eq(p.householdId, households.id))
    .where(and(eq(households.companyId, companyId), eq(households.active, true), visibleHouseholds(view, p)));
}

/** Band distribution of the visible active households: from the score histogram when the viewer sees the whole company. */
export async function bandDistribution(db: DbOrTx, companyId: number, view: RegistryView, rules: CrmRules) {
  if (view.kind === "all") return companyBandDistribution(db, companyId, rules);
  return bandDistributionScan(db, companyId, view, rules);
}

/** Band distribution computed from the households and their cached scores (the histogram's definition). */
export async function bandDistributionScan(db: DbOrTx, companyId: number, view: RegistryView, rules: CrmRules) {
  const score = sql`coalesce(${householdScores.score}, ${rules.initialScore})`;
  const band = bandSql(score, rules.bandFloors);
  const rows = await db
    .select({ band, n: sql<number>`count(*)`, sum: sql<number>`sum(${score})` })
    .from(households)
    .leftJoin(householdScores, eq(householdScores.householdId, households.id))
    .where(
      and(
        eq(households.companyId, companyId),
        eq(households.active, true),
        inArray(households.id, visibleIds(db, companyId, view)),
      ),
    )
    .groupBy(band);
  const counts = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  let total = 0;
  let sum = 0;
  for (const r of rows) {
    counts[r.band] = Number(r.n);
    total += Number(r.n);
    sum += Number(r.sum);
  }
  return { counts, total, mean: total ? Math.round((sum / total) * 10) / 10 : null };
}

/** The last `weeks` week ends (Sundays; the current week ends on asOf), oldest first. */
export function weekEnds(asOf: string, weeks = 12): string[] {
  const ends: string[] = [asOf];
  const lastSunday = addDays(weekStart(asOf), -1);
  for (let i = 0; i < weeks - 1; i++) ends.push(addDays(lastSunday, -7 * i));
  return ends.reverse();
}

/** The weekly trend of the visible households: from the score timeline when the viewer sees the whole company. */
export async function weeklyTrend(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  rules: CrmRules,
  asOf: string,
  weeks = 12,
) {
  if (view.kind === "all") return companyWeeklyTrend(db, companyId, rules, weekEnds(asOf, weeks));
  return weeklyTrendScan(db, companyId, view, rules, asOf, weeks);
}

/**
 * The last `weeks` week ends with each visible household's score as of that day — the
 * score_after of its last entry on or before it, else the initial score — as the mean and the
 * band counts. One query (the score timeline's definition).
 */
export async function weeklyTrendScan(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  rules: CrmRules,
  asOf: string,
  weeks = 12,
) {
  const ends = weekEnds(asOf, weeks);
  const values = sql.join(
    ends.map((d) => sql`(${d})`),
    sql`, `,
  );
  const f = rules.bandFloors;
  const rows = await db.all<{ d: string; n: number; total: number } & Record<Band, number>>(sql`
    with weeks(d) as (values ${values}),
    scored as (
      select w.d as d, coalesce((
        select e.score_after from ${ENTRY_ALIAS_E}
        where e.company_id = ${companyId} and e.household_id = v.id and e.occurred_on <= w.d
        order by e.occurred_on desc, e.id desc limit 1), ${rules.initialScore}) as s
      from weeks w cross join (${visibleIds(db, companyId, view)}) v
    )
    select d, count(*) as n, sum(s) as total,
      sum(s >= ${f.excellent}) as excellent,
      sum(s >= ${f.good} and s < ${f.excellent}) as good,
      sum(s >= ${f.fair} and s < ${f.good}) as fair,
      sum(s >= ${f.poor} and s < ${f.fair}) as poor,
      sum(s < ${f.poor}) as critical
    from scored group by d order by d`);
  const byDay = new Map(rows.map((r) => [r.d, r]));
  return ends.map((d) => {
    const r = byDay.get(d);
    const n = Number(r?.n ?? 0);
    return {
      weekEnd: d,
      households: n,
      mean: n ? Math.round((Number(r!.total) / n) * 10) / 10 : null,
      ...(Object.fromEntries(BANDS.map((b) => [b, Number(r?.[b] ?? 0)])) as Record<Band, number>),
    };
  });
}

export interface BandMove {
  householdId: number;
  name: string;
  from: Band;
  to: Band;
  score: number;
  entry: {
    id: number;
    occurredOn: string;
    rule: string;
    points: number;
    messageKey: string;
    params: Record<string, string | number | null>;
    sourceType: string | null;
    sourceId: number | null;
  } | null;
}

/**
 * Households whose band this week (Monday … asOf) differs from their band before it, with
 * the entry that moved them (the last one this week that crossed a band boundary).
 */
export async function movedThisWeek(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  rules: CrmRules,
  asOf: string,
): Promise<BandMove[]> {
  const start = weekStart(asOf);
  // Qualified by hand: in a one-table select drizzle writes a bare "id", which the correlated subqueries would bind to their own table.
  const hid = sql.raw(`"households"."id"`);
  const scoreAsOf = (cmp: SQL) =>
    sql<number>`coalesce((select e.score_after from ${ENTRY_ALIAS_E} where e.company_id = ${companyId} and e.household_id = ${hid} and ${cmp}
      order by e.occurred_on desc, e.id desc limit 1), ${rules.initialScore})`;
  const rows = await db
    .select({
      id: households.id,
      name: households.name,
      before: scoreAsOf(sql`e.occurred_on < ${start}`),
      after: scoreAsOf(sql`e.occurred_on <= ${asOf}`),
    })
    .from(households)
    .where(
      and(
        eq(households.companyId, companyId),
        inArray(households.id, visibleIds(db, companyId, view)),
        sql`exists (select 1 from ${ENTRY_ALIAS_E} where e.company_id = ${companyId} and e.household_id = ${hid} and e.occurred_on >= ${start} and e.occurred_on <= ${asOf})`,
      ),
    );
  const moved = rows.filter(
    (r) => bandOf(Number(r.before), rules.bandFloors) !== bandOf(Number(r.after), rules.bandFloors),
  );
  if (!moved.length) return [];
  const entries = await db
    .select()
    .from(sentimentEntries)
    .where(
      and(
        eq(sentimentEntries.companyId, companyId),
        inArray(
          sentimentEntries.householdId,
          moved.map((m) => m.id),
        ),
        sql`${sentimentEntries.occurredOn} >= ${start}`,
        lte(sentimentEntries.occurredOn, asOf),
      ),
    )
    .orderBy(asc(sentimentEntries.householdId), asc(sentimentEntries.occurredOn), asc(sentimentEntries.id));
  return moved
    .map((m) => {
      let prev = Number(m.before);
      let mover: (typeof entries)[number] | null = null;
      for (const e of entries) {
        if (e.householdId !== m.id) continue;
        if (bandOf(prev, rules.bandFloors) !== bandOf(e.scoreAfter, rules.bandFloors)) mover = e;
        prev = e.scoreAfter;
      }
      return {
        householdId: m.id,
        name: m.name,
        from: bandOf(Number(m.before), rules.bandFloors),
        to: bandOf(Number(m.after), rules.bandFloors),
        score: Number(m.after),
        entry: mover
          ? {
              id: mover.id,
              occurredOn: mover.occurredOn,
              rule: mover.rule,
              points: mover.points,
              messageKey: mover.messageKey,
              params: mover.params,
              sourceType: mover.sourceType,
              sourceId: mover.sourceId,
            }
          : null,
      };
    })
    .sort((a, b) => a.score - b.score || a.householdId - b.householdId);
}

export interface RiskRow {
  butlerUserId: number;
  butlerName: string;
  householdId: number;
  name: string;
  unit: string | null;
  score: number;
  band: Band;
  monthsInArrears: number;
  households: number;
}

/**
 * Each butler's households sorted by risk — lowest score first, then most months in
 * arrears — the first `perButler` of each, with the butler's visible household count.
 */
export async function butlerRiskLists(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  rules: CrmRules,
  asOf: string,
  perButler = 10,
  onlyButlerId?: number,
): Promise<RiskRow[]> {
  const p = householdPlacementSubquery(db, companyId);
  const ar = arrearsSubquery(db, companyId, asOf);
  const score = sql<number>`coalesce(${householdScores.score}, ${rules.initialScore})`;
  const months = sql<number>`coalesce(${ar.months}, 0)`;
  const ranked = db
    .select({
      butlerUserId: sql<number>`${p.butlerUserId}`.as("r_butler"),
      householdId: sql<number>`${households.id}`.as("r_household"),
      name: sql<string>`${households.name}`.as("r_name"),
      unitId: sql<number | null>`${p.unitId}`.as("r_unit"),
      score: sql<number>`${score}`.as("r_score"),
      months: sql<number>`${months}`.as("r_months"),
      rn: sql<number>`row_number() over (partition by ${p.butlerUserId} order by ${score} asc, ${months} desc, ${households.id} asc)`.as(
        "r_rn",
      ),
      total: sql<number>`count(*) over (partition by ${p.butlerUserId})`.as("r_total"),
    })
    .from(households)
    .innerJoin(p, eq(p.householdId, households.id))
    .leftJoin(householdScores, eq(householdScores.householdId, households.id))
    .leftJoin(ar, eq(ar.householdId, households.id))
    .where(
      and(
        eq(households.companyId, companyId),
        eq(households.active, true),
        sql`${p.butlerUserId} is not null`,
        onlyButlerId ? sql`${p.butlerUserId} = ${onlyButlerId}` : undefined,
        visibleHouseholds(view, p),
      ),
    )
    .as("ranked");
  const rows = await db
    .select({
      butlerUserId: ranked.butlerUserId,
      butlerName: users.name,
      householdId: ranked.householdId,
      name: ranked.name,
      building: buildings.name,
      unitNumber: units.number,
      score: ranked.score,
      months: ranked.months,
      total: ranked.total,
    })
    .from(ranked)
    .innerJoin(users, eq(users.id, ranked.butlerUserId))
    .leftJoin(units, eq(units.id, ranked.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .where(lte(ranked.rn, perButler))
    .orderBy(asc(users.name), asc(ranked.butlerUserId), asc(ranked.rn));
  return rows.map((r) => ({
    butlerUserId: r.butlerUserId,
    butlerName: r.butlerName,
    householdId: r.householdId,
    name: r.name,
    unit: r.building && r.unitNumber ? `${r.building} ${r.unitNumber}` : null,
    score: Number(r.score),
    band: bandOf(Number(r.score), rules.bandFloors),
    monthsInArrears: Number(r.months),
    households: Number(r.total),
  }));
}

/** True when the viewer may see the household (company-scoped, registry visibility). */
export async function canSeeHousehold(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  householdId: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.companyId, companyId),
        eq(households.id, householdId),
        inArray(households.id, visibleIdsAll(db, companyId, view)),
      ),
    );
  return !!row;
}

/** Like visibleIds but including inactive households (a ledger stays readable). */
function visibleIdsAll(db: DbOrTx, companyId: number, view: RegistryView) {
  const p = householdPlacementSubquery(db, companyId);
  return db
    .select({ id: households.id })
    .from(households)
    .leftJoin(p, eq(p.householdId, households.id))
    .where(and(eq(households.companyId, companyId), visibleHouseholds(view, p)));
}

/**
 * A household's whole ledger, newest first, with actor names. companyIs: by the household index
 * (already in date order), not the company's whole ledger (lib/crm/sql.ts).
 */
export async function householdLedger(db: DbOrTx, companyId: number, householdId: number) {
  return db
    .select({
      id: sentimentEntries.id,
      occurredOn: sentimentEntries.occurredOn,
      rule: sentimentEntries.rule,
      step: sentimentEntries.step,
      points: sentimentEntries.points,
      scoreAfter: sentimentEntries.scoreAfter,
      sourceType: sentimentEntries.sourceType,
      sourceId: sentimentEntries.sourceId,
      messageKey: sentimentEntries.messageKey,
      params: sentimentEntries.params,
      reason: sentimentEntries.reason,
      actorName: users.name,
      createdAt: sentimentEntries.createdAt,
    })
    .from(sentimentEntries)
    .leftJoin(users, eq(users.id, sentimentEntries.actorUserId))
    .where(and(companyIs(sentimentEntries.companyId, companyId), eq(sentimentEntries.householdId, householdId)))
    .orderBy(desc(sentimentEntries.occurredOn), desc(sentimentEntries.id));
}
