import { and, eq, inArray, isNull, lte, notInArray, sql } from "drizzle-orm";
import { bills, households, portalNoticeReads, portalNotices, workOrders } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { residentCommunityIds } from "./access";
import { activeGoldBadges, publishedRules } from "@/lib/crm/ledger/read";

/**
 * The resident home's figures in a handful of set-based queries: amount due per household,
 * open requests, unread announcements, gold cards.
 */
export async function residentDashboard(
  db: DbOrTx,
  companyId: number,
  userId: number,
  householdIds: number[],
  now: Date,
  asOf: string,
) {
  const communityIds = await residentCommunityIds(db, companyId, userId);
  const [due, open, unread, gold, names] = await Promise.all([
    householdIds.length
      ? db
          .select({
            householdId: bills.householdId,
            owedFen: sql<number>`sum(${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen})`,
          })
          .from(bills)
          .where(
            and(
              eq(bills.companyId, companyId),
              inArray(bills.householdId, householdIds),
              eq(bills.voided, false),
              sql`${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen} > 0`,
            ),
          )
          .groupBy(bills.householdId)
      : [],
    householdIds.length
      ? db
          .select({ n: sql<number>`count(*)` })
          .from(workOrders)
          .where(
            and(
              eq(workOrders.companyId, companyId),
              inArray(workOrders.householdId, householdIds),
              notInArray(workOrders.status, ["confirmed", "closed", "cancelled"]),
            ),
          )
      : [{ n: 0 }],
    unreadNoticeCount(db, companyId, userId, communityIds, now),
    activeGoldBadges(db, companyId, householdIds, asOf),
    householdIds.length
      ? db
          .select({ id: households.id, name: households.name })
          .from(households)
          .where(and(eq(households.companyId, companyId), inArray(households.id, householdIds)))
      : [],
  ]);
  const percent = gold.size ? (await publishedRules(db, companyId)).gold.vipDiscountPercent : 0;
  const nameOf = new Map(names.map((h) => [h.id, h.name]));
  return {
    due: due.map((d) => ({
      householdId: d.householdId,
      name: nameOf.get(d.householdId) ?? "",
      owedFen: Number(d.owedFen),
    })),
    dueFen: due.reduce((s, d) => s + Number(d.owedFen), 0),
    openRequests: Number(open[0]?.n ?? 0),
    unreadNotices: unread,
    gold: [...gold.entries()].map(([householdId, badge]) => ({
      householdId,
      percent,
      expiresOn: badge.expiresOn,
      name: nameOf.get(householdId) ?? "",
    })),
  };
}

/** Announcements of the resident's communities published by `now` that they have not read. */
async function unreadNoticeCount(db: DbOrTx, companyId: number, userId: number, communityIds: number[], now: Date) {
  if (communityIds.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(portalNotices)
    .leftJoin(
      portalNoticeReads,
      and(eq(portalNoticeReads.noticeId, portalNotices.id), eq(portalNoticeReads.userId, userId)),
    )
    .where(
      and(
        eq(portalNotices.companyId, companyId),
        inArray(portalNotices.communityId, communityIds),
        lte(portalNotices.publishAt, now),
        isNull(portalNoticeReads.noticeId),
      ),
    );
  return Number(row?.n ?? 0);
}
