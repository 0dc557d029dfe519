import { notifications } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export const href = (id: number) => `/staff/approvals/${id}`;

export async function notifyUsers(
  tx: DbOrTx,
  companyId: number,
  userIds: number[],
  kind: string,
  payload: Record<string, string | number | null>,
  link: string,
  now: Date,
) {
  const ids = [...new Set(userIds)];
  if (ids.length)
    await tx
      .insert(notifications)
      .values(ids.map((userId) => ({ companyId, userId, kind, payload, href: link, createdAt: now })));
}
