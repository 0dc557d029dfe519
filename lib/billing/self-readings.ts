import { and, desc, eq, inArray } from "drizzle-orm";
import { billingSettings, buildings, feeItems, meterReadings, units, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { unitsOfHouseholds } from "@/lib/residents/queries";
import { withStoredImages, type UploadLike } from "@/lib/tickets/attachments";
import { METER_REVIEW_ROLES, METER_ROUND_ROLES } from "./access";
import { meteredItem } from "./meter-facts";
import { checkReading, meterPhoto, oneUnit } from "./meter-round";
import type { ReviewReadingInput, SelfReadingInput, SelfReadWindowInput } from "./meter-schemas";
import { residentHouseholdIds } from "./queries/bills";
import { selfReadState, type SelfReadWindow } from "./self-read-window";

/**
 * Residents' self-reading (issue 19 point 5): inside the company's window a resident submits a
 * reading with a photo for a metered item of one of their own units; it stays pending (never
 * billed) until staff approve it — then it is the month's reading — or reject it with a reason.
 * The first approved reading of a unit, item and month wins: a staff reading already there
 * makes the pending one unapprovable (staff read the meter themselves), and after an approved
 * self-reading the round shows the unit as read.
 */

export async function selfReadWindow(db: DbOrTx, companyId: number): Promise<SelfReadWindow | null> {
  const [row] = await db
    .select({ fromDay: billingSettings.selfReadFromDay, toDay: billingSettings.selfReadToDay })
    .from(billingSettings)
    .where(eq(billingSettings.companyId, companyId));
  return row && row.fromDay !== null && row.toDay !== null ? { fromDay: row.fromDay, toDay: row.toDay } : null;
}

/** Sets (or clears) the window; audited like every billing setting. */
export async function saveSelfReadWindow(db: Db, actor: Actor, input: SelfReadWindowInput) {
  await db.transaction(async (tx) => {
    const before = await selfReadWindow(tx, actor.companyId);
    const values = { selfReadFromDay: input.fromDay, selfReadToDay: input.toDay };
    await tx
      .insert(billingSettings)
      .values({ companyId: actor.companyId, ...values })
      .onConflictDoUpdate({ target: billingSettings.companyId, set: values });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "billing_settings.self_read_window",
      entity: "billing_settings",
      entityId: actor.companyId,
      before,
      after: input,
    });
  });
}

/** The resident's current units (of approved household links) with their labels. */
export async function residentUnits(db: DbOrTx, companyId: number, userId: number) {
  const ids = await residentHouseholdIds(db, companyId, userId);
  return [...(await unitsOfHouseholds(db, companyId, ids)).values()].flat();
}

/** The resident's readings of the month per unit and item (newest first). */
export async function residentReadings(db: DbOrTx, companyId: number, unitIds: number[], period: string) {
  if (unitIds.length === 0) return [];
  return db
    .select({
      id: meterReadings.id,
      unitId: meterReadings.unitId,
      feeItemId: meterReadings.feeItemId,
      readingCenti: meterReadings.readingCenti,
      source: meterReadings.source,
      status: meterReadings.status,
      rejectReason: meterReadings.rejectReason,
    })
    .from(meterReadings)
    .where(
      and(
        eq(meterReadings.companyId, companyId),
        inArray(meterReadings.unitId, unitIds),
        eq(meterReadings.period, period),
      ),
    )
    .orderBy(desc(meterReadings.id));
}

/**
 * A resident submits a self-reading of this month (`today`'s month) for one of their units.
 * Outside the window, for a unit not theirs (not_found), below the previous reading, or when
 * the month is already read or a reading is pending, nothing is written. A reading far from
 * the usual consumption is stored flagged for the reviewer.
 */
export async function submitSelfReading(
  db: Db,
  actor: Actor,
  input: SelfReadingInput,
  photos: readonly UploadLike[],
  today: string,
) {
  const { companyId } = actor;
  const mine = await residentUnits(db, companyId, actor.userId);
  if (!mine.some((u) => u.id === input.unitId)) throw new AppError("not_found");
  await meteredItem(db, companyId, input.feeItemId);
  if (!selfReadState(await selfReadWindow(db, companyId), today).open)
    throw AppError.field("reading", "billing.selfRead.closedNow", "conflict");
  const period = today.slice(0, 7);
  const images = await meterPhoto(photos);
  return withStoredImages(images, ([photo]) =>
    db
      .transaction(async (tx) => {
        const unit = await oneUnit(tx, companyId, input.feeItemId, period, input.unitId);
        const [done] = await tx
          .select({ id: meterReadings.id })
          .from(meterReadings)
          .where(
            and(
              eq(meterReadings.unitId, unit.unitId),
              eq(meterReadings.feeItemId, input.feeItemId),
              eq(meterReadings.period, period),
              eq(meterReadings.status, "approved"),
            ),
          );
        if (done) throw AppError.field("reading", "billing.errors.readingExists", "conflict");
        const flag = await checkReading(tx, companyId, input.feeItemId, period, unit, input.reading, true);
        const [row] = await tx
          .insert(meterReadings)
          .values({
            companyId,
            unitId: unit.unitId,
            feeItemId: input.feeItemId,
            period,
            readingCenti: input.reading,
            previousCenti: unit.previousCenti ?? input.reading,
            actorUserId: actor.userId,
            source: "resident",
            status: "pending",
            flag,
            photoPath: photo.storedPath,
            photoMime: photo.mime,
          })
          .returning({ id: meterReadings.id });
        return row;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw AppError.field("reading", "billing.selfRead.pendingExists", "conflict");
        throw e;
      }),
  );
}

/** Pending self-readings of the company, oldest first, for the staff list. */
export async function pendingSelfReadings(db: DbOrTx, companyId: number) {
  return db
    .select({
      id: meterReadings.id,
      period: meterReadings.period,
      unitNumber: units.number,
      building: buildings.name,
      item: feeItems.name,
      readingCenti: meterReadings.readingCenti,
      previousCenti: meterReadings.previousCenti,
      flag: meterReadings.flag,
      resident: users.name,
      createdAt: meterReadings.createdAt,
    })
    .from(meterReadings)
    .innerJoin(units, eq(units.id, meterReadings.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(feeItems, eq(feeItems.id, meterReadings.feeItemId))
    .leftJoin(users, eq(users.id, meterReadings.actorUserId))
    .where(and(eq(meterReadings.companyId, companyId), eq(meterReadings.status, "pending")))
    .orderBy(meterReadings.id);
}

/**
 * Approves (it becomes the month's reading, re-checked against the readings recorded since)
 * or rejects (with the reason) a pending self-reading of the company. One conditional update:
 * a reading already decided, or another company's, is refused; approving when the month is
 * already read is "already read" and leaves it pending for a rejection.
 */
export async function reviewSelfReading(db: Db, actor: Actor, input: ReviewReadingInput, now = new Date()) {
  const { companyId } = actor;
  return db
    .transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(meterReadings)
        .where(and(eq(meterReadings.companyId, companyId), eq(meterReadings.id, input.readingId)));
      if (!row) throw new AppError("not_found");
      if (row.status !== "pending") throw AppError.field("readingId", "billing.selfRead.decided", "conflict");
      let previousCenti = row.previousCenti;
      if (input.decision === "approve") {
        const unit = await oneUnit(tx, companyId, row.feeItemId, row.period, row.unitId);
        await checkReading(tx, companyId, row.feeItemId, row.period, unit, row.readingCenti, true);
        previousCenti = unit.previousCenti ?? row.readingCenti;
      }
      const status = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
      const [updated] = await tx
        .update(meterReadings)
        .set({
          status,
          previousCenti,
          reviewerUserId: actor.userId,
          reviewedAt: now,
          rejectReason: status === "rejected" ? input.reason! : null,
        })
        .where(and(eq(meterReadings.id, row.id), eq(meterReadings.status, "pending")))
        .returning({ id: meterReadings.id });
      if (!updated) throw AppError.field("readingId", "billing.selfRead.decided", "conflict");
      await writeAudit(tx, {
        companyId,
        actorUserId: actor.userId,
        action: `meter_reading.${input.decision}`,
        entity: "meter_reading",
        entityId: row.id,
        before: { status: "pending" },
        after: { status, readingCenti: row.readingCenti, previousCenti, reason: input.reason ?? null },
      });
      return updated;
    })
    .catch((e: unknown) => {
      if (isUniqueViolation(e)) throw AppError.field("readingId", "billing.errors.readingExists", "conflict");
      throw e;
    });
}

/**
 * A meter reading's photo for /api/files/m<id>: staff who read or review meters see any of the
 * company's; a resident only the photos of their own readings. Anyone else: null (404).
 */
export async function meterPhotoFor(
  db: DbOrTx,
  companyId: number,
  viewer: { userId: number; roles: readonly string[] },
  readingId: number,
) {
  const [row] = await db
    .select({ storedPath: meterReadings.photoPath, mime: meterReadings.photoMime, actor: meterReadings.actorUserId })
    .from(meterReadings)
    .where(and(eq(meterReadings.companyId, companyId), eq(meterReadings.id, readingId)));
  if (!row?.storedPath || !row.mime) return null;
  const staff = viewer.roles.some(
    (r) => r !== "resident" && (METER_REVIEW_ROLES.includes(r as Role) || METER_ROUND_ROLES.includes(r as Role)),
  );
  return staff || row.actor === viewer.userId ? { storedPath: row.storedPath, mime: row.mime } : null;
}
