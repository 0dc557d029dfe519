import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { arrearsEpisodes, bills, crmDisputes, crmNotices, residentLinks } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { fileDisputeSchema } from "./dispute-schemas";

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

const ownedBy = (companyId: number, userId: number, householdId: typeof crmNotices.householdId | typeof bills.householdId) =>
  sql`exists (select 1 from ${residentLinks} rl where rl.household_id = ${householdId} and rl.company_id = ${companyId} and rl.user_id = ${userId} and rl.status = 'approved')`;

/** The household of a notice (sent to the resident) or a bill (not voided) of the resident's own households, or null. */
async function ownTarget(tx: DbOrTx, actor: ResidentActor, subject: "notice" | "bill", id: number) {
  if (subject === "notice") {
    const [n] = await tx
      .select({ householdId: crmNotices.householdId })
      .from(crmNotices)
      .where(and(eq(crmNotices.companyId, actor.companyId), eq(crmNotices.id, id), eq(crmNotices.awaitingConfirmation, false), ownedBy(actor.companyId, actor.userId, crmNotices.householdId)));
    return n ?? null;
  }
  const [b] = await tx
    .select({ householdId: bills.householdId })
    .from(bills)
    .where(and(eq(bills.companyId, actor.companyId), eq(bills.id, id), eq(bills.voided, false), ownedBy(actor.companyId, actor.userId, bills.householdId)));
  return b ?? null;
}

export async function fileDispute(db: Db, actor: ResidentActor, input: z.output<typeof fileDisputeSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const target = await ownTarget(tx, actor, input.subject, input.targetId);
    if (!target) throw new AppError("not_found");
    const [episode] = await tx
      .select({ id: arrearsEpisodes.id })
      .from(arrearsEpisodes)
      .where(and(eq(arrearsEpisodes.companyId, actor.companyId), eq(arrearsEpisodes.householdId, target.householdId), isNull(arrearsEpisodes.endedOn)));
    const ref = input.subject === "notice" ? { noticeId: input.targetId } : { billId: input.targetId };
    const [row] = await tx
      .insert(crmDisputes)
      .values({ companyId: actor.companyId, householdId: target.householdId, subject: input.subject, ...ref, episodeId: episode?.id ?? null, reason: input.reason, createdByUserId: actor.userId, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: crmDisputes.id });
    if (!row) {
      const col = input.subject === "notice" ? crmDisputes.noticeId : crmDisputes.billId;
      const [open] = await tx
        .select({ id: crmDisputes.id })
        .from(crmDisputes)
        .where(and(eq(crmDisputes.companyId, actor.companyId), eq(col, input.targetId), eq(crmDisputes.status, "open")));
      if (!open) throw new AppError("conflict");
      return { id: open.id, created: false };
    }
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "dispute.file",
      entity: "crm_dispute",
      entityId: row.id,
      after: { subject: input.subject, ...ref, householdId: target.householdId, episodeId: episode?.id ?? null, reason: input.reason },
    });
    return { id: row.id, created: true };
  });
}
