import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { bills, crmDisputePhotos, crmDisputes, crmNotices, households, residentLinks, users } from "@/db/schema";
import type { DISPUTE_STATUS_VALUES } from "@/db/schema/crm/disputes";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView, visibleHouseholds, type Viewer } from "@/lib/registry/view";
import { hasAnyRole } from "@/lib/auth/roles";
import { billDisputesOnly, DISPUTE_STAFF_ROLES } from "./access";

/**
 * Reads of residents' disputes. Residents see those of households they are an approved resident
 * of; staff those of the households their registry view shows (finance: bill disputes only).
 * Anything else is "not found" (null / absent), never someone else's data.
 */

export type DisputeStatus = (typeof DISPUTE_STATUS_VALUES)[number];

/** Households of the company with an open dispute: the ladder fires nothing for them. */
export async function disputedHouseholds(db: DbOrTx, companyId: number): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({ householdId: crmDisputes.householdId })
    .from(crmDisputes)
    .where(and(eq(crmDisputes.companyId, companyId), eq(crmDisputes.status, "open")));
  return new Set(rows.map((r) => r.householdId));
}

function disputeSelect(db: DbOrTx, companyId: number) {
  const p = householdPlacementSubquery(db, companyId);
  const q = db
    .select({
      id: crmDisputes.id,
      householdId: crmDisputes.householdId,
      householdName: households.name,
      subject: crmDisputes.subject,
      noticeId: crmDisputes.noticeId,
      noticeNumber: crmNotices.number,
      noticeKind: crmNotices.kind,
      billId: crmDisputes.billId,
      billPeriod: bills.period,
      reason: crmDisputes.reason,
      status: crmDisputes.status,
      resolution: crmDisputes.resolution,
      resolvedOn: crmDisputes.resolvedOn,
      resolverName: sql<string | null>`(select u2.name from ${users} u2 where u2.id = ${crmDisputes.resolvedByUserId})`,
      filerName: users.name,
      sentimentEntryId: crmDisputes.sentimentEntryId,
      billingCorrectionId: crmDisputes.billingCorrectionId,
      createdAt: crmDisputes.createdAt,
    })
    .from(crmDisputes)
    .innerJoin(households, and(eq(households.id, crmDisputes.householdId), eq(households.companyId, companyId)))
    .innerJoin(users, eq(users.id, crmDisputes.createdByUserId))
    .leftJoin(crmNotices, and(eq(crmNotices.id, crmDisputes.noticeId), eq(crmNotices.companyId, companyId)))
    .leftJoin(bills, and(eq(bills.id, crmDisputes.billId), eq(bills.companyId, companyId)))
    .leftJoin(p, eq(p.householdId, crmDisputes.householdId));
  return { q, p };
}

export type DisputeRow = Awaited<ReturnType<typeof residentDisputes>>[number];

const ownHousehold = (companyId: number, userId: number) =>
  sql`exists (select 1 from ${residentLinks} rl where rl.household_id = ${crmDisputes.householdId} and rl.company_id = ${companyId} and rl.user_id = ${userId} and rl.status = 'approved')`;

/** A resident's disputes (all their approved households), newest first; optionally of one notice or bill. */
export async function residentDisputes(
  db: DbOrTx,
  companyId: number,
  userId: number,
  of?: { noticeId?: number; billId?: number },
) {
  return disputeSelect(db, companyId)
    .q.where(
      and(
        eq(crmDisputes.companyId, companyId),
        ownHousehold(companyId, userId),
        of?.noticeId ? eq(crmDisputes.noticeId, of.noticeId) : undefined,
        of?.billId ? eq(crmDisputes.billId, of.billId) : undefined,
      ),
    )
    .orderBy(desc(crmDisputes.id))
    .limit(100);
}

/** The staff query: the viewer's households (and bill disputes only for finance alone). */
function staffSelect(db: DbOrTx, companyId: number, viewer: Viewer, view: RegistryView, where: SQL | undefined) {
  const { q, p } = disputeSelect(db, companyId);
  return q.where(
    and(
      eq(crmDisputes.companyId, companyId),
      visibleHouseholds(view, p),
      billDisputesOnly(viewer.roles) ? eq(crmDisputes.subject, "bill") : undefined,
      where,
    ),
  );
}

/** Disputes the viewer may see, open ones first then newest; optionally one status or one household. */
export async function listDisputes(
  db: DbOrTx,
  companyId: number,
  viewer: Viewer,
  filter: { status?: DisputeStatus; householdId?: number } = {},
) {
  const view = await loadRegistryView(db, companyId, viewer);
  const q = staffSelect(
    db,
    companyId,
    viewer,
    view,
    and(
      filter.status ? eq(crmDisputes.status, filter.status) : undefined,
      filter.householdId ? eq(crmDisputes.householdId, filter.householdId) : undefined,
    ),
  );
  return q.orderBy(sql`${crmDisputes.status} = 'open' desc`, desc(crmDisputes.id)).limit(500);
}

/** One dispute the viewer may see, or null. */
export async function staffDispute(db: DbOrTx, companyId: number, viewer: Viewer, id: number) {
  const [row] = await staffSelect(
    db,
    companyId,
    viewer,
    await loadRegistryView(db, companyId, viewer),
    eq(crmDisputes.id, id),
  );
  return row ?? null;
}

/** A bill (not voided) of one of the resident's own households, or null. */
export async function residentBill(db: DbOrTx, companyId: number, userId: number, billId: number) {
  const [row] = await db
    .select({ id: bills.id, period: bills.period, householdId: bills.householdId })
    .from(bills)
    .where(
      and(
        eq(bills.companyId, companyId),
        eq(bills.id, billId),
        eq(bills.voided, false),
        sql`exists (select 1 from ${residentLinks} rl where rl.household_id = ${bills.householdId} and rl.company_id = ${companyId} and rl.user_id = ${userId} and rl.status = 'approved')`,
      ),
    );
  return row ?? null;
}

/** Photo ids per dispute (for thumbnails; the files themselves go through disputePhotoFor). */
export async function disputePhotoIds(db: DbOrTx, companyId: number, disputeIds: readonly number[]) {
  const out = new Map<number, number[]>();
  if (!disputeIds.length) return out;
  const rows = await db
    .select({ id: crmDisputePhotos.id, disputeId: crmDisputePhotos.disputeId })
    .from(crmDisputePhotos)
    .where(and(eq(crmDisputePhotos.companyId, companyId), inArray(crmDisputePhotos.disputeId, [...disputeIds])))
    .orderBy(crmDisputePhotos.id);
  for (const r of rows) out.set(r.disputeId, [...(out.get(r.disputeId) ?? []), r.id]);
  return out;
}

/**
 * A dispute photo for the viewer, or null (one 404 for every refusal): an approved resident of
 * the dispute's household, or staff who may see the dispute (same scope as the dispute pages).
 */
export async function disputePhotoFor(db: DbOrTx, companyId: number, viewer: Viewer, id: number) {
  const [row] = await db
    .select({
      disputeId: crmDisputePhotos.disputeId,
      storedPath: crmDisputePhotos.storedPath,
      mime: crmDisputePhotos.mime,
    })
    .from(crmDisputePhotos)
    .innerJoin(crmDisputes, and(eq(crmDisputes.id, crmDisputePhotos.disputeId), eq(crmDisputes.companyId, companyId)))
    .where(and(eq(crmDisputePhotos.companyId, companyId), eq(crmDisputePhotos.id, id)));
  if (!row) return null;
  if (
    viewer.roles.includes("resident") &&
    (await residentDisputes(db, companyId, viewer.userId)).some((d) => d.id === row.disputeId)
  )
    return row;
  if (hasAnyRole(viewer.roles, DISPUTE_STAFF_ROLES) && (await staffDispute(db, companyId, viewer, row.disputeId)))
    return row;
  return null;
}
