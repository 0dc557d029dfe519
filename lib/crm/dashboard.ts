import { and, asc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { householdPlacements, households, householdScores, sentimentEntries } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { visibleHouseholds } from "@/lib/registry/view";
import { bandOf } from "./bands";
import { BANDS, type Band, type CrmRules } from "./config";
import { ENTRY_ALIAS_E } from "./sql";
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

/** The visible active households of the company, as a query of ids (placement from household_placements). */
function visibleIds(db: DbOrTx, companyId: number, view: RegistryView) {
  if (view.kind === "all")
    return db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.companyId, companyId), eq(households.active, true)));
  // From the placements of the viewer's butlers or communities (their indexes), kept in that order
  // by the CROSS JOIN: from the households side SQLite walked all 50,000 of a big company.
  const p = householdPlacements;
  return db
    .select({ id: households.id })
    .from(p)
    .crossJoin(households)
    .where(
      and(
        eq(p.companyId, companyId),
        visibleHouseholds(view, p),
        eq(households.id, p.householdId),
        eq(households.companyId, companyId),
        eq(households.active, true),
      ),
    );
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
    -- MATERIALIZED: the visible households read once (not once per week), and each score looked
    -- up once (flattened into the select, the lookup ran again for every sum that reads s).
    v as materialized (select id from ${visibleIds(db, companyId, view)}),
    scored as materialized (
      select w.d as d, coalesce((
        select e.score_after from ${ENTRY_ALIAS_E}
        where e.company_id = ${companyId} and e.household_id = v.id and e.occurred_on <= w.d
        order by e.occurred_on desc, e.id desc limit 1), ${rules.initialScore}) as s
      from weeks w cross join v
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
 * the entry that moved them (the last one this week that crossed a band boundary). It starts
 * from the week's entries (by company and day), not from a ledger lookup per household.
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
        eq(households.active, true),
        view.kind === "all" ? undefined : inArray(households.id, visibleIds(db, companyId, view)),
        sql`${hid} in (select w.household_id from ${sentimentEntries} w indexed by sentiment_entries_company_date_idx
          where w.company_id = ${companyId} and w.occurred_on >= ${start} and w.occurred_on <= ${asOf})`,
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
