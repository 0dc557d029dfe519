import { and, eq, gt, inArray, ne, sql } from "drizzle-orm";
import {
  approvalEvents,
  approvalLines,
  approvalRequests,
  approvalSettings,
  approvalSteps,
  communities,
  financeCategories,
  notifications,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { postApprovalExpense } from "@/lib/finance/ledger";
import { eligibleApprovers, loadActorFacts } from "./access";
import {
  chainFor,
  DEFAULT_CHAINS,
  isEditable,
  lineAmount,
  MONEY_TYPES,
  stepDenial,
  type ChainConfig,
  type StepRole,
} from "./rules";
import type { DecisionInput, RequestInput } from "./schemas";
import type { RoleActor } from "@/lib/auth/actor";

/*
 * Approval commands (SPEC §6). Every write is one transaction: the request row, its steps, its
 * timeline event, the audit entry, the in-app notifications and — on the final approval of a
 * money request — the expense posting. Decisions are conditional updates on the pending step,
 * so a double click or two approvers at once decide a step once.
 */

/** The largest amount a request may carry (¥1,000,000,000), so sums stay exact. */
export const MAX_AMOUNT_FEN = 100_000_000_000;

export async function loadChainConfig(db: DbOrTx, companyId: number): Promise<ChainConfig> {
  const [row] = await db
    .select({ chains: approvalSettings.chains })
    .from(approvalSettings)
    .where(eq(approvalSettings.companyId, companyId));
  return row ? { ...DEFAULT_CHAINS, ...(row.chains as Partial<ChainConfig>) } : DEFAULT_CHAINS;
}

/** The admin's chain settings; validated by chainConfigSchema; audited with before/after. */
export async function saveChainConfig(db: Db, actor: RoleActor, chains: ChainConfig) {
  const before = await loadChainConfig(db, actor.companyId);
  await db.transaction(async (tx) => {
    await tx
      .insert(approvalSettings)
      .values({ companyId: actor.companyId, chains })
      .onConflictDoUpdate({ target: approvalSettings.companyId, set: { chains, updatedAt: new Date() } });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "approvals.chains",
      entity: "approval_settings",
      entityId: actor.companyId,
      before,
      after: chains,
    });
  });
}

const href = (id: number) => `/staff/approvals/${id}`;

async function notifyUsers(
  tx: DbOrTx,
  companyId: number,
  userIds: number[],
  kind: string,
  payload: Record<string, string | number | null>,
  link: string,
  now: Date,
) {
  const ids = [...new Set(userIds)];
  if (ids.length)
    await tx
      .insert(notifications)
      .values(ids.map((userId) => ({ companyId, userId, kind, payload, href: link, createdAt: now })));
}

async function checkRefs(db: DbOrTx, companyId: number, input: RequestInput) {
  const [c] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.companyId, companyId), eq(communities.id, input.communityId)));
  if (!c) throw AppError.field("communityId", "approvals.errors.community");
  if (input.categoryId !== null) {
    const [cat] = await db
      .select({ id: financeCategories.id })
      .from(financeCategories)
      .where(
        and(
          eq(financeCategories.companyId, companyId),
          eq(financeCategories.id, input.categoryId),
          eq(financeCategories.kind, "expense"),
        ),
      );
    if (!cat) throw AppError.field("categoryId", "approvals.errors.category");
  }
  if (input.amountFen !== null && input.amountFen > MAX_AMOUNT_FEN)
    throw AppError.field(input.type === "procurement" ? "lines" : "amount", "approvals.errors.tooLarge");
}

/** A leave request may not overlap the same person's pending or approved leave. */
async function checkLeaveOverlap(
  db: DbOrTx,
  companyId: number,
  userId: number,
  input: RequestInput,
  selfId: number | null,
) {
  if (input.type !== "leave" || !input.leaveFrom || !input.leaveTo) return;
  const rows = await db
    .select({ id: approvalRequests.id, from: approvalRequests.leaveFrom, to: approvalRequests.leaveTo })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.companyId, companyId),
        eq(approvalRequests.requesterUserId, userId),
        eq(approvalRequests.type, "leave"),
        inArray(approvalRequests.status, ["pending", "approved"]),
        selfId ? ne(approvalRequests.id, selfId) : undefined,
        sql`${approvalRequests.leaveFrom} <= ${input.leaveTo} and ${approvalRequests.leaveTo} >= ${input.leaveFrom}`,
      ),
    )
    .limit(1);
  if (rows.length)
    throw new AppError("conflict", "errors.validation", { leaveFrom: ["approvals.errors.leaveOverlap"] });
}

/** Starts a new round of steps for a request being (re)submitted; notifies the first approvers. */
async function startRound(
  tx: DbOrTx,
  actor: RoleActor,
  req: { id: number; round: number; communityId: number; title: string },
  input: RequestInput,
  config: ChainConfig,
  now: Date,
) {
  const chain = chainFor(config, input.type, input.amountFen, actor.roles);
  const round = req.round + 1;
  const updated = await tx
    .update(approvalRequests)
    .set({ status: "pending", round, currentStep: 0, submittedAt: now, decidedAt: null })
    .where(
      and(
        eq(approvalRequests.companyId, actor.companyId),
        eq(approvalRequests.id, req.id),
        eq(approvalRequests.round, req.round),
        inArray(approvalRequests.status, ["draft", "returned"]),
      ),
    )
    .returning({ id: approvalRequests.id });
  if (!updated.length) throw new AppError("conflict", "approvals.errors.notEditable");
  await tx
    .insert(approvalSteps)
    .values(chain.map((role, position) => ({ companyId: actor.companyId, requestId: req.id, round, position, role })));
  await tx.insert(approvalEvents).values({
    companyId: actor.companyId,
    requestId: req.id,
    kind: "submitted",
    actorUserId: actor.userId,
    round,
    createdAt: now,
  });
  await writeAudit(tx, {
    companyId: actor.companyId,
    actorUserId: actor.userId,
    action: "approval.submit",
    entity: "approval_request",
    entityId: req.id,
    after: { round, chain, amountFen: input.amountFen },
  });
  const to = await eligibleApprovers(tx, actor.companyId, chain[0], {
    requesterUserId: actor.userId,
    communityId: req.communityId,
  });
  await notifyUsers(
    tx,
    actor.companyId,
    to,
    "approval.pending",
    { requestId: req.id, title: req.title },
    href(req.id),
    now,
  );
  return { round, chain };
}

/**
 * Creates or edits a request (drafts and returned requests only, by their requester) and,
 * when `submit`, sends it into its chain. Procurement totals are the server's sum of the lines.
 */
export async function saveRequest(db: Db, actor: RoleActor, input: RequestInput, now = new Date()) {
  await checkRefs(db, actor.companyId, input);
  const config = await loadChainConfig(db, actor.companyId);
  const values = {
    communityId: input.communityId,
    type: input.type,
    categoryId: input.categoryId,
    title: input.title,
    description: input.description,
    amountFen: input.amountFen,
    details: input.details,
    leaveFrom: input.leaveFrom,
    leaveTo: input.leaveTo,
  };
  return db.transaction(async (tx) => {
    // Inside the transaction, so two submissions at once cannot both pass the overlap check.
    if (input.submit) await checkLeaveOverlap(tx, actor.companyId, actor.userId, input, input.id);
    let req: { id: number; round: number; communityId: number; title: string };
    if (input.id) {
      const [existing] = await tx
        .select()
        .from(approvalRequests)
        .where(and(eq(approvalRequests.companyId, actor.companyId), eq(approvalRequests.id, input.id)));
      if (!existing || existing.requesterUserId !== actor.userId) throw new AppError("not_found");
      if (!isEditable(existing.status)) throw new AppError("conflict", "approvals.errors.notEditable");
      if (existing.type !== input.type) throw AppError.field("type", "approvals.errors.type");
      const [row] = await tx
        .update(approvalRequests)
        .set(values)
        .where(
          and(
            eq(approvalRequests.id, existing.id),
            inArray(approvalRequests.status, ["draft", "returned"]),
            eq(approvalRequests.round, existing.round),
          ),
        )
        .returning();
      if (!row) throw new AppError("conflict", "approvals.errors.notEditable");
      // A draft's or returned request's lines are replaced (nothing was approved or posted yet); the audit entry keeps the old ones.
      const oldLines = await tx
        .select({
          item: approvalLines.item,
          quantity: approvalLines.quantity,
          unitPriceFen: approvalLines.unitPriceFen,
        })
        .from(approvalLines)
        .where(and(eq(approvalLines.companyId, actor.companyId), eq(approvalLines.requestId, row.id)));
      await tx
        .delete(approvalLines)
        .where(and(eq(approvalLines.companyId, actor.companyId), eq(approvalLines.requestId, row.id)));
      await tx.insert(approvalEvents).values({
        companyId: actor.companyId,
        requestId: row.id,
        kind: "edited",
        actorUserId: actor.userId,
        round: row.round,
        createdAt: now,
      });
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "approval.edit",
        entity: "approval_request",
        entityId: row.id,
        before: { title: existing.title, amountFen: existing.amountFen, details: existing.details, lines: oldLines },
        after: { title: row.title, amountFen: row.amountFen, details: row.details, lines: input.lines },
      });
      req = row;
    } else {
      const [row] = await tx
        .insert(approvalRequests)
        .values({ companyId: actor.companyId, requesterUserId: actor.userId, status: "draft", ...values })
        .returning();
      await tx.insert(approvalEvents).values({
        companyId: actor.companyId,
        requestId: row.id,
        kind: "created",
        actorUserId: actor.userId,
        round: 0,
        createdAt: now,
      });
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "approval.create",
        entity: "approval_request",
        entityId: row.id,
        after: { type: row.type, title: row.title, amountFen: row.amountFen },
      });
      req = row;
    }
    if (input.lines.length)
      await tx.insert(approvalLines).values(
        input.lines.map((l, position) => ({
          companyId: actor.companyId,
          requestId: req.id,
          position,
          item: l.item,
          quantity: l.quantity,
          unitPriceFen: l.unitPriceFen,
          amountFen: lineAmount(l.quantity, l.unitPriceFen),
        })),
      );
    const submitted = input.submit ? await startRound(tx, actor, req, input, config, now) : null;
    return {
      id: req.id,
      status: submitted ? ("pending" as const) : ("draft" as const),
      chain: submitted?.chain ?? null,
    };
  });
}

/**
 * Approve, reject or return the current step. The person is checked against the step on the
 * server (role and scope, never their own request); the step is decided by a conditional update,
 * so a second decision of the same step (double click, two approvers) is refused.
 */
export async function decide(db: Db, actor: RoleActor, input: DecisionInput, today: string, now = new Date()) {
  const facts = await loadActorFacts(db, actor.companyId, actor.userId, actor.roles);
  return db.transaction(async (tx) => {
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
    let posted = false;
    if (finalStatus === "approved" && MONEY_TYPES.includes(req.type) && req.amountFen && req.categoryId)
      posted = await postApprovalExpense(tx, {
        companyId: actor.companyId,
        requestId: req.id,
        communityId: req.communityId,
        categoryId: req.categoryId,
        amountFen: req.amountFen,
        approvedOn: today,
        actorUserId: actor.userId,
      });
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
    return { status: finalStatus, currentStep: next, posted };
  });
}

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
