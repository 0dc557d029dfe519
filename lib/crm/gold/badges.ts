import type { DbOrTx } from "@/lib/db/client";
import type { Band } from "../config";
import { activeGoldBadges, householdSentiments } from "../ledger/read";

export interface HouseholdBadge {
  score: number;
  band: Band;
  gold: boolean;
}

/** Band, score and gold marker for a page's households in two set-based queries (no N+1). */
export async function householdBadges(
  db: DbOrTx,
  companyId: number,
  householdIds: readonly number[],
  asOf: string,
): Promise<Map<number, HouseholdBadge>> {
  const ids = [...new Set(householdIds)];
  const [s, g] = await Promise.all([
    householdSentiments(db, companyId, ids),
    activeGoldBadges(db, companyId, ids, asOf),
  ]);
  return new Map(ids.map((id) => [id, { ...s.get(id)!, gold: g.has(id) }]));
}
