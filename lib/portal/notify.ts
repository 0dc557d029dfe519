import { notifications } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/** In-app notification kinds of the portal; their texts are portal.inbox.kind.* */
export type PortalNotificationKind =
  | "portal.activity.promoted"
  | "portal.activity.cancelled"
  | "portal.shop.paid"
  | "portal.shop.accepted"
  | "portal.shop.delivered"
  | "portal.shop.done"
  | "portal.shop.cancelled";

/** One inbox entry per recipient, inside the caller's transaction (the same table as work-order notifications). */
export async function notifyPortal(
  db: DbOrTx,
  companyId: number,
  userIds: readonly number[],
  kind: PortalNotificationKind,
  payload: Record<string, string | number | null>,
  href: string,
) {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  await db.insert(notifications).values(ids.map((userId) => ({ companyId, userId, kind, payload, href })));
}
