import { notifications } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export type NotificationKind =
  | "order.dispatched"
  | "order.accepted"
  | "order.resolved"
  | "order.reopened"
  | "order.cancelled"
  | "order.escalated"
  | "order.comment"
  | "emergency.reported";

/** Appends one inbox entry per recipient (deduplicated), inside the caller's transaction. */
export async function notify(
  db: DbOrTx,
  companyId: number,
  userIds: Iterable<number | null | undefined>,
  kind: NotificationKind,
  payload: Record<string, string | number | null>,
  href: string | ((userId: number) => string),
) {
  const ids = [...new Set([...userIds].filter((u): u is number => typeof u === "number"))];
  if (!ids.length) return;
  await db
    .insert(notifications)
    .values(
      ids.map((userId) => ({ companyId, userId, kind, payload, href: typeof href === "string" ? href : href(userId) })),
    );
}

export const staffOrderHref = (id: number) => `/staff/orders/${id}`;
export const residentOrderHref = (id: number) => `/requests/${id}`;
