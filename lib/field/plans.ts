import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { cleaningAreas, communities, patrolCheckpoints, patrolRoutes } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { AreaInput, RouteInput } from "./schemas";

/** A checkpoint's QR token: 128 random bits, URL-safe — unguessable, unique across companies. */
export function newCheckpointToken(): string {
  return randomBytes(16).toString("base64url");
}

async function requireCommunity(db: Db, companyId: number, communityId: number) {
  const [c] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.id, communityId), eq(communities.companyId, companyId)));
  if (!c) throw AppError.field("communityId", "field.plan.noCommunity");
}

/** A cleaning area with its standard and schedule (the daily job turns it into tasks). */
export async function createCleaningArea(db: Db, actor: Actor<number | null>, input: AreaInput) {
  await requireCommunity(db, actor.companyId, input.communityId);
  const [row] = await db
    .insert(cleaningAreas)
    .values({ companyId: actor.companyId, ...input })
    .returning({ id: cleaningAreas.id });
  return row;
}

/** A patrol route with its ordered checkpoints, each with a fresh random token; one transaction. */
export async function createPatrolRoute(db: Db, actor: Actor<number | null>, input: RouteInput) {
  await requireCommunity(db, actor.companyId, input.communityId);
  const { checkpoints, ...route } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(patrolRoutes)
      .values({ companyId: actor.companyId, ...route })
      .returning({ id: patrolRoutes.id });
    const points = await tx
      .insert(patrolCheckpoints)
      .values(
        checkpoints.map((name, i) => ({
          companyId: actor.companyId,
          routeId: row.id,
          seq: i + 1,
          name,
          token: newCheckpointToken(),
        })),
      )
      .returning({ id: patrolCheckpoints.id, seq: patrolCheckpoints.seq, token: patrolCheckpoints.token });
    return { id: row.id, checkpoints: points.sort((a, b) => a.seq - b.seq) };
  });
}
