import { and, eq } from "drizzle-orm";
import { patrolAnomalies, patrolCheckpoints, patrolRounds, patrolRoutes } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { checkImages, insertAttachmentRows, withStoredImages, type UploadLike } from "@/lib/tickets/attachments";
import { createOrderTx } from "@/lib/tickets/create";
import type { AnomalyInput } from "./schemas";

/**
 * A guard reports an anomaly (blocked exit, broken light, leak…) at a checkpoint of one of their
 * own rounds (issue 19 point 2): it becomes a security work order of the route's community,
 * dispatched like any other, with the photos on it — order, photos and the anomaly row in one
 * transaction (files removed again when it fails).
 */
export async function reportAnomaly(
  db: Db,
  actor: Actor,
  input: AnomalyInput,
  photos: readonly UploadLike[] = [],
  now = new Date(),
) {
  const [place] = await db
    .select({ communityId: patrolRoutes.communityId, checkpoint: patrolCheckpoints.name })
    .from(patrolRounds)
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrolRounds.routeId))
    .innerJoin(
      patrolCheckpoints,
      and(eq(patrolCheckpoints.routeId, patrolRounds.routeId), eq(patrolCheckpoints.id, input.checkpointId)),
    )
    .where(
      and(
        eq(patrolRounds.id, input.roundId),
        eq(patrolRounds.companyId, actor.companyId),
        eq(patrolRounds.guardId, actor.userId),
      ),
    );
  if (!place) throw new AppError("not_found");
  const images = await checkImages(photos);
  return withStoredImages(images, (stored) =>
    db.transaction(async (tx) => {
      const order = await createOrderTx(
        tx,
        actor,
        {
          type: "security",
          source: "staff",
          communityId: place.communityId,
          severity: input.kind === "blocked_exit" || input.kind === "suspicious" ? "high" : "normal",
          title: place.checkpoint,
          description: input.note,
        },
        now,
      );
      await insertAttachmentRows(tx, order, actor.userId, "before", stored);
      await tx.insert(patrolAnomalies).values({
        companyId: actor.companyId,
        roundId: input.roundId,
        checkpointId: input.checkpointId,
        kind: input.kind,
        note: input.note,
        workOrderId: order.id,
        userId: actor.userId,
      });
      return { id: order.id };
    }),
  );
}
