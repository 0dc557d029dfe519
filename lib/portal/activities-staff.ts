import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { activities, activitySignups, communities, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Role } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { staffCommunityIds } from "./access";
import { checkInOpen } from "./rules";
import { zonedLocalToDate } from "@/lib/time/zone";
import type { ActivityFormInput } from "./schemas";
import { activityColumns } from "./activities";

/** Creates an activity in one of the staff member's communities (times are company-local). */
export async function createActivity(
  db: Db,
  ctx: { companyId: number; userId: number; roles: readonly Role[]; timeZone: string },
  input: ActivityFormInput,
) {
  const allowed = await staffCommunityIds(db, ctx.companyId, ctx);
  if (!allowed.includes(input.communityId)) throw AppError.field("communityId", "portal.errors.communityNotYours");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(activities)
      .values({
        companyId: ctx.companyId,
        communityId: input.communityId,
        title: input.title,
        description: input.description,
        place: input.place,
        startsAt: zonedLocalToDate(input.startsAt, ctx.timeZone),
        endsAt: zonedLocalToDate(input.endsAt, ctx.timeZone),
        signupDeadline: zonedLocalToDate(input.signupDeadline, ctx.timeZone),
        capacity: input.capacity,
        createdByUserId: ctx.userId,
      })
      .returning();
    await writeAudit(tx, {
      companyId: ctx.companyId,
      actorUserId: ctx.userId,
      action: "portal.activity.create",
      entity: "activity",
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

/** Staff list: the communities' activities, newest first, with sign-up and attendance figures. */
export async function staffActivities(db: DbOrTx, companyId: number, communityIds: number[]) {
  if (!communityIds.length) return [];
  return db
    .select(activityColumns)
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .where(and(eq(activities.companyId, companyId), inArray(activities.communityId, communityIds)))
    .orderBy(desc(activities.startsAt))
    .limit(200);
}

/** One activity with its sign-ups (confirmed first, then the waiting list in order), for staff of its community. */
export async function staffActivity(db: DbOrTx, companyId: number, communityIds: number[], id: number) {
  if (!communityIds.length) return null;
  const [activity] = await db
    .select(activityColumns)
    .from(activities)
    .innerJoin(communities, eq(communities.id, activities.communityId))
    .where(
      and(eq(activities.companyId, companyId), eq(activities.id, id), inArray(activities.communityId, communityIds)),
    );
  if (!activity) return null;
  const signups = await db
    .select({
      id: activitySignups.id,
      status: activitySignups.status,
      queuedAt: activitySignups.queuedAt,
      checkedInAt: activitySignups.checkedInAt,
      name: users.name,
      phone: users.phone,
    })
    .from(activitySignups)
    .innerJoin(users, eq(users.id, activitySignups.userId))
    .where(
      and(
        eq(activitySignups.companyId, companyId),
        eq(activitySignups.activityId, id),
        inArray(activitySignups.status, ["confirmed", "waiting"]),
      ),
    )
    .orderBy(
      sql`case ${activitySignups.status} when 'confirmed' then 0 else 1 end`,
      asc(activitySignups.queuedAt),
      asc(activitySignups.id),
    );
  return { activity, signups };
}

/** Staff check a confirmed participant in on the day (idempotent). */
export async function checkIn(
  db: Db,
  ctx: { companyId: number; userId: number; roles: readonly Role[] },
  signupId: number,
  now: Date,
) {
  const allowed = await staffCommunityIds(db, ctx.companyId, ctx);
  const [row] = await db
    .select({ signup: activitySignups, activity: activities })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(and(eq(activitySignups.companyId, ctx.companyId), eq(activitySignups.id, signupId)));
  if (!row || !allowed.includes(row.activity.communityId)) throw new AppError("not_found");
  if (row.signup.status !== "confirmed") throw AppError.field("_form", "portal.errors.notConfirmed", "conflict");
  if (!checkInOpen(row.activity, now)) throw AppError.field("_form", "portal.errors.checkInClosed", "conflict");
  await db
    .update(activitySignups)
    .set({ checkedInAt: now, updatedAt: now })
    .where(and(eq(activitySignups.id, signupId), sql`${activitySignups.checkedInAt} is null`));
  return { activityId: row.activity.id };
}
