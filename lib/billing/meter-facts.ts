import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { feeItems, meterReadings, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
import { PLAUSIBLE_MONTHS } from "./meter-plausibility";

/** What a new reading of one unit is checked against (approved readings only). */
export interface UnitMeterFacts {
  unitId: number;
  number: string;
  /** The unit's last approved reading before the month, or null (the new one is the baseline). */
  previousCenti: number | null;
  /** An approved reading for a later month exists: an earlier month can no longer be read. */
  later: boolean;
}

/** The company's active metered fee item, else not_found. */
export async function meteredItem(db: DbOrTx, companyId: number, feeItemId: number) {
  const [item] = await db
    .select()
    .from(feeItems)
    .where(and(eq(feeItems.companyId, companyId), eq(feeItems.id, feeItemId), eq(feeItems.kind, "metered")));
  if (!item) throw new AppError("not_found");
  return item;
}

// Correlated subqueries name the outer columns in full: drizzle leaves a single table's columns unqualified.

/**
 * The facts of the given units of the company for one item and month, in one query (units of
 * another company are simply absent — callers treat a missing unit as not_found).
 */
export async function unitMeterFacts(
  db: DbOrTx,
  companyId: number,
  feeItemId: number,
  period: string,
  unitIds: readonly number[],
): Promise<Map<number, UnitMeterFacts>> {
  const out = new Map<number, UnitMeterFacts>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .select({
      unitId: units.id,
      number: units.number,
      previousCenti: sql<number | null>`(select r.reading_centi from meter_readings r
        where r.company_id = ${companyId} and r.unit_id = "units"."id" and r.fee_item_id = ${feeItemId}
          and r.period < ${period} and r.status = 'approved' order by r.period desc limit 1)`,
      later: sql<number>`exists(select 1 from meter_readings r
        where r.company_id = ${companyId} and r.unit_id = "units"."id" and r.fee_item_id = ${feeItemId}
          and r.period > ${period} and r.status = 'approved')`,
    })
    .from(units)
    .where(and(eq(units.companyId, companyId), inArray(units.id, [...unitIds])));
  for (const r of rows)
    out.set(r.unitId, {
      unitId: r.unitId,
      number: r.number,
      previousCenti: r.previousCenti === null ? null : Number(r.previousCenti),
      later: Boolean(Number(r.later)),
    });
  return out;
}

/**
 * Each unit's recent monthly consumptions before `period`, newest first (at most
 * PLAUSIBLE_MONTHS), from approved readings that had a previous one (a baseline is no usage).
 */
export async function recentConsumptions(
  db: DbOrTx,
  companyId: number,
  feeItemId: number,
  period: string,
  unitIds: readonly number[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .select({
      unitId: meterReadings.unitId,
      used: sql<number>`${meterReadings.readingCenti} - ${meterReadings.previousCenti}`,
    })
    .from(meterReadings)
    .where(
      and(
        eq(meterReadings.companyId, companyId),
        eq(meterReadings.feeItemId, feeItemId),
        inArray(meterReadings.unitId, [...unitIds]),
        lt(meterReadings.period, period),
        eq(meterReadings.status, "approved"),
        sql`exists(select 1 from meter_readings e where e.unit_id = "meter_readings"."unit_id"
          and e.fee_item_id = "meter_readings"."fee_item_id" and e.period < "meter_readings"."period" and e.status = 'approved')`,
      ),
    )
    .orderBy(desc(meterReadings.period));
  for (const r of rows) {
    const list = out.get(r.unitId) ?? [];
    if (list.length < PLAUSIBLE_MONTHS) list.push(Number(r.used));
    out.set(r.unitId, list);
  }
  return out;
}
