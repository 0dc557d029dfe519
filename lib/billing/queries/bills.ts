import { and, asc, count, eq, sql, type SQL, isNull } from "drizzle-orm";
import {
  billingPeriodTotals,
  bills,
  buildings,
  communities,
  feeItems,
  householdPlacements,
  householdUnits,
  households,
  residentLinks,
  units,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { getBillingSettings } from "../pricing";
import { areaLineFen, billStatus } from "../rules";
import { openBill } from "./arrears";
import { billsPage } from "./bills-page";

export const BILL_PAGE_SIZE = 50;
export const BILL_STATUSES = ["unpaid", "partial", "paid", "voided"] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

function statusCondition(status: BillStatus | undefined): SQL | undefined {
  switch (status) {
    case "voided":
      return eq(bills.voided, true);
    case "paid":
      return sql`${bills.voided} = 0 and ${bills.allocatedFen} >= ${bills.linesFen} + ${bills.adjustmentFen}`;
    case "partial":
      return sql`${openBill} and ${bills.allocatedFen} > 0`;
    case "unpaid":
      return sql`${openBill} and ${bills.allocatedFen} = 0`;
    default:
      return undefined;
  }
}

/**
 * Bills of a month, optionally by status and building, a page at a time (bills-page.ts: read a
 * building at a time, never the whole month sorted). Where each household sits comes from
 * household_placements (kept by triggers); the count and the sums join it only to filter by
 * building; without it they read bills_company_period_idx alone (it covers status and amounts).
 */
export async function listBills(
  db: DbOrTx,
  companyId: number,
  filter: { period: string; status?: BillStatus; buildingId?: number; page?: number },
) {
  const placement = householdPlacements;
  const billsWhere = and(
    eq(bills.companyId, companyId),
    eq(bills.period, filter.period),
    statusCondition(filter.status),
  )!;
  const where = and(billsWhere, filter.buildingId ? eq(placement.buildingId, filter.buildingId) : undefined)!;
  const page = Math.max(1, filter.page ?? 1);
  // The count and the sums join the placement only to filter by building.
  const onPlacement = eq(placement.householdId, bills.householdId);
  const [rows, { total, totals }] = await Promise.all([
    billsPage(db, companyId, billsWhere, {
      offset: (page - 1) * BILL_PAGE_SIZE,
      limit: BILL_PAGE_SIZE,
      buildingId: filter.buildingId,
    }),
    filter.status || filter.buildingId
      ? countAndSums(db, where, filter.buildingId ? onPlacement : undefined)
      : keptCountAndSums(db, companyId, filter.period),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      amountFen: Number(r.amountFen),
      status: billStatus({ amountFen: Number(r.amountFen), allocatedFen: r.allocatedFen, voided: r.voided }),
    })),
    total,
    page,
    pageSize: BILL_PAGE_SIZE,
    sums: totals,
  };
}

const sums = {
  amountFen: sql<number>`coalesce(sum(${bills.linesFen} + ${bills.adjustmentFen}), 0)`,
  allocatedFen: sql<number>`coalesce(sum(${bills.allocatedFen}), 0)`,
};

/** The filtered list's count (voided bills included) and sums (voided left out), from the bills. */
async function countAndSums(db: DbOrTx, where: SQL, onPlacement: SQL | undefined) {
  const q = db.select({ n: count(), ...sums, voided: bills.voided }).from(bills);
  const rows = await (onPlacement ? q.innerJoin(householdPlacements, onPlacement) : q)
    .where(where)
    .groupBy(bills.voided);
  const kept = rows.find((r) => !r.voided);
  return {
    total: rows.reduce((n, r) => n + Number(r.n), 0),
    totals: { amountFen: Number(kept?.amountFen ?? 0), allocatedFen: Number(kept?.allocatedFen ?? 0) },
  };
}

/**
 * The whole month's count and sums: billing_period_totals keeps the bills not voided and their
 * sums (triggers, in each writer's transaction); the voided bills, which the list shows too, are
 * counted from bills_company_period_idx (company, period, voided). The bills' own sums read the
 * month's 50,000 index entries at the bench's size.
 */
async function keptCountAndSums(db: DbOrTx, companyId: number, period: string) {
  const [[kept], [voided]] = await Promise.all([
    db
      .select()
      .from(billingPeriodTotals)
      .where(and(eq(billingPeriodTotals.companyId, companyId), eq(billingPeriodTotals.period, period))),
    db
      .select({ n: count() })
      .from(bills)
      .where(and(eq(bills.companyId, companyId), eq(bills.period, period), eq(bills.voided, true))),
  ]);
  return {
    total: Number(kept?.bills ?? 0) + Number(voided.n),
    totals: { amountFen: Number(kept?.billedFen ?? 0), allocatedFen: Number(kept?.collectedFen ?? 0) },
  };
}

/** The household ids a resident may act for: approved links in the company. */
export async function residentHouseholdIds(db: DbOrTx, companyId: number, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: residentLinks.householdId })
    .from(residentLinks)
    .innerJoin(households, and(eq(households.id, residentLinks.householdId), eq(households.companyId, companyId)))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        eq(residentLinks.status, "approved"),
      ),
    );
  return rows.map((r) => r.id);
}

/** What one household is charged each month at today's fee items (the basis for paying ahead). */
export async function monthlyFeeFen(db: DbOrTx, companyId: number, householdId: number): Promise<number> {
  const [settings, items, held] = await Promise.all([
    getBillingSettings(db, companyId),
    db
      .select()
      .from(feeItems)
      .where(and(eq(feeItems.companyId, companyId), eq(feeItems.active, true))),
    db
      .select({ type: units.type, area: units.areaCentiM2 })
      .from(householdUnits)
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .where(
        and(
          eq(householdUnits.companyId, companyId),
          eq(householdUnits.householdId, householdId),
          isNull(householdUnits.toDate),
        ),
      ),
  ]);
  if (held.length === 0) return 0;
  let total = 0;
  for (const item of items) {
    if (item.kind === "per_household") total += item.priceFen;
    for (const u of held) {
      if (item.kind === "per_area" && u.type !== "parking")
        total += areaLineFen(item.priceFen, u.area, settings.rounding);
      if (item.kind === "per_parking" && u.type === "parking") total += item.priceFen;
    }
  }
  return total;
}

/** Fee items of the company. */
export async function listFeeItems(db: DbOrTx, companyId: number) {
  return db.select().from(feeItems).where(eq(feeItems.companyId, companyId)).orderBy(asc(feeItems.id));
}

/** Per building, every household with an open bill, for the batch statement print. */
export async function buildingStatementHouseholds(db: DbOrTx, companyId: number, buildingId: number) {
  const placement = householdPlacementSubquery(db, companyId);
  return db
    .select({ id: households.id, name: households.name, unitNumber: units.number })
    .from(households)
    .innerJoin(placement, eq(placement.householdId, households.id))
    .innerJoin(units, eq(units.id, placement.unitId))
    .where(and(eq(households.companyId, companyId), eq(placement.buildingId, buildingId), eq(households.active, true)))
    .orderBy(sql`length(${units.number})`, asc(units.number));
}

/** Every building of the company with its community, for filters. */
export async function companyBuildings(db: DbOrTx, companyId: number) {
  return db
    .select({ id: buildings.id, name: buildings.name, communityName: communities.name })
    .from(buildings)
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .where(eq(buildings.companyId, companyId))
    .orderBy(asc(communities.name), sql`length(${buildings.code})`, asc(buildings.code));
}
