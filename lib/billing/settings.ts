import { and, desc, eq } from "drizzle-orm";
import { billingSettings, feeItemPrices, feeItems } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { companyTimeZone } from "@/lib/tenancy/queries";
import type { Proration } from "./proration";
import { type Rounding } from "./rules";
import { localDate } from "@/lib/time/zone";
import type { Actor } from "@/lib/auth/actor";

type FeeKind = (typeof feeItems.$inferInsert)["kind"];

/** The company's current month "YYYY-MM". */
async function thisMonth(db: DbOrTx, companyId: number, now = new Date()): Promise<string> {
  return localDate(now, await companyTimeZone(db, companyId)).slice(0, 7);
}

/** A new fee item with its first price period (from `fromPeriod`, default this month). */
export async function createFeeItem(
  db: Db,
  actor: Actor,
  input: { name: string; kind: FeeKind; price: number; fromPeriod?: string },
) {
  try {
    return await db.transaction(async (tx) => {
      const fromPeriod = input.fromPeriod ?? (await thisMonth(tx, actor.companyId));
      const [row] = await tx
        .insert(feeItems)
        .values({ companyId: actor.companyId, name: input.name, kind: input.kind, priceFen: input.price })
        .returning();
      await tx.insert(feeItemPrices).values({
        companyId: actor.companyId,
        feeItemId: row.id,
        fromPeriod,
        priceFen: input.price,
        actorUserId: actor.userId,
      });
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "fee_item.create",
        entity: "fee_item",
        entityId: row.id,
        after: { ...row, fromPeriod },
      });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e, "fee_items")) throw AppError.field("name", "validation.nameTaken", "conflict");
    throw e;
  }
}

/**
 * A changed price never rewrites the past: it adds a price period from `fromPeriod` (default
 * this month), which must come after the item's latest period; `fee_items.price_fen` then
 * mirrors the latest price. An item without price periods (older than price history) first
 * gets its old price as the period from 1970-01. Bills already issued keep their lines.
 */
export async function updateFeeItem(
  db: Db,
  actor: Actor,
  input: { id: number; price: number; active: boolean; fromPeriod?: string },
) {
  try {
    return await db.transaction(async (tx) => {
      const scope = and(eq(feeItems.companyId, actor.companyId), eq(feeItems.id, input.id));
      const [before] = await tx.select().from(feeItems).where(scope);
      if (!before) throw new AppError("not_found");
      let fromPeriod: string | null = null;
      if (input.price !== before.priceFen) {
        fromPeriod = input.fromPeriod ?? (await thisMonth(tx, actor.companyId));
        const [latest] = await tx
          .select()
          .from(feeItemPrices)
          .where(eq(feeItemPrices.feeItemId, before.id))
          .orderBy(desc(feeItemPrices.fromPeriod))
          .limit(1);
        if (!latest)
          await tx.insert(feeItemPrices).values({
            companyId: actor.companyId,
            feeItemId: before.id,
            fromPeriod: "1970-01",
            priceFen: before.priceFen,
            actorUserId: null,
          });
        else if (fromPeriod <= latest.fromPeriod)
          throw AppError.field("fromPeriod", "billing.errors.priceBeforeLatest");
        await tx.insert(feeItemPrices).values({
          companyId: actor.companyId,
          feeItemId: before.id,
          fromPeriod,
          priceFen: input.price,
          actorUserId: actor.userId,
        });
      }
      const [after] = await tx
        .update(feeItems)
        .set({ priceFen: input.price, active: input.active })
        .where(scope)
        .returning();
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "fee_item.update",
        entity: "fee_item",
        entityId: input.id,
        before,
        after: { ...after, fromPeriod },
      });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e, "fee_item_prices"))
      throw AppError.field("fromPeriod", "billing.errors.priceBeforeLatest", "conflict");
    throw e;
  }
}

/** A fee item's price periods, newest first (the fee item page's history). */
export async function priceHistory(db: DbOrTx, companyId: number) {
  return db
    .select({
      feeItemId: feeItemPrices.feeItemId,
      fromPeriod: feeItemPrices.fromPeriod,
      priceFen: feeItemPrices.priceFen,
    })
    .from(feeItemPrices)
    .where(eq(feeItemPrices.companyId, companyId))
    .orderBy(feeItemPrices.feeItemId, desc(feeItemPrices.fromPeriod));
}

export async function saveBillingSettings(
  db: Db,
  actor: Actor,
  input: { dueDay: number; rounding: Rounding; proration: Proration; vacancyRate: number },
) {
  const values = {
    dueDay: input.dueDay,
    rounding: input.rounding,
    proration: input.proration,
    vacancyRateBp: input.vacancyRate,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(billingSettings)
      .values({ companyId: actor.companyId, billingDay: 1, ...values })
      .onConflictDoUpdate({ target: billingSettings.companyId, set: values });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "billing_settings.update",
      entity: "billing_settings",
      entityId: actor.companyId,
      after: input,
    });
  });
}

/** The company's monthly collection-rate target in basis points, or null when none is set. */
export async function collectionTarget(db: DbOrTx, companyId: number): Promise<number | null> {
  const [row] = await db
    .select({ bp: billingSettings.collectionTargetBp })
    .from(billingSettings)
    .where(eq(billingSettings.companyId, companyId));
  return row?.bp ?? null;
}

/** Sets (or clears, with null) the monthly collection-rate target; audited with before and after. */
export async function saveCollectionTarget(db: Db, actor: Actor, targetBp: number | null) {
  await db.transaction(async (tx) => {
    const before = await collectionTarget(tx, actor.companyId);
    if (before === targetBp) return;
    await tx
      .insert(billingSettings)
      .values({ companyId: actor.companyId, collectionTargetBp: targetBp })
      .onConflictDoUpdate({ target: billingSettings.companyId, set: { collectionTargetBp: targetBp } });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "billing_settings.collection_target",
      entity: "billing_settings",
      entityId: actor.companyId,
      before: { collectionTargetBp: before },
      after: { collectionTargetBp: targetBp },
    });
  });
}
