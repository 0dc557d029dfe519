import { and, eq, gt } from "drizzle-orm";
import { approvalEvents, approvalRequests, approvalSteps } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { postApprovalExpense } from "@/lib/finance/ledger";
import { eligibleApprovers, loadActorFacts } from "../access";
import { MONEY_TYPES, stepDenial, type StepRole } from "../rules";
import type { DecisionInput } from "../schemas";
import type { RoleActor } from "@/lib/auth/actor";
import { href, notifyUsers } from "./notify";

type Request = typeof approvalRequests.$inferSelect;
type Step = typeof approvalSteps.$inferSelect;
type StepStatus = "approved" | "rejected" | "returned";
/** What a decision did: the step's new status, the request's, and the next step (null when none). */
interface Outcome {
  status: StepStatus;
  finalStatus: "pending" | StepStatus;
  next: number | null;
}

/**
 * Approve, reject or return the current step. The person is checked against the step on the
 * server (role and scope, never their own request); the step is decided by a conditional update,
 * so a second decision of the same step (double click, two approvers) is refused.
 */
export async function decide(db: Db, actor: RoleActor, input: DecisionInput, today: string, now = new Date()) {
  const facts = await loadActorFacts(db, actor.companyId, actor.userId, actor.roles);
  return db.transaction(async (tx) => {
    const { req, steps, step } = await loadDecidableStep(tx, actor, facts, input);
    const outcome = await moveRequest(tx, actor, req, steps, step, input, today, now);
    await recordDecision(tx, actor, req, step, input, outcome, now);
    const posted = await postExpense(tx, actor, req, outcome, today);
    await notifyAfterDecision(tx, actor, req, steps, outcome, now);
    return { status: outcome.finalStatus, currentStep: outcome.next, posted };
  });
}

/** The request, its steps of this round and the step being decided, refused unless this person may decide it now. */
async function loadDecidableStep(
  tx: DbOrTx,
  actor: RoleActor,
  facts: Awaited<ReturnType<typeof loadActorFacts>>,
  input: DecisionInput,
) {
  const [req] = await tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.companyId, actor.companyId), eq(approvalRequests.id, input.requestId)));
  if (!req) throw new AppError("not_found");
  const steps = await tx
    .select()
    .from(approvalSteps)
    .where(
      and(
        eq(approvalSteps.companyId, actor.companyId),
        eq(approvalSteps.requestId, req.id),
        eq(approvalSteps.round, req.round),
      ),
    )
    .orderBy(approvalSteps.position);
  const step = steps.find((s) => s.position === input.position);
  const denial = step ? stepDenial(step.role as StepRole, facts, req) : null;
  if (denial === "own") throw new AppError("forbidden", "approvals.errors.ownRequest");
  if (req.status !== "pending" || req.currentStep === null)
    throw new AppError("conflict", "approvals.errors.notPending");
  if (!step || step.status !== "pending" || req.currentStep !== input.position)
    throw new AppError(
      "conflict",
      step && step.status !== "pending" ? "approvals.errors.alreadyDecided" : "approvals.errors.outOfTurn",
    );
  if (denial)
    throw new AppError(
      "forbidden",
      denial === "role" ? "approvals.errors.notYourStep" : "approvals.errors.notYourScope",
    );
  return { req, steps, step };
}

/**
 * Decides the step and moves the request (next step, or its final status) by conditional updates;
 * a rejection or return cancels the later steps of the round.
 */
async function moveRequest(
  tx: DbOrTx,
  actor: RoleActor,
  req: Request,
  steps: Step[],
  step: Step,
  input: DecisionInput,
  today: string,
  now: Date,
): Promise<Outcome> {
  const status = input.decision === "approve" ? "approved" : input.decision === "reject" ? "rejected" : "returned";
  const decided = await tx
    .update(approvalSteps)
    .set({ status, actorUserId: actor.userId, comment: input.comment || null, actedAt: now })
    .where(and(eq(approvalSteps.id, step.id), eq(approvalSteps.status, "pending")))
    .returning({ id: approvalSteps.id });
  if (!decided.length) throw new AppError("conflict", "approvals.errors.alreadyDecided");
  const last = input.position === steps.length - 1;
  const next = input.decision === "approve" && !last ? input.position + 1 : null;
  const finalStatus = input.decision === "approve" ? (last ? "approved" : "pending") : status;
  const moved = await tx
    .update(approvalRequests)
    .set(
      finalStatus === "pending"
        ? { currentStep: next }
        : {
            status: finalStatus,
            currentStep: null,
            decidedAt: now,
            approvedOn: finalStatus === "approved" ? today : null,
          },
    )
    .where(
      and(
        eq(approvalRequests.id, req.id),
        eq(approvalRequests.status, "pending"),
        eq(approvalRequests.round, req.round),
        eq(approvalRequests.currentStep, input.position),
      ),
    )
    .returning({ id: approvalRequests.id });
  if (!moved.length) throw new AppError("conflict", "approvals.errors.alreadyDecided");
  if (finalStatus === "rejected" || finalStatus === "returned")
    await tx
      .update(approvalSteps)
      .set({ status: "cancelled" })
      .where(
        and(
          eq(approvalSteps.requestId, req.id),
          eq(approvalSteps.round, req.round),
          gt(approvalSteps.position, input.position),
          eq(approvalSteps.status, "pending"),
        ),
      );
  return { status, finalStatus, next };
}

/** The timeline event and the audit entry of a decision. */
async function recordDecision(
  tx: DbOrTx,
  actor: RoleActor,
  req: Request,
  step: Step,
  input: DecisionInput,
  { status, finalStatus, next }: Outcome,
  now: Date,
) {
  await tx.insert(approvalEvents).values({
    companyId: actor.companyId,
    requestId: req.id,
    kind: status,
    actorUserId: actor.userId,
    round: req.round,
    position: input.position,
    comment: input.comment || null,
    createdAt: now,
  });
  await writeAudit(tx, {
    companyId: actor.companyId,
    actorUserId: actor.userId,
    action: `approval.${input.decision}`,
    entity: "approval_request",
    entityId: req.id,
    before: { status: req.status, currentStep: req.currentStep },
    after: { status: finalStatus, currentStep: next, step: input.position, role: step.role, comment: input.comment },
  });
}

/** On the final approval of a money request, its expense is posted to the ledger (once). */
async function postExpense(tx: DbOrTx, actor: RoleActor, req: Request, { finalStatus }: Outcome, today: string) {
  if (finalStatus !== "approved" || !MONEY_TYPES.includes(req.type) || !req.amountFen || !req.categoryId) return false;
  return postApprovalExpense(tx, {
    companyId: actor.companyId,
    requestId: req.id,
    communityId: req.communityId,
    categoryId: req.categoryId,
    amountFen: req.amountFen,
    approvedOn: today,
    actorUserId: actor.userId,
  });
}

/** The next approvers are told a step waits for them; when the request is done, its requester is told. */
async function notifyAfterDecision(
  tx: DbOrTx,
  actor: RoleActor,
  req: Request,
  steps: Step[],
  { finalStatus, next }: Outcome,
  now: Date,
) {
  const payload = { requestId: req.id, title: req.title };
  if (next !== null) {
    const to = await eligibleApprovers(tx, actor.companyId, steps[next].role as StepRole, req);
    await notifyUsers(tx, actor.companyId, to, "approval.pending", payload, href(req.id), now);
  } else {
    await notifyUsers(
      tx,
      actor.companyId,
      [req.requesterUserId],
      `approval.${finalStatus}`,
      payload,
      href(req.id),
      now,
    );
  }
}
