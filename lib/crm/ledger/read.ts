import { and, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { crmRuleSets, goldBadges, householdScores } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { bandOf } from "../bands";
import { DEFAULT_CRM_RULES, type Band, type CrmRules } from "../config";

/** The company's published CRM-EW rules, or the shipped defaults. */
export async function publishedRules(db: DbOrTx, companyId: number): Promise<CrmRules> {
  const [row] = await db
    .select({ rules: crmRuleSets.rules })
    .from(crmRuleSets)
    .where(and(eq(crmRuleSets.companyId, companyId), eq(crmRuleSets.status, "published")))
    .orderBy(desc(crmRuleSets.id))
    .limit(1);
  return row ? { ...DEFAULT_CRM_RULES, ...(row.rules as Partial<CrmRules>) } : DEFAULT_CRM_RULES;
}

/** Households (of the given ids) holding a gold badge on `asOf` (YYYY-MM-DD), with its expiry. */
export async function activeGoldBadges(
  db: DbOrTx,
  companyId: number,
  householdIds: readonly number[],
  asOf: string,
): Promise<Map<number, { awardedOn: string; expiresOn: string }>> {
  if (householdIds.length === 0) return new Map();
  const rows = await db
    .select({ householdId: goldBadges.householdId, awardedOn: goldBadges.awardedOn, expiresOn: goldBadges.expiresOn })
    .from(goldBadges)
    .where(
      and(
        eq(goldBadges.companyId, companyId),
        inArray(goldBadges.householdId, [...householdIds]),
        lte(goldBadges.awardedOn, asOf),
        gt(goldBadges.expiresOn, asOf),
        isNull(goldBadges.expiredAt),
      ),
    );
  return new Map(rows.map((r) => [r.householdId, { awardedOn: r.awardedOn, expiresOn: r.expiresOn }]));
}

export interface HouseholdSentiment {
  score: number;
  band: Band;
}

/** Cached scores and bands for the given households; households with no entry yet have the initial score. */
export async function householdSentiments(
  db: DbOrTx,
  companyId: number,
  householdIds: readonly number[],
  rules?: CrmRules,
): Promise<Map<number, HouseholdSentiment>> {
  const r = rules ?? (await publishedRules(db, companyId));
  const out = new Map<number, HouseholdSentiment>();
  if (householdIds.length === 0) return out;
  const rows = await db
    .select({ householdId: householdScores.householdId, score: householdScores.score })
    .from(householdScores)
    // "+company_id": look the households up by primary key, not by scanning the company index (lib/crm/sql.ts).
    .where(
      and(sql`+${householdScores.companyId} = ${companyId}`, inArray(householdScores.householdId, [...householdIds])),
    );
  const found = new Map(rows.map((x) => [x.householdId, x.score]));
  for (const id of householdIds) {
    const score = found.get(id) ?? r.initialScore;
    out.set(id, { score, band: bandOf(score, r.bandFloors) });
  }
  return out;
}
