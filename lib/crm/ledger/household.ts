import { and, desc, eq, inArray } from "drizzle-orm";
import { households, sentimentEntries, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { visibleHouseholds } from "@/lib/registry/view";
import { companyIs } from "../sql";

/** One household's sentiment ledger, and whether the viewer may see that household. */

/** True when the viewer may see the household (company-scoped, registry visibility). */
export async function canSeeHousehold(
  db: DbOrTx,
  companyId: number,
  view: RegistryView,
  householdId: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.companyId, companyId),
        eq(households.id, householdId),
        inArray(households.id, visibleIdsAll(db, companyId, view)),
      ),
    );
  return !!row;
}

/** Like visibleIds but including inactive households (a ledger stays readable). */
function visibleIdsAll(db: DbOrTx, companyId: number, view: RegistryView) {
  const p = householdPlacementSubquery(db, companyId);
  return db
    .select({ id: households.id })
    .from(households)
    .leftJoin(p, eq(p.householdId, households.id))
    .where(and(eq(households.companyId, companyId), visibleHouseholds(view, p)));
}

/**
 * A household's whole ledger, newest first, with actor names. companyIs: by the household index
 * (already in date order), not the company's whole ledger (lib/crm/sql.ts).
 */
export async function householdLedger(db: DbOrTx, companyId: number, householdId: number) {
  return db
    .select({
      id: sentimentEntries.id,
      occurredOn: sentimentEntries.occurredOn,
      rule: sentimentEntries.rule,
      step: sentimentEntries.step,
      points: sentimentEntries.points,
      scoreAfter: sentimentEntries.scoreAfter,
      sourceType: sentimentEntries.sourceType,
      sourceId: sentimentEntries.sourceId,
      messageKey: sentimentEntries.messageKey,
      params: sentimentEntries.params,
      reason: sentimentEntries.reason,
      actorName: users.name,
      createdAt: sentimentEntries.createdAt,
    })
    .from(sentimentEntries)
    .leftJoin(users, eq(users.id, sentimentEntries.actorUserId))
    .where(and(companyIs(sentimentEntries.companyId, companyId), eq(sentimentEntries.householdId, householdId)))
    .orderBy(desc(sentimentEntries.occurredOn), desc(sentimentEntries.id));
}
