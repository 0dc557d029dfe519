import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { privacyRequests, users } from "@/db/schema";
import type { PrivacyRequestStatus } from "@/db/schema/privacy";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { anonymizeResident } from "./anonymize";
import type { decidePrivacyRequestSchema, privacyRequestSchema } from "./schemas";

const alreadyOpen = () => AppError.field("kind", "privacy.errors.alreadyOpen", "conflict");

/** A resident asks for a correction or a deletion; one open request of each kind at a time. */
export async function submitPrivacyRequest(
  db: Db,
  companyId: number,
  userId: number,
  input: z.output<typeof privacyRequestSchema>,
) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(privacyRequests)
        .values({ companyId, userId, kind: input.kind, details: input.details })
        .returning({ id: privacyRequests.id });
      await writeAudit(tx, {
        companyId,
        actorUserId: userId,
        action: "privacy_request.submit",
        entity: "privacy_request",
        entityId: row.id,
        after: { kind: input.kind, status: "open" },
      });
      return { requestId: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "privacy_requests")) throw alreadyOpen();
    throw e;
  }
}

/**
 * Staff accept or reject an open request, with the reason the resident will see. Accepting a
 * deletion anonymizes the resident in the same transaction (all or nothing). A request decided
 * meanwhile by someone else is refused as a conflict.
 */
export async function decidePrivacyRequest(
  db: Db,
  companyId: number,
  actorUserId: number,
  input: z.output<typeof decidePrivacyRequestSchema>,
) {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(privacyRequests)
      .where(and(eq(privacyRequests.id, input.requestId), eq(privacyRequests.companyId, companyId)));
    if (!request) throw new AppError("not_found");
    if (request.status !== "open") throw new AppError("conflict", "privacy.errors.alreadyDecided");
    const status: PrivacyRequestStatus = input.decision === "accept" ? "accepted" : "rejected";
    const updated = await tx
      .update(privacyRequests)
      .set({ status, decidedByUserId: actorUserId, decisionReason: input.reason || null, decidedAt: new Date() })
      .where(
        and(
          eq(privacyRequests.id, request.id),
          eq(privacyRequests.companyId, companyId),
          eq(privacyRequests.status, "open"),
        ),
      )
      .returning({ id: privacyRequests.id });
    if (updated.length === 0) throw new AppError("conflict", "privacy.errors.alreadyDecided");
    const effect =
      status === "accepted" && request.kind === "deletion"
        ? await anonymizeResident(tx, companyId, request.userId)
        : null;
    await writeAudit(tx, {
      companyId,
      actorUserId,
      action: `privacy_request.${input.decision}`,
      entity: "privacy_request",
      entityId: request.id,
      before: { kind: request.kind, status: request.status, userId: request.userId },
      after: { status, reason: input.reason || null, anonymized: effect },
    });
    return { requestId: request.id, status };
  });
}

/** The resident's own requests with their outcome, newest first. */
export function requestsOf(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select({
      id: privacyRequests.id,
      kind: privacyRequests.kind,
      details: privacyRequests.details,
      status: privacyRequests.status,
      decisionReason: privacyRequests.decisionReason,
      decidedAt: privacyRequests.decidedAt,
      createdAt: privacyRequests.createdAt,
    })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.companyId, companyId), eq(privacyRequests.userId, userId)))
    .orderBy(desc(privacyRequests.id));
}

/** Staff's list: open requests first, then the decided ones, with who asked. */
export function companyRequests(db: DbOrTx, companyId: number) {
  return db
    .select({
      id: privacyRequests.id,
      kind: privacyRequests.kind,
      details: privacyRequests.details,
      status: privacyRequests.status,
      decisionReason: privacyRequests.decisionReason,
      decidedAt: privacyRequests.decidedAt,
      createdAt: privacyRequests.createdAt,
      userId: privacyRequests.userId,
      userName: users.name,
      userPhone: users.phone,
    })
    .from(privacyRequests)
    .innerJoin(users, eq(users.id, privacyRequests.userId))
    .where(eq(privacyRequests.companyId, companyId))
    .orderBy(desc(eq(privacyRequests.status, "open")), desc(privacyRequests.id))
    .limit(200);
}
