import { and, eq, inArray } from "drizzle-orm";
import { approvalEvents, approvalRequests, approvalSteps } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db } from "@/lib/db/client";

import type { RoleActor } from "@/lib/auth/actor";

/** The requester withdraws a request that is not decided yet (draft, pending or returned). */
export async function withdraw(
  db: Db,
  actor: RoleActor,
  input: { requestId: number; comment: string },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [req] = await tx
      .select()
      .from(approvalRequests)
      .where(and(eq(approvalRequests.companyId, actor.companyId), eq(approvalRequests.id, input.requestId)));
    if (!req || req.requesterUserId !== actor.userId) throw new AppError("not_found");
    const done = await tx
      .update(approvalRequests)
      .set({ status: "withdrawn", currentStep: null, decidedAt: now })
      .where(and(eq(approvalRequests.id, req.id), inArray(approvalRequests.status, ["draft", "pending", "returned"])))
      .returning({ id: approvalRequests.id });
    if (!done.length) throw new AppError("conflict", "approvals.errors.notWithdrawable");
    await tx
      .update(approvalSteps)
      .set({ status: "cancelled" })
      .where(and(eq(approvalSteps.requestId, req.id), eq(approvalSteps.status, "pending")));
    await tx.insert(approvalEvents).values({
      companyId: actor.companyId,
      requestId: req.id,
      kind: "withdrawn",
      actorUserId: actor.userId,
      round: req.round,
      comment: input.comment || null,
      createdAt: now,
    });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "approval.withdraw",
      entity: "approval_request",
      entityId: req.id,
      before: { status: req.status },
      after: { status: "withdrawn" },
    });
    return { status: "withdrawn" as const };
  });
}
