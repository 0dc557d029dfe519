import { and, count, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { communities, households, users, visits } from "@/db/schema";
import { toCsv, type CsvCell } from "@/lib/csv";
import type { DbOrTx } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import type { RegistryView } from "@/lib/registry/access";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { visibleHouseholds } from "@/lib/registry/view";
import { coveragePercentOf } from "../rules/visits";
import { instantOf } from "@/lib/time/zone";

/**
 * Visit coverage (SPEC §8.5): households, sampled and visited per butler and per community
 * for a quarter. Households are counted where they sit now (their placement); sampled and
 * visited are the quarter's visits rows of those households, per the butler the visit was
 * dispatched to. Restricted to the households the viewer's registry view may see.
 */
export interface CoverageRow {
  id: number;
  name: string;
  households: number;
  sampled: number;
  visited: number;
  /** visited / households, percent with one decimal. */
  coverage: number;
}

export async function coverageReport(db: DbOrTx, companyId: number, quarter: string, view: RegistryView) {
  const p = householdPlacementSubquery(db, companyId);
  const visible = visibleHouseholds(view, p);
  const [homes, sampled] = await Promise.all([
    db
      .select({ butlerUserId: p.butlerUserId, communityId: p.communityId, n: count() })
      .from(p)
      .innerJoin(
        households,
        and(eq(households.id, p.householdId), eq(households.companyId, companyId), eq(households.active, true)),
      )
      .where(visible)
      .groupBy(sql`${p.butlerUserId}`, sql`${p.communityId}`),
    db
      .select({
        butlerUserId: visits.butlerUserId,
        communityId: p.communityId,
        n: count(),
        visited: sql<number>`sum(case when ${visits.visitedAt} is not null then 1 else 0 end)`,
      })
      .from(visits)
      .innerJoin(p, eq(p.householdId, visits.householdId))
      .where(and(eq(visits.companyId, companyId), eq(visits.quarter, quarter), visible))
      .groupBy(visits.butlerUserId, sql`${p.communityId}`),
  ]);
  const butlers = new Map<number, CoverageRow>();
  const comms = new Map<number, CoverageRow>();
  const row = (m: Map<number, CoverageRow>, id: number) => {
    let r = m.get(id);
    if (!r) m.set(id, (r = { id, name: "", households: 0, sampled: 0, visited: 0, coverage: 0 }));
    return r;
  };
  for (const h of homes) {
    if (h.butlerUserId != null) row(butlers, h.butlerUserId).households += h.n;
    row(comms, h.communityId).households += h.n;
  }
  for (const s of sampled) {
    const v = Number(s.visited ?? 0);
    if (s.butlerUserId != null) {
      const b = row(butlers, s.butlerUserId);
      b.sampled += s.n;
      b.visited += v;
    }
    const c = row(comms, s.communityId);
    c.sampled += s.n;
    c.visited += v;
  }
  const [names, commNames] = await Promise.all([
    butlers.size
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, [...butlers.keys()]))
      : [],
    comms.size
      ? db
          .select({ id: communities.id, name: communities.name })
          .from(communities)
          .where(and(eq(communities.companyId, companyId), inArray(communities.id, [...comms.keys()])))
      : [],
  ]);
  const finish = (m: Map<number, CoverageRow>, n: { id: number; name: string }[]) => {
    const byId = new Map(n.map((x) => [x.id, x.name]));
    return [...m.values()]
      .map((r) => ({ ...r, name: byId.get(r.id) ?? `#${r.id}`, coverage: coveragePercentOf(r.visited, r.households) }))
      .sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.id - b.id);
  };
  const byButler = finish(butlers, names);
  const byCommunity = finish(comms, commNames);
  const total = byCommunity.reduce(
    (t, r) => ({
      households: t.households + r.households,
      sampled: t.sampled + r.sampled,
      visited: t.visited + r.visited,
    }),
    { households: 0, sampled: 0, visited: 0 },
  );
  return { byButler, byCommunity, total: { ...total, coverage: coveragePercentOf(total.visited, total.households) } };
}

/**
 * For the HR KPIs (SPEC §9): per butler, their current households and the households they
 * visited between `from` and `to` (company-local calendar dates, inclusive).
 */
export async function visitCoverage(
  db: DbOrTx,
  companyId: number,
  range: { from: string; to: string },
): Promise<Map<number, { households: number; visited: number }>> {
  const tz = await companyTimeZone(db, companyId);
  const start = instantOf(range.from, 0, tz);
  const end = new Date(instantOf(range.to, 0, tz).getTime() + 86_400_000 - 1);
  const p = householdPlacementSubquery(db, companyId);
  const [homes, done] = await Promise.all([
    db
      .select({ butlerUserId: p.butlerUserId, n: count() })
      .from(p)
      .innerJoin(
        households,
        and(eq(households.id, p.householdId), eq(households.companyId, companyId), eq(households.active, true)),
      )
      .where(isNotNull(p.butlerUserId))
      .groupBy(sql`${p.butlerUserId}`),
    db
      .select({ butlerUserId: visits.butlerUserId, n: sql<number>`count(distinct ${visits.householdId})` })
      .from(visits)
      .where(
        and(
          eq(visits.companyId, companyId),
          isNotNull(visits.butlerUserId),
          gte(visits.visitedAt, start),
          lte(visits.visitedAt, end),
        ),
      )
      .groupBy(visits.butlerUserId),
  ]);
  const out = new Map<number, { households: number; visited: number }>();
  for (const h of homes) out.set(h.butlerUserId!, { households: h.n, visited: 0 });
  for (const d of done) {
    const r = out.get(d.butlerUserId!) ?? { households: 0, visited: 0 };
    r.visited = Number(d.n);
    out.set(d.butlerUserId!, r);
  }
  return out;
}

/** CSV of the report (the shared writer: BOM, CRLF, formulas defused), one section per grouping. */
type CoverageLabels = {
  butler: string;
  community: string;
  households: string;
  sampled: string;
  visited: string;
  coverage: string;
};

export function coverageCsv(report: Awaited<ReturnType<typeof coverageReport>>, labels: CoverageLabels): string {
  return toCsv(coverageCsvRows(report, labels));
}

/** The coverage report's CSV rows: per butler, then per community, each block under its header. */
export function coverageCsvRows(report: Awaited<ReturnType<typeof coverageReport>>, labels: CoverageLabels) {
  const lines: CsvCell[][] = [];
  for (const [label, rows] of [
    [labels.butler, report.byButler],
    [labels.community, report.byCommunity],
  ] as const) {
    lines.push([label, labels.households, labels.sampled, labels.visited, labels.coverage]);
    for (const r of rows) lines.push([r.name, r.households, r.sampled, r.visited, r.coverage]);
    lines.push([]);
  }
  return lines;
}
