import { and, asc, eq, sql } from "drizzle-orm";
import { meterReadings, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { meteredItem, unitMeterFacts } from "./meter-facts";
import { consumptionCenti } from "./rules";
import { isMonth } from "@/lib/time/calendar";
import type { Actor } from "@/lib/auth/actor";

export interface ReadingInput {
  unitId: number;
  /** Hundredths of a unit of consumption; null: not read this time (skipped, keeps row indexes). */
  readingCenti: number | null;
}

/**
 * Records one month's meter readings of a metered fee item (抄表) from the desk sheet, all or
 * nothing, approved at once (source staff). The previous reading is the unit's last approved one
 * before the month (none: this reading is the baseline, nothing billed). A reading below the
 * previous one, a second reading for the same unit, item and month, or a reading before one
 * already recorded for a later month is a field error (`readings.<i>.reading`). Fee item and
 * units must belong to the company, else not_found. Set-based: one query for every unit's facts.
 */
export async function saveReadings(
  db: Db,
  actor: Actor,
  input: { feeItemId: number; period: string; readings: readonly ReadingInput[] },
) {
  const { companyId } = actor;
  if (!isMonth(input.period)) throw AppError.field("period", "billing.errors.period");
  return db.transaction(async (tx) => {
    const item = await meteredItem(tx, companyId, input.feeItemId);
    const entered = input.readings.filter((r) => r.readingCenti !== null);
    const unitIds = [...new Set(entered.map((r) => r.unitId))];
    if (unitIds.length !== entered.length) throw AppError.field("readings", "billing.errors.readingExists", "conflict");
    const facts = await unitMeterFacts(tx, companyId, item.id, input.period, unitIds);
    if (facts.size !== unitIds.length) throw new AppError("not_found");
    const rows = [];
    for (const [i, r] of input.readings.entries()) {
      if (r.readingCenti === null) continue;
      const readingCenti = r.readingCenti;
      const field = `readings.${i}.reading`;
      const unit = facts.get(r.unitId)!;
      if (unit.later) throw AppError.field(field, "billing.errors.readingLater", "conflict");
      const previous = unit.previousCenti ?? readingCenti;
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
      >`(select r.reading_centi from meter_readings r where r.company_id = ${companyId} and r.unit_id = ${units.id} and r.fee_item_id = ${feeItemId} and r.period < ${period} and r.status = 'approved' order by r.period desc limit 1)`,
    })
    .from(units)
    .leftJoin(
      meterReadings,
      and(
        eq(meterReadings.unitId, units.id),
        eq(meterReadings.feeItemId, feeItemId),
        eq(meterReadings.period, period),
        eq(meterReadings.companyId, companyId),
        eq(meterReadings.status, "approved"),
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
