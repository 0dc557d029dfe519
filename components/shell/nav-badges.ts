import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { NavBadge, NavItem } from "@/components/shell/nav";
import { countPendingRegistrations } from "@/lib/residents/queries";
import { loadActorFacts } from "@/lib/approvals/access";
import { countWaiting } from "@/lib/approvals/queries";

/** The counts behind the badges of the given navigation entries, scoped like the pages they open. */
export async function loadNavBadges(
  user: SessionUser,
  items: readonly NavItem[],
): Promise<Partial<Record<NavBadge, number>>> {
  const wanted = new Set(items.flatMap((i) => (i.badge ? [i.badge] : [])));
  const out: Partial<Record<NavBadge, number>> = {};
  if (wanted.has("pendingRegistrations"))
    out.pendingRegistrations = await countPendingRegistrations(getDb(), user.companyId, {
      userId: user.id,
      roles: user.roles,
    });
  if (wanted.has("approvalsWaiting")) {
    const db = getDb();
    out.approvalsWaiting = await countWaiting(
      db,
      user.companyId,
      await loadActorFacts(db, user.companyId, user.id, user.roles),
    );
  }
  return out;
}
