import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { communities, staffRecords } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { ensureCategories, listCategories } from "@/lib/finance/categories";

/** What the request form needs: the company's communities (the person's own first) and expense categories. */
export async function requestFormOptions(db: DbOrTx, companyId: number, userId: number) {
  await ensureCategories(db, companyId);
  const [comms, cats, own] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(and(eq(communities.companyId, companyId), eq(communities.active, true)))
      .orderBy(asc(communities.name)),
    listCategories(db, companyId, "expense"),
    db
      .select({ communityId: staffRecords.communityId })
      .from(staffRecords)
      .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, userId))),
  ]);
  return { communities: comms, categories: cats, ownCommunityId: own[0]?.communityId ?? comms[0]?.id ?? null };
}
