import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import {
  buildings,
  communities,
  households,
  notifications,
  residentLinks,
  surveyRecipients,
  surveyResponses,
  surveys,
  users,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { CronJob } from "@/lib/jobs/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { jsonInsert } from "@/lib/db/json-insert";
import type { RegistryView } from "@/lib/registry/access";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { LOW_SCORE, mean, surveySendWindow, SURVEY_AREAS, type SurveyArea } from "./rules/visits";
import type { surveyAnswerSchema } from "./schemas/visits";
import { quarterBounds } from "@/lib/time/quarters";

/** Rows per write transaction when sending a survey. */
const BATCH = 1000;

export const surveyHref = (id: number) => `/surveys/${id}`;
export const digestHref = (id: number) => `/staff/crm/surveys/digest?survey=${id}`;

/**
 * The quarterly survey (SPEC §8.5, §10), as a daily cron job:
 * - On the quarter's first day it creates the quarter's survey (unique company + quarter) and
 *   sends it to every active household: a recipient row (with where the household sits, for
 *   the results per community / building / butler) and an in-app notification to each approved
 *   resident account. A later day of the quarter's first month finishes a send the cron missed
 *   or that crashed midway (surveys.sent_at is set only once every household has it).
 * - Once a survey has closed (the day after its quarter), each butler with recipients is told
 *   that their digest is ready (surveys.digest_sent_at, set once).
 * Idempotent and overlap-safe: recipients are unique per survey + household and only the run
 * that inserted a recipient notifies its residents; the digest flag is a conditional update.
 */
export const runQuarterlySurvey: CronJob = async (db, company, asOf, now) => {
  const companyId = company.id;
  let surveysCreated = 0;
  let surveyRecipientsSent = 0;
  let digestsSent = 0;

  const closed = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(eq(surveys.companyId, companyId), lt(surveys.closesOn, asOf), isNull(surveys.digestSentAt)));
  for (const s of closed) {
    const sent = await db.transaction(async (tx) => {
      const res = await tx
        .update(surveys)
        .set({ digestSentAt: now })
        .where(and(eq(surveys.id, s.id), eq(surveys.companyId, companyId), isNull(surveys.digestSentAt)));
      if (res.rowsAffected !== 1) return 0;
      const butlers = await tx
        .selectDistinct({ id: surveyRecipients.butlerUserId })
        .from(surveyRecipients)
        .where(
          and(
            eq(surveyRecipients.companyId, companyId),
            eq(surveyRecipients.surveyId, s.id),
            sql`${surveyRecipients.butlerUserId} is not null`,
          ),
        );
      if (butlers.length)
        await tx.insert(notifications).values(
          butlers.map((b) => ({
            companyId,
            userId: b.id!,
            kind: "visits.surveyDigest",
            payload: { surveyId: s.id },
            href: digestHref(s.id),
            createdAt: now,
          })),
        );
      return butlers.length;
    });
    digestsSent += sent;
  }

  const { quarter, send } = surveySendWindow(asOf);
  if (send) {
    const bounds = quarterBounds(quarter);
    const inserted = await db
      .insert(surveys)
      .values({ companyId, quarter, opensOn: bounds.from, closesOn: bounds.to, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: surveys.id });
    surveysCreated = inserted.length;
    const [survey] = await db
      .select({ id: surveys.id, sentAt: surveys.sentAt })
      .from(surveys)
      .where(and(eq(surveys.companyId, companyId), eq(surveys.quarter, quarter)));
    if (survey && !survey.sentAt) {
      surveyRecipientsSent = await sendSurvey(db, companyId, survey.id, now);
      await db
        .update(surveys)
        .set({ sentAt: now })
        .where(and(eq(surveys.id, survey.id), eq(surveys.companyId, companyId), isNull(surveys.sentAt)));
    }
  }
  return { surveysCreated, surveyRecipients: surveyRecipientsSent, surveyDigests: digestsSent };
};

/**
 * Sends a survey to the company's active households (or only the given ones): recipient rows,
 * and inbox entries for the residents of the households this call added. Returns how many.
 */
export async function sendSurvey(
  db: Db,
  companyId: number,
  surveyId: number,
  now: Date,
  onlyHouseholdIds?: readonly number[],
): Promise<number> {
  const p = householdPlacementSubquery(db, companyId);
  const [homes, links] = await Promise.all([
    db
      .select({
        householdId: households.id,
        butlerUserId: p.butlerUserId,
        buildingId: p.buildingId,
        communityId: p.communityId,
      })
      .from(households)
      .leftJoin(p, eq(p.householdId, households.id))
      .where(
        and(
          eq(households.companyId, companyId),
          eq(households.active, true),
          onlyHouseholdIds ? inArray(households.id, [...onlyHouseholdIds]) : undefined,
        ),
      )
      .orderBy(households.id),
    db
      .select({ householdId: residentLinks.householdId, userId: residentLinks.userId })
      .from(residentLinks)
      .where(and(eq(residentLinks.companyId, companyId), eq(residentLinks.status, "approved"))),
  ]);
  const residentsOf = new Map<number, number[]>();
  for (const l of links) residentsOf.set(l.householdId, [...(residentsOf.get(l.householdId) ?? []), l.userId]);
  let sent = 0;
  for (let i = 0; i < homes.length; i += BATCH) {
    const batch = homes.slice(i, i + BATCH);
    sent += await db.transaction(async (tx) => {
      const r = surveyRecipients;
      const fresh = await jsonInsert<{ householdId: number }>(
        tx,
        r,
        [r.surveyId, r.householdId, r.companyId, r.butlerUserId, r.buildingId, r.communityId, r.sentAt],
        batch.map((h) => [
          surveyId,
          h.householdId,
          companyId,
          h.butlerUserId,
          h.buildingId,
          h.communityId,
          now.getTime(),
        ]),
        { onConflictDoNothing: true, returning: { householdId: r.householdId } },
      );
      const userIds = [...new Set(fresh.flatMap((f) => residentsOf.get(Number(f.householdId)) ?? []))];
      const n = notifications;
      await jsonInsert(
        tx,
        n,
        [n.companyId, n.userId, n.kind, n.payload, n.href, n.createdAt],
        userIds.map((userId) => [
          companyId,
          userId,
          "visits.surveySent",
          JSON.stringify({ surveyId }),
          surveyHref(surveyId),
          now.getTime(),
        ]),
      );
      return fresh.length;
    });
  }
  return sent;
}

// ── residents ────────────────────────────────────────────────────────────────

/** The resident's approved households that received the survey, with whether each has answered. */
async function recipientHouseholds(db: DbOrTx, companyId: number, userId: number, surveyIds: number[]) {
  if (!surveyIds.length) return [];
  return db
    .select({
      surveyId: surveyRecipients.surveyId,
      householdId: households.id,
      householdName: households.name,
      answeredAt: surveyResponses.answeredAt,
    })
    .from(surveyRecipients)
    .innerJoin(
      residentLinks,
      and(
        eq(residentLinks.householdId, surveyRecipients.householdId),
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        eq(residentLinks.status, "approved"),
      ),
    )
    .innerJoin(households, eq(households.id, surveyRecipients.householdId))
    .leftJoin(
      surveyResponses,
      and(
        eq(surveyResponses.surveyId, surveyRecipients.surveyId),
        eq(surveyResponses.householdId, surveyRecipients.householdId),
      ),
    )
    .where(and(eq(surveyRecipients.companyId, companyId), inArray(surveyRecipients.surveyId, surveyIds)))
    .orderBy(households.id);
}

/** The surveys sent to the resident's households, newest first, with per-household answered flags. */
export async function residentSurveys(db: DbOrTx, companyId: number, userId: number, today: string) {
  const list = await db
    .selectDistinct({ id: surveys.id, quarter: surveys.quarter, opensOn: surveys.opensOn, closesOn: surveys.closesOn })
    .from(surveys)
    .innerJoin(surveyRecipients, eq(surveyRecipients.surveyId, surveys.id))
    .innerJoin(
      residentLinks,
      and(
        eq(residentLinks.householdId, surveyRecipients.householdId),
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        eq(residentLinks.status, "approved"),
      ),
    )
    .where(eq(surveys.companyId, companyId))
    .orderBy(desc(surveys.quarter));
  const homes = await recipientHouseholds(
    db,
    companyId,
    userId,
    list.map((s) => s.id),
  );
  return list.map((s) => {
    const mine = homes.filter((h) => h.surveyId === s.id);
    return {
      ...s,
      open: today >= s.opensOn && today <= s.closesOn,
      households: mine.length,
      answered: mine.filter((h) => h.answeredAt).length,
    };
  });
}

/** One survey for the resident: null (→ 404) unless one of its households received it. */
export async function residentSurvey(db: DbOrTx, companyId: number, userId: number, surveyId: number, today: string) {
  const [s] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.companyId, companyId), eq(surveys.id, surveyId)));
  if (!s) return null;
  const homes = await recipientHouseholds(db, companyId, userId, [s.id]);
  if (!homes.length) return null;
  return { survey: s, open: today >= s.opensOn && today <= s.closesOn, households: homes };
}

/**
 * A resident answers for one of its households: only a household that received the survey
 * (else not_found), only while it is open, once per household (the first answer stands).
 */
export async function answerSurvey(
  db: Db,
  actor: { companyId: number; userId: number },
  input: z.output<typeof surveyAnswerSchema>,
  today: string,
  now = new Date(),
) {
  const found = await residentSurvey(db, actor.companyId, actor.userId, input.surveyId, today);
  const home = found?.households.find((h) => h.householdId === input.householdId);
  if (!found || !home) throw new AppError("not_found");
  if (!found.open) throw new AppError("conflict", "visits.errors.surveyClosed");
  const inserted = await db
    .insert(surveyResponses)
    .values({
      companyId: actor.companyId,
      surveyId: input.surveyId,
      householdId: input.householdId,
      overall: input.overall,
      butler: input.butler,
      cleaning: input.cleaning,
      security: input.security,
      maintenance: input.maintenance,
      comment: input.comment ?? null,
      answeredByUserId: actor.userId,
      answeredAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: surveyResponses.id });
  if (!inserted.length) throw new AppError("conflict", "visits.errors.alreadyAnswered");
  return { id: inserted[0].id };
}

// ── staff ────────────────────────────────────────────────────────────────────

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
