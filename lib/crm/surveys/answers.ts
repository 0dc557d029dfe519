import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { households, residentLinks, surveyRecipients, surveyResponses, surveys } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { surveyAnswerSchema } from "../visits/schemas";

/** What residents see and answer of the quarterly survey (SPEC §8.5). */

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
