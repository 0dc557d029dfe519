import "server-only";
import { and, desc, eq, like, sql } from "drizzle-orm";
import {
  buildings,
  communities,
  companies,
  crmNotices,
  households,
  ladderFirings,
  residentLinks,
  units,
} from "@/db/schema";
import type { NOTICE_KIND_VALUES } from "@/db/schema/crm/arrears";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView, visibleHouseholds, type Viewer } from "@/lib/registry/view";

/**
 * Reads of the ladder's numbered notices. Residents see only the notices of households they
 * are an approved resident of, and never a lawyer's letter still waiting for legal's
 * confirmation; staff only those of households their registry view shows.
 * Anything else is "not found" (null), never someone else's data.
 */

function noticeSelect(db: DbOrTx, companyId: number) {
  const p = householdPlacementSubquery(db, companyId);
  const q = db
    .select({
      id: crmNotices.id,
      number: crmNotices.number,
      kind: crmNotices.kind,
      issuedOn: crmNotices.issuedOn,
      snapshot: crmNotices.snapshot,
      householdId: crmNotices.householdId,
      householdName: households.name,
      companyName: companies.name,
      communityName: communities.name,
      buildingName: buildings.name,
      unitNumber: units.number,
      stepKey: ladderFirings.stepKey,
      occurrence: ladderFirings.occurrence,
      awaitingConfirmation: crmNotices.awaitingConfirmation,
    })
    .from(crmNotices)
    .innerJoin(households, and(eq(households.id, crmNotices.householdId), eq(households.companyId, companyId)))
    .innerJoin(companies, eq(companies.id, crmNotices.companyId))
    .leftJoin(ladderFirings, and(eq(ladderFirings.id, crmNotices.firingId), eq(ladderFirings.companyId, companyId)))
    .leftJoin(p, eq(p.householdId, crmNotices.householdId))
    .leftJoin(units, eq(units.id, p.unitId))
    .leftJoin(buildings, eq(buildings.id, p.buildingId))
    .leftJoin(communities, eq(communities.id, p.communityId));
  return { q, p };
}

export type NoticeView = NonNullable<Awaited<ReturnType<typeof residentNotice>>>;

export async function residentNotice(db: DbOrTx, companyId: number, userId: number, id: number) {
  const { q } = noticeSelect(db, companyId);
  const [row] = await q.where(
    and(
      eq(crmNotices.companyId, companyId),
      eq(crmNotices.id, id),
      eq(crmNotices.awaitingConfirmation, false),
      sql`exists (select 1 from ${residentLinks} rl where rl.household_id = ${crmNotices.householdId} and rl.company_id = ${companyId} and rl.user_id = ${userId} and rl.status = 'approved')`,
    ),
  );
  return row ?? null;
}

export async function staffNotice(db: DbOrTx, companyId: number, viewer: Viewer, id: number) {
  const view = await loadRegistryView(db, companyId, viewer);
  const { q, p } = noticeSelect(db, companyId);
  const [row] = await q.where(
    and(eq(crmNotices.companyId, companyId), eq(crmNotices.id, id), visibleHouseholds(view, p)),
  );
  return row ?? null;
}

export const NOTICE_PAGE_SIZE = 200;

/** Notices the viewer may see, newest first, by kind and month of issue (YYYY-MM). */
export async function listNotices(
  db: DbOrTx,
  companyId: number,
  viewer: Viewer,
  filter: { kind?: (typeof NOTICE_KIND_VALUES)[number]; month?: string; householdId?: number },
) {
  const view = await loadRegistryView(db, companyId, viewer);
  const { q, p } = noticeSelect(db, companyId);
  return q
    .where(
      and(
        eq(crmNotices.companyId, companyId),
        visibleHouseholds(view, p),
        filter.kind ? eq(crmNotices.kind, filter.kind) : undefined,
        filter.month ? like(crmNotices.issuedOn, `${filter.month}-%`) : undefined,
        filter.householdId ? eq(crmNotices.householdId, filter.householdId) : undefined,
      ),
    )
    .orderBy(desc(crmNotices.issuedOn), desc(crmNotices.id))
    .limit(NOTICE_PAGE_SIZE);
}

/** A resident's notices (all their approved households), newest first. */
export async function residentNotices(db: DbOrTx, companyId: number, userId: number) {
  const { q } = noticeSelect(db, companyId);
  return q
    .where(
      and(
        eq(crmNotices.companyId, companyId),
        eq(crmNotices.awaitingConfirmation, false),
        sql`exists (select 1 from ${residentLinks} rl where rl.household_id = ${crmNotices.householdId} and rl.company_id = ${companyId} and rl.user_id = ${userId} and rl.status = 'approved')`,
      ),
    )
    .orderBy(desc(crmNotices.issuedOn), desc(crmNotices.id))
    .limit(50);
}
