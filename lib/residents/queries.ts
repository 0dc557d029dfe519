import "server-only";
import { and, asc, count, desc, eq, exists, inArray, sql, type SQL, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  auditLog,
  buildings,
  communities,
  communityManagers,
  householdUnits,
  households,
  residentLinks,
  supervisorButlers,
  units,
  users,
} from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import type { RegistryView } from "@/lib/registry/access";
import { loadRegistryView, visibleHouseholds } from "@/lib/registry/view";
import { approvalScope, type HouseholdStaff, type LinkStatus, type Relation } from "./rules";

export interface Viewer {
  userId: number;
  roles: readonly Role[];
}

/* ── Units ──────────────────────────────────────────────────────────────────────── */

export interface UnitLine {
  id: number;
  label: string;
  type: "residential" | "commercial" | "parking";
  areaCentiM2: number;
}

/** The units of each given household, labelled "翠湖花园 1栋 1-101", residential first. */
export async function unitsOfHouseholds(
  db: DbOrTx,
  companyId: number,
  householdIds: number[],
): Promise<Map<number, UnitLine[]>> {
  const out = new Map<number, UnitLine[]>();
  if (householdIds.length === 0) return out;
  const rows = await db
    .select({
      householdId: householdUnits.householdId,
      id: units.id,
      number: units.number,
      type: units.type,
      areaCentiM2: units.areaCentiM2,
      buildingName: buildings.name,
      communityName: communities.name,
    })
    .from(householdUnits)
    // Scoped through household_units.company_id; a units.company_id term here would make SQLite walk every unit of the company.
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, buildings.communityId))
    .where(
      and(
        eq(householdUnits.companyId, companyId),
        inArray(householdUnits.householdId, householdIds),
        isNull(householdUnits.toDate),
      ),
    )
    .orderBy(asc(householdUnits.householdId), sql`${units.type} <> 'residential'`, asc(units.id));
  for (const r of rows) {
    const list = out.get(r.householdId) ?? [];
    list.push({
      id: r.id,
      label: `${r.communityName} ${r.buildingName} ${r.number}`,
      type: r.type,
      areaCentiM2: r.areaCentiM2,
    });
    out.set(r.householdId, list);
  }
  return out;
}

/* ── Staff: the requests a viewer may decide ────────────────────────────────────── */

/**
 * The WHERE condition on resident_links that admits exactly the households the viewer may
 * decide requests for (approvalScope in rules.ts, on the registry's household visibility).
 * Every staff query and command of this module goes through it, so authorization is in the
 * query itself.
 */
export async function decidableByViewer(db: DbOrTx, companyId: number, viewer: Viewer): Promise<SQL> {
  const scope = approvalScope(viewer.roles);
  if (scope.kind === "none") return sql`0`;
  const inCompany = eq(residentLinks.companyId, companyId);
  if (scope.kind === "company") return inCompany;
  const view = await loadRegistryView(db, companyId, { userId: viewer.userId, roles: scope.roles });
  return decidableInView(db, companyId, view);
}

/** decidableByViewer for an "assigned" approver whose registry view (over their approver roles) is known. */
export function decidableInView(db: DbOrTx, companyId: number, view: RegistryView): SQL {
  const inCompany = eq(residentLinks.companyId, companyId);
  if (view.kind === "all") return inCompany;
  const placement = householdPlacementSubquery(db, companyId);
  // Correlated, so SQLite places only the households that have links, not the whole company.
  const placed = db
    .select({ one: sql`1` })
    .from(placement)
    .where(and(eq(placement.householdId, residentLinks.householdId), visibleHouseholds(view, placement)));
  return and(inCompany, exists(placed)) as SQL;
}

export interface RegistrationRow {
  linkId: number;
  status: LinkStatus;
  relation: Relation;
  requestedAt: Date;
  updatedAt: Date;
  requester: { id: number; name: string; phone: string | null };
  household: { id: number; name: string };
  decidedBy: string | null;
  /** The reason given with a rejection. */
  reason: string | null;
  units: UnitLine[];
}

/** Requests with the given status the viewer may decide: pending oldest first, decided newest first. */
export async function listRegistrations(
  db: DbOrTx,
  companyId: number,
  viewer: Viewer,
  status: "pending" | "approved" | "rejected",
  { limit = 200 }: { limit?: number } = {},
): Promise<RegistrationRow[]> {
  const decider = alias(users, "decider");
  const rows = await db
    .select({
      linkId: residentLinks.id,
      status: residentLinks.status,
      relation: residentLinks.relation,
      requestedAt: residentLinks.createdAt,
      updatedAt: residentLinks.updatedAt,
      requesterId: users.id,
      requesterName: users.name,
      requesterPhone: users.phone,
      householdId: households.id,
      householdName: households.name,
      decidedBy: decider.name,
    })
    .from(residentLinks)
    .innerJoin(users, eq(users.id, residentLinks.userId))
    .innerJoin(households, and(eq(households.id, residentLinks.householdId), eq(households.companyId, companyId)))
    .leftJoin(decider, eq(decider.id, residentLinks.decidedByUserId))
    .where(and(await decidableByViewer(db, companyId, viewer), eq(residentLinks.status, status)))
    .orderBy(status === "pending" ? asc(residentLinks.updatedAt) : desc(residentLinks.updatedAt))
    .limit(limit);
  const [unitMap, reasons] = await Promise.all([
    unitsOfHouseholds(db, companyId, [...new Set(rows.map((r) => r.householdId))]),
    status === "rejected"
      ? rejectionReasons(
          db,
          companyId,
          rows.map((r) => r.linkId),
        )
      : Promise.resolve(new Map<number, string | null>()),
  ]);
  return rows.map((r) => ({
    linkId: r.linkId,
    status: r.status,
    relation: r.relation,
    // A request asked again after a rejection reuses its row: the last change is when it was asked.
    requestedAt: r.status === "pending" ? r.updatedAt : r.requestedAt,
    updatedAt: r.updatedAt,
    requester: { id: r.requesterId, name: r.requesterName, phone: r.requesterPhone },
    household: { id: r.householdId, name: r.householdName },
    decidedBy: r.decidedBy,
    reason: reasons.get(r.linkId) ?? null,
    units: unitMap.get(r.householdId) ?? [],
  }));
}

/** How many requests wait for the viewer (the staff navigation badge). */
export async function countPendingRegistrations(db: DbOrTx, companyId: number, viewer: Viewer): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(residentLinks)
    .where(and(await decidableByViewer(db, companyId, viewer), eq(residentLinks.status, "pending")));
  return row?.n ?? 0;
}

/** One request, only if the viewer may decide it (else null: not found and not theirs look the same). */
export async function findDecidableLink(db: DbOrTx, companyId: number, viewer: Viewer, linkId: number) {
  const [row] = await db
    .select({
      id: residentLinks.id,
      userId: residentLinks.userId,
      householdId: residentLinks.householdId,
      relation: residentLinks.relation,
      status: residentLinks.status,
    })
    .from(residentLinks)
    .where(and(eq(residentLinks.id, linkId), await decidableByViewer(db, companyId, viewer)));
  return row ?? null;
}

/** The butler, the butler's supervisor and the community's manager of a household (from its main unit). */
export async function householdStaff(db: DbOrTx, companyId: number, householdId: number): Promise<HouseholdStaff> {
  const placement = householdPlacementSubquery(db, companyId);
  const [row] = await db
    .select({
      butlerUserId: placement.butlerUserId,
      supervisorUserId: supervisorButlers.supervisorUserId,
      managerUserId: communityManagers.managerUserId,
    })
    .from(placement)
    .leftJoin(
      supervisorButlers,
      and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.butlerUserId, placement.butlerUserId)),
    )
    .leftJoin(
      communityManagers,
      and(eq(communityManagers.companyId, companyId), eq(communityManagers.communityId, placement.communityId)),
    )
    .where(eq(placement.householdId, householdId));
  return {
    butlerUserId: row?.butlerUserId ?? null,
    supervisorUserId: row?.supervisorUserId ?? null,
    managerUserId: row?.managerUserId ?? null,
  };
}

/** The reason given with the latest rejection of each link (kept in the audit entry). */
export async function rejectionReasons(
  db: DbOrTx,
  companyId: number,
  linkIds: number[],
): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>();
  if (linkIds.length === 0) return out;
  const rows = await db
    .select({ entityId: auditLog.entityId, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.companyId, companyId),
        eq(auditLog.entity, "resident_link"),
        inArray(auditLog.entityId, linkIds.map(String)),
        eq(auditLog.action, "resident_link.reject"),
      ),
    )
    .orderBy(desc(auditLog.id));
  for (const r of rows) {
    const id = Number(r.entityId);
    if (out.has(id)) continue;
    const reason = (r.after as { reason?: unknown } | null)?.reason;
    out.set(id, typeof reason === "string" && reason ? reason : null);
  }
  return out;
}
