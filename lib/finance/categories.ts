import { and, asc, eq, inArray } from "drizzle-orm";
import { feeItems, financeCategories } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { DEFAULT_CATEGORIES, feeCategoryCode } from "./rules";

/**
 * Creates the default categories and one income category per fee item, once (unique code per
 * company + onConflictDoNothing, so concurrent callers are fine).
 */
export async function ensureCategories(db: DbOrTx, companyId: number): Promise<void> {
  const items = await db
    .select({ id: feeItems.id, name: feeItems.name })
    .from(feeItems)
    .where(eq(feeItems.companyId, companyId));
  const rows = [
    ...DEFAULT_CATEGORIES.map((c) => ({ companyId, kind: c.kind, code: c.code, name: c.name, feeItemId: null })),
    ...items.map((f) => ({
      companyId,
      kind: "income" as const,
      code: feeCategoryCode(f.id),
      name: f.name,
      feeItemId: f.id,
    })),
  ];
  await db.insert(financeCategories).values(rows).onConflictDoNothing();
}

export async function listCategories(db: DbOrTx, companyId: number, kind?: "income" | "expense") {
  return db
    .select({
      id: financeCategories.id,
      kind: financeCategories.kind,
      code: financeCategories.code,
      name: financeCategories.name,
      feeItemId: financeCategories.feeItemId,
    })
    .from(financeCategories)
    .where(
      and(
        eq(financeCategories.companyId, companyId),
        eq(financeCategories.active, true),
        kind ? eq(financeCategories.kind, kind) : undefined,
      ),
    )
    .orderBy(asc(financeCategories.kind), asc(financeCategories.id));
}

/** Category ids by code, for the given codes. */
export async function categoryIdsByCode(db: DbOrTx, companyId: number, codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db
    .select({ id: financeCategories.id, code: financeCategories.code })
    .from(financeCategories)
    .where(and(eq(financeCategories.companyId, companyId), inArray(financeCategories.code, codes)));
  return new Map(rows.map((r) => [r.code, r.id]));
}
