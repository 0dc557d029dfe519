import { and, eq } from "drizzle-orm";
import { cleaningTasks } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { checkImages, withStoredImages, type UploadLike } from "@/lib/tickets/attachments";
import type { TaskDoneInput } from "./schemas";

/**
 * A cleaner marks one of their own open tasks done, with an optional photo (checked and stored
 * like a work order's photos). One conditional update: a task already done, missed (its window
 * passed) or someone else's is refused, and a double submit records it once. When the update
 * does not happen the stored photo is removed again.
 */
export async function completeTask(
  db: Db,
  actor: Actor,
  input: TaskDoneInput,
  photos: readonly UploadLike[] = [],
  now = new Date(),
): Promise<{ id: number }> {
  const images = await checkImages(photos.slice(0, 1));
  return withStoredImages(images, async ([photo]) => {
    const [row] = await db
      .update(cleaningTasks)
      .set({
        status: "done",
        doneAt: now,
        note: input.note || null,
        photoPath: photo?.storedPath ?? null,
        photoMime: photo?.mime ?? null,
      })
      .where(
        and(
          eq(cleaningTasks.id, input.taskId),
          eq(cleaningTasks.companyId, actor.companyId),
          eq(cleaningTasks.assigneeId, actor.userId),
          eq(cleaningTasks.status, "open"),
        ),
      )
      .returning({ id: cleaningTasks.id });
    if (!row) throw await refusal(db, actor, input.taskId);
    return row;
  });
}

/** Why a task could not be completed: not the cleaner's (404) or no longer open (conflict). */
async function refusal(db: Db, actor: Actor, taskId: number): Promise<AppError> {
  const [task] = await db
    .select({ status: cleaningTasks.status })
    .from(cleaningTasks)
    .where(
      and(
        eq(cleaningTasks.id, taskId),
        eq(cleaningTasks.companyId, actor.companyId),
        eq(cleaningTasks.assigneeId, actor.userId),
      ),
    );
  if (!task) return new AppError("not_found");
  return AppError.field("taskId", task.status === "done" ? "field.task.alreadyDone" : "field.task.missed", "conflict");
}
