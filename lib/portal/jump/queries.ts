import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { buildings, crmNotices, householdContacts, households, units, workOrders } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { searchCondition } from "@/lib/registry/households";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView, visibleHouseholds } from "@/lib/registry/view";
import { loadOrderScope, ORDER_STAFF_ROLES, visibleOrders } from "@/lib/tickets/access";
import { JUMP_HOUSEHOLD_LIMIT, parseJumpQuery } from "./rules";
import type { JumpResult } from "./schemas";

/**
 * The staff quick jump (Ctrl-K): households the viewer's registry view shows, the work order and
 * the arrears notice with the typed number when the viewer may open them. Every query is scoped
 * to the company and to the viewer in its WHERE clause and limited; nothing else is read.
 */
export async function quickJump(
  db: DbOrTx,
  companyId: number,
  viewer: { id: number; roles: readonly Role[] },
  raw: string,
): Promise<JumpResult[]> {
  const q = parseJumpQuery(raw);
  const view = await loadRegistryView(db, companyId, { userId: viewer.id, roles: viewer.roles });
  const [order, notice, found] = await Promise.all([
    // Roles without the order pages (HR) get no order; loadOrderScope would read them as residents.
    q.orderId && viewer.roles.some((r) => ORDER_STAFF_ROLES.includes(r))
      ? jumpOrder(db, companyId, viewer, q.orderId)
      : null,
    q.noticeNumber ? jumpNotice(db, companyId, view, q.noticeNumber) : null,
    q.text ? jumpHouseholds(db, companyId, view, q.text) : [],
  ]);
  return [...(order ? [order] : []), ...(notice ? [notice] : []), ...found];
}

const unitLabel = (code: string | null, number: string | null) => (code && number ? `${code}-${number}` : null);

async function jumpHouseholds(
  db: DbOrTx,
  companyId: number,
  view: Awaited<ReturnType<typeof loadRegistryView>>,
  text: string,
): Promise<JumpResult[]> {
  const placement = householdPlacementSubquery(db, companyId);
  const rows = await db
    .select({
      id: households.id,
      name: households.name,
      unitNumber: units.number,
      buildingCode: buildings.code,
      phone: sql<string | null>`(select ${householdContacts.phone} from ${householdContacts}
        where ${householdContacts.householdId} = ${households.id} order by ${householdContacts.isPrimary} desc, ${householdContacts.id} limit 1)`,
    })
    .from(households)
    .leftJoin(placement, eq(placement.householdId, households.id))
    .leftJoin(units, eq(units.id, placement.unitId))
    .leftJoin(buildings, eq(buildings.id, placement.buildingId))
    .where(
      and(
        eq(households.companyId, companyId),
        eq(households.active, true),
        visibleHouseholds(view, placement),
        searchCondition(text),
      ),
    )
    .orderBy(asc(households.name), asc(households.id))
    .limit(JUMP_HOUSEHOLD_LIMIT);
  return rows.map((r) => ({
    kind: "household" as const,
    id: r.id,
    href: `/staff/registry/households/${r.id}`,
    title: r.name,
    unit: unitLabel(r.buildingCode, r.unitNumber),
    typeKey: null,
    phone: r.phone,
  }));
}

async function jumpOrder(
  db: DbOrTx,
  companyId: number,
  viewer: { id: number; roles: readonly Role[] },
  orderId: number,
): Promise<JumpResult | null> {
  const scope = await loadOrderScope(db, companyId, viewer);
  const [row] = await db
    .select({
      id: workOrders.id,
      type: workOrders.type,
      title: workOrders.title,
      description: workOrders.description,
      householdName: households.name,
    })
    .from(workOrders)
    .leftJoin(households, and(eq(households.id, workOrders.householdId), eq(households.companyId, companyId)))
    .where(and(eq(workOrders.companyId, companyId), eq(workOrders.id, orderId), visibleOrders(db, companyId, scope)))
    .limit(1);
  if (!row) return null;
  return {
    kind: "order",
    id: row.id,
    href: `/staff/orders/${row.id}`,
    title: row.householdName ?? (row.title ?? row.description).slice(0, 60),
    unit: null,
    typeKey: `tickets.type.${row.type}`,
    phone: null,
  };
}

async function jumpNotice(
  db: DbOrTx,
  companyId: number,
  view: Awaited<ReturnType<typeof loadRegistryView>>,
  number: string,
): Promise<JumpResult | null> {
  const placement = householdPlacementSubquery(db, companyId);
  const [row] = await db
    .select({ id: crmNotices.id, number: crmNotices.number, kind: crmNotices.kind, householdName: households.name })
    .from(crmNotices)
    .innerJoin(households, and(eq(households.id, crmNotices.householdId), eq(households.companyId, companyId)))
    .leftJoin(placement, eq(placement.householdId, crmNotices.householdId))
    .where(and(eq(crmNotices.companyId, companyId), eq(crmNotices.number, number), visibleHouseholds(view, placement)))
    .limit(1);
  if (!row) return null;
  return {
    kind: "notice",
    id: row.id,
    href: `/staff/crm/notices/${row.id}`,
    title: `${row.number} · ${row.householdName}`,
    unit: null,
    typeKey: `arrears.kind.${row.kind}`,
    phone: null,
  };
}
