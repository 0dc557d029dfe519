import { sql } from "drizzle-orm";
import { meterReadings } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { checkImages, withStoredImages, type UploadLike } from "@/lib/tickets/attachments";
import { meteredItem, recentConsumptions, unitMeterFacts, type UnitMeterFacts } from "./meter-facts";
import { median, readingPlausibility } from "./meter-plausibility";
import type { RoundReadingInput } from "./meter-schemas";
import { readingSheet } from "./meters";

/**
 * 抄表 on the phone (issue 19 point 5): a technician reads a building's meters unit by unit,
 * each with a photo of the meter. A saved reading is approved at once and final: readings are
 * never edited (they price bills); a wrong one is corrected on the bill it produced (an
 * adjustment with reason and actor), so the round shows a read unit as done and offers no edit.
 */

/** The round of one building, item and month: every unit with its previous reading and usual consumption. */
export async function roundSheet(db: DbOrTx, companyId: number, buildingId: number, feeItemId: number, period: string) {
  const sheet = await readingSheet(db, companyId, buildingId, feeItemId, period);
  const recent = await recentConsumptions(
    db,
    companyId,
    feeItemId,
    period,
    sheet.map((r) => r.unitId),
  );
  return sheet.map((r) => ({ ...r, usualCenti: median(recent.get(r.unitId) ?? []) }));
}

/**
 * The flag of a new reading checked against the unit's facts: below the previous reading is a
 * field error; far from the usual consumption is a field error until the reader confirms it,
 * then the reading is stored with the flag ("high"/"low").
 */
export async function checkReading(
  tx: DbOrTx,
  companyId: number,
  feeItemId: number,
  period: string,
  unit: UnitMeterFacts,
  readingCenti: number,
  confirmed: boolean,
): Promise<"high" | "low" | null> {
  if (unit.later) throw AppError.field("reading", "billing.errors.readingLater", "conflict");
  const recent = (await recentConsumptions(tx, companyId, feeItemId, period, [unit.unitId])).get(unit.unitId) ?? [];
  const verdict = readingPlausibility(readingCenti, unit.previousCenti, recent);
  if (verdict === "below_previous") throw AppError.field("reading", "billing.errors.readingBelowPrevious");
  if (verdict === "ok") return null;
  if (!confirmed) throw AppError.field("reading", `billing.meterRound.confirm_${verdict}`);
  return verdict;
}

/** The one photo a phone reading needs: required, checked like a work order's photos. */
export async function meterPhoto(photos: readonly UploadLike[]) {
  const real = photos.filter((p) => p.size > 0).slice(0, 1);
  if (real.length === 0) throw AppError.field("photos", "billing.meterRound.photoRequired");
  return checkImages(real);
}

/** The facts of one unit of the company, else not_found. */
export async function oneUnit(tx: DbOrTx, companyId: number, feeItemId: number, period: string, unitId: number) {
  const unit = (await unitMeterFacts(tx, companyId, feeItemId, period, [unitId])).get(unitId);
  if (!unit) throw new AppError("not_found");
  return unit;
}

/**
 * Saves one unit's reading of the round with its photo, approved (source staff). All checks
 * run inside the transaction; the unique index on approved readings makes a double save (two
 * phones, a double tap) record one reading — the second gets "already read".
 */
export async function saveRoundReading(db: Db, actor: Actor, input: RoundReadingInput, photos: readonly UploadLike[]) {
  const { companyId } = actor;
  await meteredItem(db, companyId, input.feeItemId);
  await oneUnit(db, companyId, input.feeItemId, input.period, input.unitId);
  const images = await meterPhoto(photos);
  return withStoredImages(images, ([photo]) =>
    db
      .transaction(async (tx) => {
        const unit = await oneUnit(tx, companyId, input.feeItemId, input.period, input.unitId);
        const flag = await checkReading(
          tx,
          companyId,
          input.feeItemId,
          input.period,
          unit,
          input.reading,
          input.confirm,
        );
        const [row] = await tx
          .insert(meterReadings)
          .values({
            companyId,
            unitId: unit.unitId,
            feeItemId: input.feeItemId,
            period: input.period,
            readingCenti: input.reading,
            previousCenti: unit.previousCenti ?? input.reading,
            actorUserId: actor.userId,
            source: "staff",
            status: "approved",
            flag,
            photoPath: photo.storedPath,
            photoMime: photo.mime,
          })
          .returning();
        await writeAudit(tx, {
          companyId,
          actorUserId: actor.userId,
          action: "meter_reading.create",
          entity: "meter_reading",
          entityId: row.id,
          after: {
            unitId: row.unitId,
            feeItemId: row.feeItemId,
            period: row.period,
            readingCenti: row.readingCenti,
            previousCenti: row.previousCenti,
            flag,
          },
        });
        return { id: row.id };
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw AppError.field("reading", "billing.errors.readingExists", "conflict");
        throw e;
      }),
  );
}

/** The month's reading progress over the company's active metered items and units (for the workbench). */
export async function roundProgress(db: DbOrTx, companyId: number, period: string) {
  const [row] = await db
    .select({
      total: sql<number>`(select count(*) from units u where u.company_id = ${companyId} and u.active = 1 and u.type <> 'parking')
        * (select count(*) from fee_items f where f.company_id = ${companyId} and f.active = 1 and f.kind = 'metered')`,
      done: sql<number>`(select count(*) from meter_readings r join fee_items f on f.id = r.fee_item_id and f.active = 1
        where r.company_id = ${companyId} and r.period = ${period} and r.status = 'approved')`,
    })
    .from(sql`(select 1)`);
  return { total: Number(row.total), done: Number(row.done) };
}
