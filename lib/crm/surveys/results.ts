import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { buildings, communities, households, surveyRecipients, surveyResponses, surveys, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { RegistryView } from "@/lib/registry/access";
import { LOW_SCORE, mean, SURVEY_AREAS, type SurveyArea } from "../rules/visits";

/** The staff side of the quarterly survey: the list, results per community / building / butler, butler digests. */

export async function listSurveys(db: DbOrTx, companyId: number) {
  return db.select().from(surveys).where(eq(surveys.companyId, companyId)).orderBy(desc(surveys.quarter));
}

export async function getSurvey(db: DbOrTx, companyId: number, id: number) {
  const [s] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.companyId, companyId), eq(surveys.id, id)));
  return s ?? null;
}

/** The recipients a registry view may see (by where they sat when the survey was sent). */
function visibleRecipients(view: RegistryView): SQL | undefined {
  if (view.kind === "all") return undefined;
  const parts: SQL[] = [];
  if (view.butlerIds.length) parts.push(inArray(surveyRecipients.butlerUserId, view.butlerIds));
  if (view.communityIds.length) parts.push(inArray(surveyRecipients.communityId, view.communityIds));
  return parts.length ? or(...parts) : sql`0`;
}

export type SurveyGrouping = "community" | "building" | "butler";

export interface SurveyResultRow {
  key: number | null;
  name: string | null;
  recipients: number;
  responses: number;
  /** responses / recipients, percent with one decimal. */
  responseRate: number;
  means: Record<"overall" | SurveyArea, number | null>;
}

/** Results per community / building / butler: mean per area and the response rate, in one query. */
export async function surveyResults(
  db: DbOrTx,
  companyId: number,
  surveyId: number,
  grouping: SurveyGrouping,
  view: RegistryView,
): Promise<SurveyResultRow[]> {
  const key =
    grouping === "community"
      ? surveyRecipients.communityId
      : grouping === "building"
        ? surveyRecipients.buildingId
        : surveyRecipients.butlerUserId;
  const name =
    grouping === "community"
      ? sql<
          string | null
        >`(select ${communities.name} from ${communities} where ${communities.id} = ${surveyRecipients.communityId})`
      : grouping === "building"
        ? sql<
            string | null
          >`(select c.name || ' ' || b.name from ${buildings} b join ${communities} c on c.id = b.community_id where b.id = ${surveyRecipients.buildingId})`
        : sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${surveyRecipients.butlerUserId})`;
  const sumOf = (c: SQLiteColumn) => sql<number | null>`sum(${c})`;
  const rows = await db
    .select({
      key,
      name: sql<string | null>`max(${name})`,
      recipients: sql<number>`count(*)`,
      responses: sql<number>`count(${surveyResponses.id})`,
      overall: sumOf(surveyResponses.overall),
      butler: sumOf(surveyResponses.butler),
      cleaning: sumOf(surveyResponses.cleaning),
      security: sumOf(surveyResponses.security),
      maintenance: sumOf(surveyResponses.maintenance),
    })
    .from(surveyRecipients)
    .leftJoin(
      surveyResponses,
      and(
        eq(surveyResponses.surveyId, surveyRecipients.surveyId),
        eq(surveyResponses.householdId, surveyRecipients.householdId),
      ),
    )
    .where(
      and(eq(surveyRecipients.companyId, companyId), eq(surveyRecipients.surveyId, surveyId), visibleRecipients(view)),
    )
    .groupBy(key)
    .orderBy(asc(key));
  return rows.map((r) => {
    const n = Number(r.responses);
    return {
      key: r.key,
      name: r.name,
      recipients: Number(r.recipients),
      responses: n,
      responseRate: Number(r.recipients) ? Math.round((n / Number(r.recipients)) * 1000) / 10 : 0,
      means: {
        overall: mean(Number(r.overall ?? 0), n),
        butler: mean(Number(r.butler ?? 0), n),
        cleaning: mean(Number(r.cleaning ?? 0), n),
        security: mean(Number(r.security ?? 0), n),
        maintenance: mean(Number(r.maintenance ?? 0), n),
      },
    };
  });
}

/**
 * A butler's digest: the answers of their households with a low score (≤ 2 in any area) or a
 * comment, lowest first.
 */
export async function butlerDigest(db: DbOrTx, companyId: number, surveyId: number, butlerUserId: number) {
  const low = (c: SQLiteColumn) => lte(c, LOW_SCORE);
  const rows = await db
    .select({
      householdId: households.id,
      householdName: households.name,
      householdCode: households.code,
      overall: surveyResponses.overall,
      butler: surveyResponses.butler,
      cleaning: surveyResponses.cleaning,
      security: surveyResponses.security,
      maintenance: surveyResponses.maintenance,
      comment: surveyResponses.comment,
      answeredAt: surveyResponses.answeredAt,
    })
    .from(surveyRecipients)
    .innerJoin(
      surveyResponses,
      and(
        eq(surveyResponses.surveyId, surveyRecipients.surveyId),
        eq(surveyResponses.householdId, surveyRecipients.householdId),
      ),
    )
    .innerJoin(households, eq(households.id, surveyRecipients.householdId))
    .where(
      and(
        eq(surveyRecipients.companyId, companyId),
        eq(surveyRecipients.surveyId, surveyId),
        eq(surveyRecipients.butlerUserId, butlerUserId),
        or(
          low(surveyResponses.overall),
          ...SURVEY_AREAS.map((a) => low(surveyResponses[a])),
          sql`coalesce(trim(${surveyResponses.comment}), '') <> ''`,
        ),
      ),
    )
    .orderBy(asc(surveyResponses.overall), asc(households.id));
  return rows.map((r) => ({
    ...r,
    lowAreas: (["overall", ...SURVEY_AREAS] as const).filter((a) => r[a] <= LOW_SCORE),
  }));
}

/** Butlers a viewer may open the digest of: themselves, their team (supervisor), everyone in scope (admin, PM). */
export async function digestButlers(db: DbOrTx, companyId: number, surveyId: number, view: RegistryView) {
  const rows = await db
    .selectDistinct({ id: surveyRecipients.butlerUserId, name: users.name })
    .from(surveyRecipients)
    .innerJoin(users, eq(users.id, surveyRecipients.butlerUserId))
    .where(
      and(eq(surveyRecipients.companyId, companyId), eq(surveyRecipients.surveyId, surveyId), visibleRecipients(view)),
    )
    .orderBy(users.name);
  return rows.map((r) => ({ id: r.id!, name: r.name }));
}

export type SurveyRow = typeof surveys.$inferSelect;
