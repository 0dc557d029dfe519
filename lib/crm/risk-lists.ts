import { and, asc, eq, lte, sql, type SQL } from "drizzle-orm";
import { bills, buildings, householdPlacements, households, householdScores, units, users } from "@/db/schema";
import { arrearsSubquery, openBill } from "@/lib/billing/queries/arrears";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { visibleHouseholds } from "@/lib/registry/view";
import { bandOf } from "./bands";
import { type Band, type CrmRules } from "./config";

/** The sentiment dashboard's per-butler risk lists (§8.6), limited to the households the viewer may see. */

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
 * The definition, ranking every visible household (the tests compare butlerRiskLists with it).
 */
export async function butlerRiskListsScan(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  rules: CrmRules,
  asOf: string,
  perButler = 10,
  onlyButlerId?: number,
): Promise<RiskRow[]> {
  // Where each household sits, from the kept table (household_placements), not recomputed per household.
  const p = householdPlacements;
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
        eq(p.companyId, companyId),
        eq(households.active, true),
        sql`${p.butlerUserId} is not null`,
        onlyButlerId ? eq(p.butlerUserId, onlyButlerId) : undefined,
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

interface RiskQuery {
  companyId: number;
  rules: CrmRules;
  asOf: string;
  perButler: number;
  /** The viewer's visible active households with a butler, as a condition on household_placements. */
  mine: SQL;
}

/**
 * The candidates of each butler's list without ranking every household: a household outranks every
 * one with a higher score, so when a butler has `perButler` households with a cached score below the
 * initial score, the list is among those at or below the perButler-th lowest of them (read through
 * household_scores_company_score_idx); only a butler with fewer takes all of his households.
 */
function candidates(q: RiskQuery): SQL {
  const p = householdPlacements;
  const s = householdScores;
  // totals: each butler's visible households (the lists' "of n" and who has a list at all). A butler
  // without a cut takes all his households, sought by butler (household_placements_butler_idx) from
  // totals: as a NOT IN over every placement it walked the company's 50,000 to find none.
  return sql`below as (
      select ${p.butlerUserId} as b, ${p.householdId} as h, ${s.score} as sc,
        row_number() over (partition by ${p.butlerUserId} order by ${s.score}, ${p.householdId}) as rn
      from ${s} join ${p} on ${p.householdId} = ${s.householdId} join ${households} on ${households.id} = ${s.householdId}
      where ${s.companyId} = ${q.companyId} and ${s.score} < ${q.rules.initialScore} and ${q.mine}),
    cut as (select b, sc from below where rn = ${q.perButler}),
    totals as materialized (
      select ${p.butlerUserId} as b, count(*) as n from ${p} join ${households} on ${households.id} = ${p.householdId}
      where ${q.mine} group by ${p.butlerUserId}),
    cand as (
      select below.b as b, below.h as h from below join cut on cut.b = below.b where below.sc <= cut.sc
      union all
      select ${p.butlerUserId}, ${p.householdId} from totals cross join ${p} on ${p.companyId} = ${q.companyId}
        and ${p.butlerUserId} = totals.b join ${households} on ${households.id} = ${p.householdId}
      where totals.b not in (select b from cut) and ${q.mine})`;
}

/** Months in arrears of one candidate household (arrearsSubquery's count, through bills_open_idx by household). */
function monthsOf(q: RiskQuery): SQL {
  return sql`(select count(*) from ${bills} indexed by bills_open_idx
    where ${bills.companyId} = ${q.companyId} and ${bills.householdId} = cand.h and ${openBill}
      and ${bills.dueDate} < ${q.asOf} and ${bills.kind} = 'monthly')`;
}

/**
 * The per-butler risk lists (the same rows as butlerRiskListsScan) at the cost of the candidates:
 * each butler's `perButler` lowest scores come from the score index, the months in arrears are
 * looked up for the candidates only, and the household counts from household_placements.
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
  const p = householdPlacements;
  const mine = and(
    eq(p.companyId, companyId),
    eq(households.active, true),
    sql`${p.butlerUserId} is not null`,
    onlyButlerId ? eq(p.butlerUserId, onlyButlerId) : undefined,
    visibleHouseholds(view, p),
  )!;
  const q: RiskQuery = { companyId, rules, asOf, perButler, mine };
  const rows = await db.all<{
    b: number;
    butler: string;
    h: number;
    name: string;
    building: string | null;
    unit: string | null;
    score: number;
    months: number;
    n: number;
  }>(sql`with ${candidates(q)},
    ranked as materialized (
      select cand.b as b, cand.h as h, coalesce(hs.score, ${rules.initialScore}) as score, ${monthsOf(q)} as months
      from cand left join ${householdScores} hs on hs.household_id = cand.h),
    top as (select *, row_number() over (partition by b order by score, months desc, h) as rn from ranked)
    select top.b as b, u.name as butler, top.h as h, hh.name as name, bd.name as building, un.number as unit,
      top.score as score, top.months as months, totals.n as n
    from top join totals on totals.b = top.b join ${users} u on u.id = top.b join ${households} hh on hh.id = top.h
      left join ${p} pp on pp.household_id = top.h left join ${units} un on un.id = pp.unit_id
      left join ${buildings} bd on bd.id = un.building_id
    where top.rn <= ${perButler} order by u.name, top.b, top.rn`);
  return rows.map((r) => ({
    butlerUserId: Number(r.b),
    butlerName: r.butler,
    householdId: Number(r.h),
    name: r.name,
    unit: r.building && r.unit ? `${r.building} ${r.unit}` : null,
    score: Number(r.score),
    band: bandOf(Number(r.score), rules.bandFloors),
    monthsInArrears: Number(r.months),
    households: Number(r.n),
  }));
}
