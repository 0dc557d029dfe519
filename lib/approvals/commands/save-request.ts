import { and, eq, inArray, ne, sql } from "drizzle-orm";
import {
  approvalEvents,
  approvalLines,
  approvalRequests,
  approvalSteps,
  communities,
  financeCategories,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { eligibleApprovers } from "../access";
import { chainFor, isEditable, lineAmount, type ChainConfig } from "../rules";
import type { RequestInput } from "../schemas";

import { MAX_AMOUNT_FEN, loadChainConfig } from "./chains";
import type { RoleActor } from "@/lib/auth/actor";
import { href, notifyUsers } from "./notify";
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
    const req = input.id
      ? await editRequest(tx, actor, input, input.id, values, now)
      : await createRequest(tx, actor, values, now);
    await insertLines(tx, actor.companyId, req.id, input);
    const submitted = input.submit ? await startRound(tx, actor, req, input, config, now) : null;
    return {
      id: req.id,
      status: submitted ? ("pending" as const) : ("draft" as const),
      chain: submitted?.chain ?? null,
    };
  });
}

type RequestValues = Omit<typeof approvalRequests.$inferInsert, "companyId" | "requesterUserId" | "status">;

/** Edits the requester's own draft or returned request (same type); its old lines are dropped, the audit keeps them. */
async function editRequest(
  tx: DbOrTx,
  actor: RoleActor,
  input: RequestInput,
  id: number,
  values: RequestValues,
  now: Date,
) {
  const [existing] = await tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.companyId, actor.companyId), eq(approvalRequests.id, id)));
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
  return row;
}

/** A new draft by the actor. */
async function createRequest(tx: DbOrTx, actor: RoleActor, values: RequestValues, now: Date) {
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
  return row;
}

/** The request's procurement lines, each amount computed on the server. */
async function insertLines(tx: DbOrTx, companyId: number, requestId: number, input: RequestInput) {
  if (input.lines.length)
    await tx.insert(approvalLines).values(
      input.lines.map((l, position) => ({
        companyId,
        requestId,
        position,
        item: l.item,
        quantity: l.quantity,
        unitPriceFen: l.unitPriceFen,
        amountFen: lineAmount(l.quantity, l.unitPriceFen),
      })),
    );
}
