import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { residentLinks, workOrderAssignees, workOrders } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView } from "@/lib/registry/view";

/**
 * Who may open the order pages (SPEC §2). What each sees: the registry scope of their work roles,
 * plus every order dispatched to them or reported by them. Finance and legal have no order scope of
 * their own: they see only the collection orders (催费) assigned to them, and those orders' photos.
 */
export const ORDER_STAFF_ROLES: readonly Role[] = [
  "admin",
  "front_desk",
  "supervisor",
  "project_manager",
  "butler",
  "technician",
  "finance",
  "legal",
];
/** The roles that see work orders only as assignees of a collection order. */
export const COLLECTION_ONLY_ROLES: readonly Role[] = ["finance", "legal"];
export const INTAKE_ROLES: readonly Role[] = ["admin", "front_desk", "supervisor", "butler", "project_manager"];
export const TRIAGE_ROLES: readonly Role[] = ["admin", "front_desk", "supervisor"];
export const EQUIPMENT_ROLES: readonly Role[] = ["admin", "project_manager", "supervisor", "technician"];
export const EQUIPMENT_EDIT_ROLES: readonly Role[] = ["admin", "project_manager"];
export const KB_EDIT_ROLES: readonly Role[] = ["admin", "front_desk", "supervisor", "project_manager"];
export const EMERGENCY_ROLES: readonly Role[] = [
  "admin",
  "front_desk",
  "supervisor",
  "project_manager",
  "butler",
  "technician",
];

export interface OrderScope {
  userId: number;
  view: RegistryView;
  /** A resident sees only its approved households' orders. */
  resident: boolean;
  /** Finance/legal without another work role: only the collection orders assigned to them. */
  collectionOnly?: boolean;
}

export async function loadOrderScope(
  db: DbOrTx,
  companyId: number,
  user: { id: number; roles: readonly Role[] },
): Promise<OrderScope> {
  const none: RegistryView = { kind: "some", butlerIds: [], communityIds: [] };
  // Finance and legal see every household of the company in the registry, but no work orders by it.
  const workRoles = user.roles.filter((r) => ORDER_STAFF_ROLES.includes(r) && !COLLECTION_ONLY_ROLES.includes(r));
  if (workRoles.length)
    return {
      userId: user.id,
      view: await loadRegistryView(db, companyId, { userId: user.id, roles: workRoles }),
      resident: false,
    };
  if (user.roles.some((r) => COLLECTION_ONLY_ROLES.includes(r)))
    return { userId: user.id, view: none, resident: false, collectionOnly: true };
  return { userId: user.id, view: none, resident: true };
}

/** The WHERE condition for the orders a scope may see (company scoping is added by the caller). */
export function visibleOrders(db: DbOrTx, companyId: number, scope: OrderScope): SQL | undefined {
  if (scope.resident)
    return inArray(
      workOrders.householdId,
      db
        .select({ id: residentLinks.householdId })
        .from(residentLinks)
        .where(
          and(
            eq(residentLinks.companyId, companyId),
            eq(residentLinks.userId, scope.userId),
            eq(residentLinks.status, "approved"),
          ),
        ),
    );
  if (scope.view.kind === "all") return undefined;
  const assigned = db
    .select({ id: workOrderAssignees.workOrderId })
    .from(workOrderAssignees)
    .where(eq(workOrderAssignees.userId, scope.userId));
  if (scope.collectionOnly) return and(eq(workOrders.type, "collection"), inArray(workOrders.id, assigned));
  // The scope is one set of order ids, a UNION ALL of index searches: dispatched to me (assignees by
  // user), reported by me (orders by creator; staff follow an emergency or an intake they took),
  // my butlers' households, my communities. SQLite then looks the orders up by id. As an OR of the
  // same parts the planner walked the company's 19,500 open orders by status whenever it judged
  // the creator index unselective (with statistics, at 50,000 households: 10 ms for a project
  // manager's count against 0.8 ms; README, "the orders lists' queries"). Written as SQL: SQLite
  // takes no parentheses around a union's parts, and drizzle's unionAll wants one source table.
  const ordersWhere = (condition: SQL) =>
    sql`select ${workOrders.id} from ${workOrders} where ${workOrders.companyId} = ${companyId} and ${condition}`;
  const parts: SQL[] = [
    sql`select ${workOrderAssignees.workOrderId} from ${workOrderAssignees} where ${workOrderAssignees.userId} = ${scope.userId}`,
    ordersWhere(eq(workOrders.createdByUserId, scope.userId)),
  ];
  if (scope.view.butlerIds.length) {
    const p = householdPlacementSubquery(db, companyId);
    parts.push(
      ordersWhere(
        inArray(
          workOrders.householdId,
          db.select({ id: p.householdId }).from(p).where(inArray(p.butlerUserId, scope.view.butlerIds)),
        ),
      ),
    );
  }
  if (scope.view.communityIds.length) parts.push(ordersWhere(inArray(workOrders.communityId, scope.view.communityIds)));
  return sql`${workOrders.id} in (${sql.join(parts, sql` union all `)})`;
}

/** True when the scope may see this order (one query; a miss reads as not found). */
export async function canSeeOrder(db: DbOrTx, companyId: number, scope: OrderScope, orderId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.companyId, companyId), eq(workOrders.id, orderId), visibleOrders(db, companyId, scope)));
  return !!row;
}
