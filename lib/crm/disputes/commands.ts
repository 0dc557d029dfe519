import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { arrearsEpisodes, bills, crmDisputePhotos, crmDisputes, crmNotices, residentLinks } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { checkImages, withStoredImages, type UploadLike } from "@/lib/tickets/attachments";
import type { fileDisputeSchema } from "./schemas";

/**
 * A resident disputes an arrears notice or a bill of one of their own households (SPEC §12).
 * The household's open arrears episode (if any) is paused from then on: the daily ladder fires
 * no further step until staff resolve the dispute (lib/flows/resolve-dispute.ts). Filing twice
 * for the same notice or bill while one is open returns the open one (idempotent).
 */

export interface ResidentActor {
  companyId: number;
  userId: number;
}

const ownedBy = (
  companyId: number,
  userId: number,
  householdId: typeof crmNotices.householdId | typeof bills.householdId,
) =>
  sql`exists (select 1 from ${residentLinks} rl where rl.household_id = ${householdId} and rl.company_id = ${companyId} and rl.user_id = ${userId} and rl.status = 'approved')`;

/** The household of a notice (sent to the resident) or a bill (not voided) of the resident's own households, or null. */
async function ownTarget(tx: DbOrTx, actor: ResidentActor, subject: "notice" | "bill", id: number) {
  if (subject === "notice") {
    const [n] = await tx
      .select({ householdId: crmNotices.householdId })
      .from(crmNotices)
      .where(
        and(
          eq(crmNotices.companyId, actor.companyId),
          eq(crmNotices.id, id),
          eq(crmNotices.awaitingConfirmation, false),
          ownedBy(actor.companyId, actor.userId, crmNotices.householdId),
        ),
      );
    return n ?? null;
  }
  const [b] = await tx
    .select({ householdId: bills.householdId })
    .from(bills)
    .where(
      and(
        eq(bills.companyId, actor.companyId),
        eq(bills.id, id),
        eq(bills.voided, false),
        ownedBy(actor.companyId, actor.userId, bills.householdId),
      ),
    );
  return b ?? null;
}

/**
 * Files the dispute with its optional photos (checked by content before anything is written;
 * stored files are removed again if the transaction fails). Photos sent with a repeated filing
 * join the open dispute.
 */
export async function fileDispute(
  db: Db,
  actor: ResidentActor,
  input: z.output<typeof fileDisputeSchema>,
  files: readonly UploadLike[] = [],
  now = new Date(),
) {
  const images = await checkImages(files);
  return withStoredImages(images, (stored) => db.transaction((tx) => fileDisputeTx(tx, actor, input, stored, now)));
}

type Stored = { storedPath: string; mime: string; size: number; sha256: string }[];

async function addPhotos(tx: DbOrTx, actor: ResidentActor, disputeId: number, stored: Stored) {
  if (stored.length)
    await tx
      .insert(crmDisputePhotos)
      .values(stored.map((f) => ({ companyId: actor.companyId, disputeId, uploadedByUserId: actor.userId, ...f })));
}

async function fileDisputeTx(
  tx: DbOrTx,
  actor: ResidentActor,
  input: z.output<typeof fileDisputeSchema>,
  stored: Stored,
  now: Date,
) {
  const target = await ownTarget(tx, actor, input.subject, input.targetId);
  if (!target) throw new AppError("not_found");
  const [episode] = await tx
    .select({ id: arrearsEpisodes.id })
    .from(arrearsEpisodes)
    .where(
      and(
        eq(arrearsEpisodes.companyId, actor.companyId),
        eq(arrearsEpisodes.householdId, target.householdId),
        isNull(arrearsEpisodes.endedOn),
      ),
    );
  const ref = input.subject === "notice" ? { noticeId: input.targetId } : { billId: input.targetId };
  const [row] = await tx
    .insert(crmDisputes)
    .values({
      companyId: actor.companyId,
      householdId: target.householdId,
      subject: input.subject,
      ...ref,
      episodeId: episode?.id ?? null,
      reason: input.reason,
      createdByUserId: actor.userId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: crmDisputes.id });
  if (!row) {
    const col = input.subject === "notice" ? crmDisputes.noticeId : crmDisputes.billId;
    const [open] = await tx
      .select({ id: crmDisputes.id })
      .from(crmDisputes)
      .where(and(eq(crmDisputes.companyId, actor.companyId), eq(col, input.targetId), eq(crmDisputes.status, "open")));
    if (!open) throw new AppError("conflict");
    await addPhotos(tx, actor, open.id, stored);
    return { id: open.id, created: false };
  }
  await writeAudit(tx, {
    companyId: actor.companyId,
    actorUserId: actor.userId,
    action: "dispute.file",
    entity: "crm_dispute",
    entityId: row.id,
    after: {
      subject: input.subject,
      ...ref,
      householdId: target.householdId,
      episodeId: episode?.id ?? null,
      reason: input.reason,
      photos: stored.length,
    },
  });
  await addPhotos(tx, actor, row.id, stored);
  return { id: row.id, created: true };
}
