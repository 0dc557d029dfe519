import { and, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import {
  buildings,
  communities,
  householdUnits,
  portalNoticeReads,
  portalNotices,
  residentLinks,
  units,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Role } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { residentCommunityIds, staffCommunityIds } from "./access";
import type { NoticeInput } from "./schemas";

/*
 * 公告. A resident sees the published announcements (publishAt ≤ now, computed at read
 * time) of the communities of their approved households; anything else — unpublished,
 * another community, another company — is simply not found.
 */

const noticeColumns = {
  id: portalNotices.id,
  communityId: portalNotices.communityId,
  title: portalNotices.title,
  body: portalNotices.body,
  pinned: portalNotices.pinned,
  emergency: portalNotices.emergency,
  publishAt: portalNotices.publishAt,
};

/** The resident's published announcements, pinned first then newest, with whether they read each. */
export async function residentNotices(db: DbOrTx, companyId: number, userId: number, now: Date, limit = 100) {
  const mine = await residentCommunityIds(db, companyId, userId);
  if (!mine.length) return [];
  return db
    .select({ ...noticeColumns, communityName: communities.name, readAt: portalNoticeReads.readAt })
    .from(portalNotices)
    .innerJoin(communities, eq(communities.id, portalNotices.communityId))
    .leftJoin(
      portalNoticeReads,
      and(eq(portalNoticeReads.noticeId, portalNotices.id), eq(portalNoticeReads.userId, userId)),
    )
    .where(
      and(
        eq(portalNotices.companyId, companyId),
        inArray(portalNotices.communityId, mine),
        lte(portalNotices.publishAt, now),
      ),
    )
    .orderBy(desc(portalNotices.pinned), desc(portalNotices.publishAt), desc(portalNotices.id))
    .limit(limit);
}

/** One announcement the resident may see, or null. */
export async function residentNotice(db: DbOrTx, companyId: number, userId: number, id: number, now: Date) {
  const mine = await residentCommunityIds(db, companyId, userId);
  if (!mine.length) return null;
  const [row] = await db
    .select({ ...noticeColumns, communityName: communities.name, readAt: portalNoticeReads.readAt })
    .from(portalNotices)
    .innerJoin(communities, eq(communities.id, portalNotices.communityId))
    .leftJoin(
      portalNoticeReads,
      and(eq(portalNoticeReads.noticeId, portalNotices.id), eq(portalNoticeReads.userId, userId)),
    )
    .where(
      and(
        eq(portalNotices.companyId, companyId),
        eq(portalNotices.id, id),
        inArray(portalNotices.communityId, mine),
        lte(portalNotices.publishAt, now),
      ),
    );
  return row ?? null;
}

/** Unread emergency announcements: the banner on every resident page. */
export async function unreadEmergencies(db: DbOrTx, companyId: number, userId: number, now: Date) {
  const mine = await residentCommunityIds(db, companyId, userId);
  if (!mine.length) return [];
  return db
    .select({ id: portalNotices.id, title: portalNotices.title })
    .from(portalNotices)
    .leftJoin(
      portalNoticeReads,
      and(eq(portalNoticeReads.noticeId, portalNotices.id), eq(portalNoticeReads.userId, userId)),
    )
    .where(
      and(
        eq(portalNotices.companyId, companyId),
        inArray(portalNotices.communityId, mine),
        eq(portalNotices.emergency, true),
        lte(portalNotices.publishAt, now),
        isNull(portalNoticeReads.noticeId),
      ),
    )
    .orderBy(desc(portalNotices.publishAt));
}

/** Records the first read of a visible announcement (idempotent); not visible → not_found, nothing written. */
export async function markNoticeRead(db: Db, companyId: number, userId: number, id: number, now: Date) {
  const notice = await residentNotice(db, companyId, userId, id, now);
  if (!notice) throw new AppError("not_found");
  await db.insert(portalNoticeReads).values({ noticeId: id, userId, companyId, readAt: now }).onConflictDoNothing();
  return notice;
}

/** Writes an announcement for one of the writer's communities. */
export async function createNotice(
  db: Db,
  ctx: { companyId: number; userId: number; roles: readonly Role[] },
  input: NoticeInput,
  now: Date,
) {
  const allowed = await staffCommunityIds(db, ctx.companyId, ctx);
  if (!allowed.includes(input.communityId)) throw AppError.field("communityId", "portal.errors.communityNotYours");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(portalNotices)
      .values({
        companyId: ctx.companyId,
        communityId: input.communityId,
        title: input.title,
        body: input.body,
        pinned: input.pinned,
        emergency: input.emergency,
        publishAt: input.publishAt ?? now,
        createdByUserId: ctx.userId,
      })
      .returning();
    await writeAudit(tx, {
      companyId: ctx.companyId,
      actorUserId: ctx.userId,
      action: "portal.notice.create",
      entity: "portal_notice",
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

/** Resident accounts (approved links) per community: the read rate's denominator. */
export async function residentAccountsByCommunity(db: DbOrTx, companyId: number, communityIds: number[]) {
  if (!communityIds.length) return new Map<number, number>();
  const rows = await db
    .select({ communityId: buildings.communityId, n: sql<number>`count(distinct ${residentLinks.userId})` })
    .from(residentLinks)
    .innerJoin(
      householdUnits,
      and(
        eq(householdUnits.householdId, residentLinks.householdId),
        eq(householdUnits.companyId, companyId),
        isNull(householdUnits.toDate),
      ),
    )
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.status, "approved"),
        inArray(buildings.communityId, communityIds),
      ),
    )
    .groupBy(buildings.communityId);
  return new Map(rows.map((r) => [r.communityId, Number(r.n)]));
}

/** Staff list: the communities' announcements with readers, resident accounts and the read rate (0..1, null without residents). */
export async function staffNotices(db: DbOrTx, companyId: number, communityIds: number[], limit = 200) {
  if (!communityIds.length) return [];
  const readers = db
    .select({ noticeId: portalNoticeReads.noticeId, n: sql<number>`count(*)`.as("readers") })
    .from(portalNoticeReads)
    .where(eq(portalNoticeReads.companyId, companyId))
    .groupBy(portalNoticeReads.noticeId)
    .as("readers");
  const [rows, accounts] = await Promise.all([
    db
      .select({ ...noticeColumns, communityName: communities.name, readers: sql<number>`coalesce(${readers.n}, 0)` })
      .from(portalNotices)
      .innerJoin(communities, eq(communities.id, portalNotices.communityId))
      .leftJoin(readers, eq(readers.noticeId, portalNotices.id))
      .where(and(eq(portalNotices.companyId, companyId), inArray(portalNotices.communityId, communityIds)))
      .orderBy(desc(portalNotices.publishAt), desc(portalNotices.id))
      .limit(limit),
    residentAccountsByCommunity(db, companyId, communityIds),
  ]);
  return rows.map((r) => {
    const residents = accounts.get(r.communityId) ?? 0;
    const n = Number(r.readers);
    return { ...r, readers: n, residents, readRate: residents ? n / residents : null };
  });
}
