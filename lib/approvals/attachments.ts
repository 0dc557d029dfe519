import { and, count, eq, inArray } from "drizzle-orm";
import { approvalAttachments, approvalEvents, approvalRequests } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { checkImages, withStoredImages, type UploadLike } from "@/lib/tickets/attachments";
import type { ActorFacts } from "./rules";
import type { RoleActor } from "@/lib/auth/actor";

/*
 * Contracts, quotes and receipts (images) on a request, stored like work-order photos
 * (lib/tickets/attachments.ts: type sniffed from the content, random names under UPLOADS_DIR,
 * files removed again when the transaction fails) and served only by /api/files/a<id>.
 */

/** The requester adds images while the request is a draft, pending or returned. */
export async function addAttachments(db: Db, actor: RoleActor, requestId: number, files: readonly UploadLike[]) {
  const [req] = await db
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.companyId, actor.companyId), eq(approvalRequests.id, requestId)));
  if (!req || req.requesterUserId !== actor.userId) throw new AppError("not_found");
  if (!["draft", "pending", "returned"].includes(req.status))
    throw new AppError("conflict", "approvals.errors.notEditable");
  const [{ n }] = await db
    .select({ n: count() })
    .from(approvalAttachments)
    .where(and(eq(approvalAttachments.companyId, actor.companyId), eq(approvalAttachments.requestId, requestId)));
  const images = await checkImages(files, n);
  if (!images.length) throw AppError.field("photos", "validation.required");
  return withStoredImages(images, (stored) =>
    db.transaction(async (tx) => {
      const rows = await tx
        .insert(approvalAttachments)
        .values(stored.map((s) => ({ companyId: actor.companyId, requestId, uploadedByUserId: actor.userId, ...s })))
        .returning({ id: approvalAttachments.id });
      await tx.insert(approvalEvents).values({
        companyId: actor.companyId,
        requestId,
        kind: "edited",
        actorUserId: actor.userId,
        round: req.round,
        comment: null,
      });
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "approval.attach",
        entity: "approval_request",
        entityId: requestId,
        after: { files: rows.map((r) => r.id) },
      });
      return { id: requestId };
    }),
  );
}

/**
 * An attachment for the viewer, or null (one 404 for every refusal): the requester, finance and
 * admin, whoever decided a step of the request, and whoever may decide one of its current steps.
 */
export async function approvalAttachmentFor(
  db: DbOrTx,
  companyId: number,
  facts: ActorFacts,
  id: number,
  canView: (requestId: number) => Promise<boolean>,
) {
  const [row] = await db
    .select({
      requestId: approvalAttachments.requestId,
      storedPath: approvalAttachments.storedPath,
      mime: approvalAttachments.mime,
      size: approvalAttachments.size,
    })
    .from(approvalAttachments)
    .where(and(eq(approvalAttachments.companyId, companyId), inArray(approvalAttachments.id, [id])));
  if (!row) return null;
  return (await canView(row.requestId)) ? row : null;
}
