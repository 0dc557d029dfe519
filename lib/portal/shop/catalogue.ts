import { and, asc, eq } from "drizzle-orm";
import { shopProducts } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { activeGoldBadges, publishedRules } from "@/lib/crm/ledger/read";
import type { Db, DbOrTx } from "@/lib/db/client";
import { type ProductInput } from "../schemas";

/*
 * 网购平台. The server prices every order from the catalogue (lib/portal/rules.ts
 * shopTotals) and applies the company's VIP discount only to a household holding an
 * active gold badge. Stock is taken with a conditional update (stock >= quantity) inside
 * the order's transaction, so concurrent orders never oversell; cancelling gives it back.
 * Paid orders record shop income (shop_income) for finance.
 */

// ── catalogue ────────────────────────────────────────────────────────────────

export async function listProducts(db: DbOrTx, companyId: number, { activeOnly }: { activeOnly: boolean }) {
  return db
    .select()
    .from(shopProducts)
    .where(and(eq(shopProducts.companyId, companyId), activeOnly ? eq(shopProducts.active, true) : undefined))
    .orderBy(asc(shopProducts.kind), asc(shopProducts.id));
}

export async function getProduct(db: DbOrTx, companyId: number, id: number) {
  const [row] = await db
    .select()
    .from(shopProducts)
    .where(and(eq(shopProducts.companyId, companyId), eq(shopProducts.id, id)));
  return row ?? null;
}

/** Creates or updates a product (audited with before/after: prices are money). */
export async function saveProduct(
  db: Db,
  ctx: { companyId: number; userId: number },
  input: ProductInput,
  photo?: { storedPath: string; mime: string },
) {
  return db.transaction(async (tx) => {
    const values = {
      kind: input.kind,
      name: input.name,
      description: input.description,
      priceFen: input.price,
      stock: input.stock,
      active: input.active,
      ...(photo ? { photoPath: photo.storedPath, photoMime: photo.mime } : {}),
    };
    if (input.id) {
      const before = await getProduct(tx, ctx.companyId, input.id);
      if (!before) throw new AppError("not_found");
      const [after] = await tx
        .update(shopProducts)
        .set(values)
        .where(and(eq(shopProducts.companyId, ctx.companyId), eq(shopProducts.id, input.id)))
        .returning();
      await writeAudit(tx, {
        companyId: ctx.companyId,
        actorUserId: ctx.userId,
        action: "portal.product.update",
        entity: "shop_product",
        entityId: after.id,
        before,
        after,
      });
      return after;
    }
    const [row] = await tx
      .insert(shopProducts)
      .values({ companyId: ctx.companyId, ...values })
      .returning();
    await writeAudit(tx, {
      companyId: ctx.companyId,
      actorUserId: ctx.userId,
      action: "portal.product.create",
      entity: "shop_product",
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

/** A product photo a member of the company may see (any staff or resident of it), for /api/files/p<id>. */
export async function productPhoto(db: DbOrTx, companyId: number, productId: number) {
  const [row] = await db
    .select({ storedPath: shopProducts.photoPath, mime: shopProducts.photoMime })
    .from(shopProducts)
    .where(and(eq(shopProducts.companyId, companyId), eq(shopProducts.id, productId)));
  return row?.storedPath && row.mime ? { storedPath: row.storedPath, mime: row.mime } : null;
}

// ── VIP ──────────────────────────────────────────────────────────────────────

/** The VIP percent for each of the resident's households holding an active gold badge on `asOf`. */
export async function vipPercents(
  db: DbOrTx,
  companyId: number,
  householdIds: number[],
  asOf: string,
): Promise<Map<number, number>> {
  const badges = await activeGoldBadges(db, companyId, householdIds, asOf);
  if (!badges.size) return new Map();
  const percent = (await publishedRules(db, companyId)).gold.vipDiscountPercent;
  return new Map([...badges.keys()].map((h) => [h, percent]));
}
