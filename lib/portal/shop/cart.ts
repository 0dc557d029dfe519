import { and, asc, eq } from "drizzle-orm";
import { shopCartItems, shopProducts } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { getProduct } from "./catalogue";

// ── cart ─────────────────────────────────────────────────────────────────────

/** Sets a cart line (0 removes it). The product must be the company's and on sale. */
export async function setCartItem(db: Db, companyId: number, userId: number, productId: number, quantity: number) {
  const product = await getProduct(db, companyId, productId);
  if (!product || !product.active) throw new AppError("not_found");
  if (quantity === 0) {
    await db.delete(shopCartItems).where(and(eq(shopCartItems.userId, userId), eq(shopCartItems.productId, productId)));
    return;
  }
  if (quantity > product.stock) throw AppError.field("quantity", "portal.errors.outOfStock", "conflict");
  await db
    .insert(shopCartItems)
    .values({ companyId, userId, productId, quantity })
    .onConflictDoUpdate({ target: [shopCartItems.userId, shopCartItems.productId], set: { quantity } });
}

export async function cartLines(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select({
      productId: shopProducts.id,
      name: shopProducts.name,
      kind: shopProducts.kind,
      priceFen: shopProducts.priceFen,
      stock: shopProducts.stock,
      quantity: shopCartItems.quantity,
    })
    .from(shopCartItems)
    .innerJoin(
      shopProducts,
      and(
        eq(shopProducts.id, shopCartItems.productId),
        eq(shopProducts.companyId, companyId),
        eq(shopProducts.active, true),
      ),
    )
    .where(and(eq(shopCartItems.companyId, companyId), eq(shopCartItems.userId, userId)))
    .orderBy(asc(shopProducts.id));
}
