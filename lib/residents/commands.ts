import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { companies, households, memberships, residentLinks, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { hashPassword } from "@/lib/auth/password";
import { checkLimits, recordFailures, type LimitedKey } from "@/lib/auth/rate-limit";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordConsent } from "@/lib/privacy/consent";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/rules";
import { findDecidableLink, householdStaff, type Viewer } from "./queries";
import {
  canTransition,
  HOUSEHOLD_CODE_PER_IP,
  HOUSEHOLD_CODE_PER_PERSON,
  householdCodeKeys,
  mayDecide,
  removeVerdict,
  requestOutcome,
} from "./rules";
import type { registerSchema, rejectRegistrationSchema, requestHouseholdSchema } from "./schemas";

/* ── Household codes ────────────────────────────────────────────────────────────── */

/**
 * The household a code belongs to, when it and its company are active. This is the one
 * lookup that is not scoped to a company: the code is how a visitor names the company.
 */
async function householdOfCode(db: DbOrTx, code: string) {
  const [row] = await db
    .select({ id: households.id, companyId: households.companyId })
    .from(households)
    .innerJoin(companies, eq(companies.id, households.companyId))
    .where(and(eq(households.code, code), eq(households.active, true), eq(companies.active, true)));
  return row ?? null;
}

/**
 * Resolves a typed code under the wrong-code limits: refused outright while any key is
 * blocked; a code that names no usable household (unknown, inactive, or in another company
 * than `companyId`) counts one failure against every key and gets the same answer.
 */
async function resolveCode(db: Db, code: string, keys: LimitedKey[], companyId?: number) {
  const verdict = await checkLimits(db, keys);
  if (!verdict.allowed) throw AppError.field("code", "residents.errors.tooManyCodes", "rate_limited");
  const household = await householdOfCode(db, code);
  if (!household || (companyId !== undefined && household.companyId !== companyId)) {
    await recordFailures(db, keys);
    throw AppError.field("code", "residents.errors.codeInvalid");
  }
  return household;
}

/* ── Registration ───────────────────────────────────────────────────────────────── */

const phoneHasAccount = () => AppError.field("phone", "residents.errors.phoneHasAccount", "conflict");

/**
 * A visitor registers with a household code: the account, a resident membership in the
 * household's company and a pending link to the household, all or nothing. Only once the
 * code is right (under its limits) is a phone that already has an account told to sign in
 * and add the household from the profile — and that answer counts as a failure against the
 * address's limit, so it cannot be used to list who has an account.
 */
export async function registerResident(
  db: Db,
  input: Omit<z.output<typeof registerSchema>, "acceptPrivacy">,
  { ip }: { ip: string },
) {
  const keys: LimitedKey[] = [
    { key: householdCodeKeys.ip(ip), rule: HOUSEHOLD_CODE_PER_IP },
    { key: householdCodeKeys.phone(input.phone), rule: HOUSEHOLD_CODE_PER_PERSON },
  ];
  const household = await resolveCode(db, input.code, keys);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.phone, input.phone));
  if (taken) {
    await recordFailures(db, keys.slice(0, 1));
    throw phoneHasAccount();
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const companyId = household.companyId;
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, phone: input.phone, passwordHash })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ companyId, userId: user.id, role: "resident" });
      await recordConsent(tx, companyId, user.id, "privacy_notice", PRIVACY_NOTICE_VERSION);
      const [link] = await tx
        .insert(residentLinks)
        .values({ companyId, userId: user.id, householdId: household.id, relation: input.relation, status: "pending" })
        .returning({ id: residentLinks.id });
      await writeAudit(tx, {
        companyId,
        actorUserId: user.id,
        action: "resident.register",
        entity: "resident_link",
        entityId: link.id,
        after: {
          userId: user.id,
          name: input.name,
          phone: input.phone,
          householdId: household.id,
          relation: input.relation,
          status: "pending",
          privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        },
      });
      return { userId: user.id, companyId, linkId: link.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "users.phone")) {
      await recordFailures(db, keys.slice(0, 1));
      throw phoneHasAccount();
    }
    throw e;
  }
}

/* ── A signed-in resident asks for another household ────────────────────────────── */

const alreadyRequested = () => AppError.field("code", "residents.errors.alreadyRequested", "conflict");

/**
 * Links the resident (pending approval) to the household of the code, in their own company.
 * Asking again after a rejection or a removal reopens the same link.
 */
export async function requestHousehold(
  db: Db,
  companyId: number,
  userId: number,
  input: z.output<typeof requestHouseholdSchema>,
  { ip }: { ip: string },
) {
  const keys: LimitedKey[] = [
    { key: householdCodeKeys.ip(ip), rule: HOUSEHOLD_CODE_PER_IP },
    { key: householdCodeKeys.user(userId), rule: HOUSEHOLD_CODE_PER_PERSON },
  ];
  const household = await resolveCode(db, input.code, keys, companyId);
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: residentLinks.id, status: residentLinks.status, relation: residentLinks.relation })
        .from(residentLinks)
        .where(
          and(
            eq(residentLinks.companyId, companyId),
            eq(residentLinks.userId, userId),
            eq(residentLinks.householdId, household.id),
          ),
        );
      const outcome = requestOutcome(existing?.status);
      if (outcome === "alreadyPending") throw alreadyRequested();
      if (outcome === "alreadyLinked") throw AppError.field("code", "residents.errors.alreadyLinked", "conflict");
      let linkId: number;
      if (outcome === "create" || !existing) {
        const [link] = await tx
          .insert(residentLinks)
          .values({ companyId, userId, householdId: household.id, relation: input.relation, status: "pending" })
          .returning({ id: residentLinks.id });
        linkId = link.id;
      } else {
        const reopened = await tx
          .update(residentLinks)
          .set({ status: "pending", relation: input.relation, decidedByUserId: null })
          .where(and(eq(residentLinks.id, existing.id), eq(residentLinks.status, existing.status)))
          .returning({ id: residentLinks.id });
        if (reopened.length === 0) throw alreadyRequested();
        linkId = existing.id;
      }
      await writeAudit(tx, {
        companyId,
        actorUserId: userId,
        action: "resident_link.request",
        entity: "resident_link",
        entityId: linkId,
        before: existing ? { status: existing.status, relation: existing.relation } : null,
        after: { userId, householdId: household.id, relation: input.relation, status: "pending" },
      });
      return { linkId };
    });
  } catch (e) {
    if (isUniqueViolation(e, "resident_links")) throw alreadyRequested();
    throw e;
  }
}

/* ── Staff decide ───────────────────────────────────────────────────────────────── */

export type Decision =
  { kind: "approve" } | { kind: "reject"; reason: z.output<typeof rejectRegistrationSchema>["reason"] };

/**
 * Approves or rejects a pending request. The request is looked up through the viewer's
 * scope (their households only), so another butler's request is simply not found.
 */
export async function decideRegistration(
  db: Db,
  companyId: number,
  viewer: Viewer,
  linkId: number,
  decision: Decision,
) {
  return db.transaction(async (tx) => {
    const link = await findDecidableLink(tx, companyId, viewer, linkId);
    if (!link) throw new AppError("not_found");
    if (link.userId === viewer.userId) throw new AppError("forbidden", "residents.errors.ownRequest");
    if (!mayDecide(viewer, await householdStaff(tx, companyId, link.householdId))) throw new AppError("not_found");
    const to = decision.kind === "approve" ? "approved" : "rejected";
    if (!canTransition(link.status, to)) throw new AppError("conflict", "residents.errors.alreadyDecided");
    const updated = await tx
      .update(residentLinks)
      .set({ status: to, decidedByUserId: viewer.userId })
      .where(
        and(
          eq(residentLinks.id, link.id),
          eq(residentLinks.companyId, companyId),
          eq(residentLinks.status, link.status),
        ),
      )
      .returning({ id: residentLinks.id });
    if (updated.length === 0) throw new AppError("conflict", "residents.errors.alreadyDecided");
    await writeAudit(tx, {
      companyId,
      actorUserId: viewer.userId,
      action: decision.kind === "approve" ? "resident_link.approve" : "resident_link.reject",
      entity: "resident_link",
      entityId: link.id,
      before: { userId: link.userId, householdId: link.householdId, relation: link.relation, status: link.status },
      after: decision.kind === "approve" ? { status: to } : { status: to, reason: decision.reason },
    });
    return { linkId: link.id, status: to };
  });
}

/* ── An owner removes a family member or tenant ─────────────────────────────────── */

/**
 * An approved owner removes another person's approved family/tenant link to the same
 * household. Links the actor has no approved link beside are "not found".
 */
export async function removeResidentLink(db: Db, companyId: number, actorUserId: number, linkId: number) {
  return db.transaction(async (tx) => {
    const columns = {
      id: residentLinks.id,
      userId: residentLinks.userId,
      householdId: residentLinks.householdId,
      relation: residentLinks.relation,
      status: residentLinks.status,
    };
    const [target] = await tx
      .select(columns)
      .from(residentLinks)
      .where(and(eq(residentLinks.id, linkId), eq(residentLinks.companyId, companyId)));
    if (!target) throw new AppError("not_found");
    const [actor] = await tx
      .select(columns)
      .from(residentLinks)
      .where(
        and(
          eq(residentLinks.companyId, companyId),
          eq(residentLinks.userId, actorUserId),
          eq(residentLinks.householdId, target.householdId),
        ),
      );
    if (!actor || actor.status !== "approved") throw new AppError("not_found");
    const verdict = removeVerdict(actor, target);
    if (verdict === "notOwner") throw new AppError("forbidden", "residents.errors.onlyOwnerRemoves");
    if (verdict === "cannotRemoveOwner") throw new AppError("forbidden", "residents.errors.cannotRemoveOwner");
    if (verdict === "self") throw new AppError("forbidden", "residents.errors.cannotRemoveSelf");
    if (verdict === "notApproved") throw new AppError("not_found");
    const removed = await tx
      .update(residentLinks)
      .set({ status: "removed", decidedByUserId: actorUserId })
      .where(and(eq(residentLinks.id, target.id), eq(residentLinks.status, "approved")))
      .returning({ id: residentLinks.id });
    if (removed.length === 0) throw new AppError("not_found");
    await writeAudit(tx, {
      companyId,
      actorUserId,
      action: "resident_link.remove",
      entity: "resident_link",
      entityId: target.id,
      before: {
        userId: target.userId,
        householdId: target.householdId,
        relation: target.relation,
        status: target.status,
      },
      after: { status: "removed" },
    });
    return { linkId: target.id };
  });
}
