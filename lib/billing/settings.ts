import { and, eq } from "drizzle-orm";
import { billingSettings, feeItems } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Actor } from "./corrections";
import type { Rounding } from "./rules";

type FeeKind = (typeof feeItems.$inferInsert)["kind"];

export async function createFeeItem(db: Db, actor: Actor, input: { name: string; kind: FeeKind; price: number }) {
  try {
    const [row] = await db.insert(feeItems).values({ companyId: actor.companyId, name: input.name, kind: input.kind, priceFen: input.price }).returning();
    await writeAudit(db, { companyId: actor.companyId, actorUserId: actor.userId, action: "fee_item.create", entity: "fee_item", entityId: row.id, after: row });
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("name", "validation.nameTaken", "conflict");
    throw e;
  }
}

/** A new price applies to bills generated from now on; bills already issued keep their lines. */
export async function updateFeeItem(db: Db, actor: Actor, input: { id: number; price: number; active: boolean }) {
  const [before] = await db.select().from(feeItems).where(and(eq(feeItems.companyId, actor.companyId), eq(feeItems.id, input.id)));
  if (!before) throw new AppError("not_found");
  const [after] = await db
    .update(feeItems)
    .set({ priceFen: input.price, active: input.active })
    .where(and(eq(feeItems.companyId, actor.companyId), eq(feeItems.id, input.id)))
    .returning();
  await writeAudit(db, { companyId: actor.companyId, actorUserId: actor.userId, action: "fee_item.update", entity: "fee_item", entityId: input.id, before, after });
  return after;
}

export async function saveBillingSettings(db: Db, actor: Actor, input: { dueDay: number; rounding: Rounding }) {
  await db
    .insert(billingSettings)
    .values({ companyId: actor.companyId, billingDay: 1, dueDay: input.dueDay, rounding: input.rounding })
    .onConflictDoUpdate({ target: billingSettings.companyId, set: { dueDay: input.dueDay, rounding: input.rounding } });
  await writeAudit(db, { companyId: actor.companyId, actorUserId: actor.userId, action: "billing_settings.update", entity: "billing_settings", entityId: actor.companyId, after: input });
}
