import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { feeItems, meterReadings, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { consumptionCenti } from "./rules";
import { isMonth } from "@/lib/time/calendar";
import type { Actor } from "@/lib/auth/actor";

export interface ReadingInput {
  unitId: number;
  /** Hundredths of a unit of consumption; null: not read this time (skipped, keeps row indexes). */
  readingCenti: number | null;
}

/** The unit's last reading of the item before `period`, or null. */
async function previousReading(db: DbOrTx, companyId: number, unitId: number, feeItemId: number, period: string) {
  const [row] = await db
    .select({ readingCenti: meterReadings.readingCenti })
    .from(meterReadings)
    .where(
      and(
        eq(meterReadings.companyId, companyId),
        eq(meterReadings.unitId, unitId),
        eq(meterReadings.feeItemId, feeItemId),
        lt(meterReadings.period, period),
      ),
    )
    .orderBy(desc(meterReadings.period))
    .limit(1);
  return row ? row.readingCenti : null;
}

/**
 * Records one month's meter readings of a metered fee item (抄表), all or nothing. The previous
 * reading is the unit's last one before the month (none: this reading is the baseline, nothing
 * billed). A reading below the previous one, a second reading for the same unit, item and month,
 * or a reading before one already recorded for a later month is a field error
 * (`readings.<i>.reading`). Fee item and units must belong to the company, else not_found.
 */
export async function saveReadings(
  db: Db,
  actor: Actor,
  input: { feeItemId: number; period: string; readings: readonly ReadingInput[] },
) {
  const { companyId } = actor;
  if (!isMonth(input.period)) throw AppError.field("period", "billing.errors.period");
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(feeItems)
      .where(and(eq(feeItems.companyId, companyId), eq(feeItems.id, input.feeItemId), eq(feeItems.kind, "metered")));
    if (!item) throw new AppError("not_found");
    const entered = input.readings.filter((r) => r.readingCenti !== null);
    const unitIds = [...new Set(entered.map((r) => r.unitId))];
    if (unitIds.length !== entered.length) throw AppError.field("readings", "billing.errors.readingExists", "conflict");
    if (unitIds.length > 0) {
      const found = await tx
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.companyId, companyId), inArray(units.id, unitIds)));
      if (found.length !== unitIds.length) throw new AppError("not_found");
    }
    const rows = [];
    for (const [i, r] of input.readings.entries()) {
      if (r.readingCenti === null) continue;
      const readingCenti = r.readingCenti;
      const field = `readings.${i}.reading`;
      const [later] = await tx
        .select({ id: meterReadings.id })
        .from(meterReadings)
        .where(
          and(
            eq(meterReadings.companyId, companyId),
            eq(meterReadings.unitId, r.unitId),
            eq(meterReadings.feeItemId, item.id),
            gt(meterReadings.period, input.period),
          ),
        )
        .limit(1);
      if (later) throw AppError.field(field, "billing.errors.readingLater", "conflict");
      const previous = (await previousReading(tx, companyId, r.unitId, item.id, input.period)) ?? readingCenti;
      if (consumptionCenti(readingCenti, previous) === null)
        throw AppError.field(field, "billing.errors.readingBelowPrevious");
      rows.push({
        companyId,
        unitId: r.unitId,
        feeItemId: item.id,
        period: input.period,
        readingCenti,
        previousCenti: previous,
        actorUserId: actor.userId,
      });
    }
    if (rows.length === 0) return [];
    try {
      const saved = await tx.insert(meterReadings).values(rows).returning();
      await writeAudit(tx, {
        companyId,
        actorUserId: actor.userId,
        action: "meter_reading.create",
        entity: "fee_item",
        entityId: item.id,
        after: {
          period: input.period,
          readings: saved.map((s) => ({
            id: s.id,
            unitId: s.unitId,
            readingCenti: s.readingCenti,
            previousCenti: s.previousCenti,
          })),
        },
      });
      return saved;
    } catch (e) {
      if (isUniqueViolation(e)) throw AppError.field("readings", "billing.errors.readingExists", "conflict");
      throw e;
    }
  });
}

/**
 * The reading sheet of a building for one metered item and month: every unit with its previous
 * reading (the last before the month) and this month's reading when already recorded.
 */
export async function readingSheet(
  db: DbOrTx,
  companyId: number,
  buildingId: number,
  feeItemId: number,
  period: string,
) {
  const rows = await db
    .select({
      unitId: units.id,
      number: units.number,
      readingCenti: meterReadings.readingCenti,
      previousCenti: meterReadings.previousCenti,
      lastCenti: sql<
        number | null
      >`(select r.reading_centi from meter_readings r where r.company_id = ${companyId} and r.unit_id = ${units.id} and r.fee_item_id = ${feeItemId} and r.period < ${period} order by r.period desc limit 1)`,
    })
    .from(units)
    .leftJoin(
      meterReadings,
      and(
        eq(meterReadings.unitId, units.id),
        eq(meterReadings.feeItemId, feeItemId),
        eq(meterReadings.period, period),
        eq(meterReadings.companyId, companyId),
      ),
    )
    .where(and(eq(units.companyId, companyId), eq(units.buildingId, buildingId), eq(units.active, true)))
    .orderBy(sql`length(${units.number})`, asc(units.number));
  return rows.map((r) => ({
    unitId: r.unitId,
    number: r.number,
    recorded:
      r.readingCenti === null
        ? null
        : { readingCenti: r.readingCenti, previousCenti: r.previousCenti ?? r.readingCenti },
    previousCenti: r.lastCenti === null ? null : Number(r.lastCenti),
  }));
}
