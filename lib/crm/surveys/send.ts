import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { households, notifications, residentLinks, surveyRecipients, surveys } from "@/db/schema";
import type { CronJob } from "@/lib/jobs/types";
import type { Db } from "@/lib/db/client";
import { jsonInsert } from "@/lib/db/json-insert";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { surveySendWindow } from "../rules/visits";
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
