import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { activities, activitySignups, communities, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { residentCommunityIds } from "./access";
import { notifyPortal } from "./notify";
import { enqueueForUser } from "@/lib/outbox/enqueue";
import { promotions, signupRefusal } from "./rules";

/*
 * 社区文化活动. A sign-up takes a seat while fewer than `capacity` are confirmed, else joins
 * the waiting list — decided inside ONE insert statement (the count is a subquery of the
 * insert), so two residents racing for the last seat cannot both get it. A cancellation
 * promotes the earliest waiting sign-ups into the freed seats and notifies them.
 */

const counts = {
  confirmed: sql<number>`(select count(*) from activity_signups s where s.activity_id = ${activities.id} and s.status = 'confirmed')`,
  waiting: sql<number>`(select count(*) from activity_signups s where s.activity_id = ${activities.id} and s.status = 'waiting')`,
  checkedIn: sql<number>`(select count(*) from activity_signups s where s.activity_id = ${activities.id} and s.status = 'confirmed' and s.checked_in_at is not null)`,
};

export const activityColumns = {
  id: activities.id,
  communityId: activities.communityId,
  communityName: communities.name,
  title: activities.title,
  description: activities.description,
  place: activities.place,
  startsAt: activities.startsAt,
  endsAt: activities.endsAt,
  capacity: activities.capacity,
  signupDeadline: activities.signupDeadline,
  ...counts,
};

/** Upcoming (not yet ended) activities of the resident's communities, with their own status. */
export async function residentActivities(db: DbOrTx, companyId: number, userId: number, now: Date) {
  const mine = await residentCommunityIds(db, companyId, userId);
  if (!mine.length) return [];
  return db
    .select({ ...activityColumns, myStatus: activitySignups.status })
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .leftJoin(activitySignups, and(eq(activitySignups.activityId, activities.id), eq(activitySignups.userId, userId)))
    .where(and(eq(activities.companyId, companyId), inArray(activities.communityId, mine), gte(activities.endsAt, now)))
    .orderBy(asc(activities.startsAt));
}

/** One activity the resident may see (their communities), with their sign-up and waiting position. */
export async function residentActivity(db: DbOrTx, companyId: number, userId: number, id: number) {
  const mine = await residentCommunityIds(db, companyId, userId);
  if (!mine.length) return null;
  const [row] = await db
    .select({
      ...activityColumns,
      myStatus: activitySignups.status,
      myCheckedInAt: activitySignups.checkedInAt,
      myPosition: sql<
        number | null
      >`case when ${activitySignups.status} = 'waiting' then (select count(*) from activity_signups w where w.activity_id = ${activities.id} and w.status = 'waiting' and (w.queued_at < ${activitySignups.queuedAt} or (w.queued_at = ${activitySignups.queuedAt} and w.id <= ${activitySignups.id}))) end`,
    })
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .leftJoin(activitySignups, and(eq(activitySignups.activityId, activities.id), eq(activitySignups.userId, userId)))
    .where(and(eq(activities.companyId, companyId), eq(activities.id, id), inArray(activities.communityId, mine)));
  return row ?? null;
}

async function visibleActivity(db: DbOrTx, companyId: number, userId: number, id: number) {
  const mine = await residentCommunityIds(db, companyId, userId);
  if (!mine.length) return null;
  const [row] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.companyId, companyId), eq(activities.id, id), inArray(activities.communityId, mine)));
  return row ?? null;
}

/**
 * Signs the resident up: "confirmed" or "waiting". After the deadline or the start →
 * field error, nothing written; already signed up → the current status, nothing changed.
 */
export async function signUp(
  db: Db,
  companyId: number,
  userId: number,
  activityId: number,
  now: Date,
): Promise<"confirmed" | "waiting"> {
  const activity = await visibleActivity(db, companyId, userId, activityId);
  if (!activity) throw new AppError("not_found");
  const refusal = signupRefusal(activity, now);
  if (refusal)
    throw AppError.field(
      "_form",
      `portal.errors.${refusal === "deadline_passed" ? "deadlinePassed" : "activityStarted"}`,
      "conflict",
    );
  const ts = now.getTime();
  const rows = await db.all<{ status: "confirmed" | "waiting" }>(sql`
    insert into activity_signups (company_id, activity_id, user_id, status, queued_at, created_at, updated_at)
    values (${companyId}, ${activityId}, ${userId},
      case when (select count(*) from activity_signups where activity_id = ${activityId} and status = 'confirmed') < ${activity.capacity}
        then 'confirmed' else 'waiting' end,
      ${ts}, ${ts}, ${ts})
    on conflict (activity_id, user_id) do update
      set status = excluded.status, queued_at = excluded.queued_at, updated_at = excluded.updated_at, checked_in_at = null
      where activity_signups.status = 'cancelled'
    returning status`);
  if (rows[0]) return rows[0].status;
  const [current] = await db
    .select({ status: activitySignups.status })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)));
  return current.status === "waiting" ? "waiting" : "confirmed";
}

/**
 * Cancels the resident's sign-up (until the start). A freed seat goes to the earliest
 * waiting sign-ups, who are notified. Returns the promoted users.
 */
export async function cancelSignup(
  db: Db,
  companyId: number,
  userId: number,
  activityId: number,
  now: Date,
): Promise<number[]> {
  const activity = await visibleActivity(db, companyId, userId, activityId);
  if (!activity) throw new AppError("not_found");
  if (now.getTime() >= activity.startsAt.getTime())
    throw AppError.field("_form", "portal.errors.activityStarted", "conflict");
  return db.transaction(async (tx) => {
    // The write first: it takes the write lock, so the counts below cannot change under us.
    const cancelled = await tx
      .update(activitySignups)
      .set({ status: "cancelled", updatedAt: now })
      .where(
        and(
          eq(activitySignups.activityId, activityId),
          eq(activitySignups.userId, userId),
          inArray(activitySignups.status, ["confirmed", "waiting"]),
        ),
      )
      .returning({ id: activitySignups.id });
    if (!cancelled.length) throw AppError.field("_form", "portal.errors.notSignedUp", "conflict");
    return promoteWaiting(tx, companyId, activity, now);
  });
}

/** Moves waiting sign-ups into free seats (earliest first) and notifies them; inside the caller's transaction. */
async function promoteWaiting(
  tx: DbOrTx,
  companyId: number,
  activity: { id: number; capacity: number; title: string },
  now: Date,
) {
  const open = await tx
    .select({
      id: activitySignups.id,
      userId: activitySignups.userId,
      status: activitySignups.status,
      queuedAt: activitySignups.queuedAt,
    })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activity.id), inArray(activitySignups.status, ["confirmed", "waiting"])));
  const ids = promotions(open, activity.capacity);
  if (!ids.length) return [];
  await tx
    .update(activitySignups)
    .set({ status: "confirmed", updatedAt: now })
    .where(and(inArray(activitySignups.id, ids), eq(activitySignups.status, "waiting")));
  const promoted = open.filter((s) => ids.includes(s.id)).map((s) => s.userId);
  await notifyPortal(
    tx,
    companyId,
    promoted,
    "portal.activity.promoted",
    { title: activity.title, activityId: activity.id },
    `/community/activities/${activity.id}`,
  );
  const contacts = await tx
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.id, promoted));
  for (const u of contacts) {
    await enqueueForUser(
      tx,
      { ...u, phone: null },
      {
        companyId,
        templateKey: "activityPromoted",
        params: { title: activity.title },
        idempotencyKey: `activity:${activity.id}:promoted:${u.id}:${now.getTime()}`,
      },
      now,
    );
  }
  return promoted;
}
