import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import {
  householdContacts,
  memberships,
  privacyRequests,
  residentLinks,
  shopCartItems,
  surveyResponses,
  users,
  workOrderComments,
  workOrders,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
import { anonymizedName, anonymizedUser, isSamePerson, REDACTED_TEXT } from "./rules";

/**
 * Anonymizes a resident after an accepted deletion request, inside the caller's transaction:
 * the account loses name, phone, e-mail and password (sign-in disabled, sessions revoked),
 * household contacts that are this person lose theirs, and free text they wrote (work-order
 * descriptions and rating comments, comments, survey comments, privacy request details) is
 * redacted. Money records (bills, payments, allocations, credit, receipts) and sentiment
 * ledger entries are not touched: they belong to the household and are kept for the
 * retention period. Returns counts of what changed.
 */
export async function anonymizeResident(tx: DbOrTx, companyId: number, userId: number) {
  const roles = await tx
    .select({ role: memberships.role, companyId: memberships.companyId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  if (!roles.some((r) => r.companyId === companyId && r.role === "resident")) throw new AppError("not_found");
  // A person who is also staff (or a resident elsewhere) is not anonymized from one company's request.
  if (roles.some((r) => r.companyId !== companyId || r.role !== "resident")) throw new AppError("conflict", "privacy.errors.notOnlyResident");
  const [person] = await tx.select({ phone: users.phone, email: users.email }).from(users).where(eq(users.id, userId));
  if (!person) throw new AppError("not_found");

  const candidates = await tx
    .select({ id: householdContacts.id, phone: householdContacts.phone, email: householdContacts.email })
    .from(householdContacts)
    .where(
      and(
        eq(householdContacts.companyId, companyId),
        or(
          person.phone ? eq(householdContacts.phone, person.phone) : sql`0`,
          person.email ? sql`lower(${householdContacts.email}) = ${person.email.toLowerCase()}` : sql`0`,
        ),
      ),
    );
  const contactIds = candidates.filter((c) => isSamePerson(c, person)).map((c) => c.id);
  if (contactIds.length)
    await tx
      .update(householdContacts)
      .set({ name: anonymizedName(userId), phone: null, email: null })
      .where(and(eq(householdContacts.companyId, companyId), inArray(householdContacts.id, contactIds)));

  const orders = await tx
    .update(workOrders)
    .set({ description: REDACTED_TEXT, ratingComment: null })
    .where(and(eq(workOrders.companyId, companyId), eq(workOrders.createdByUserId, userId)))
    .returning({ id: workOrders.id });
  const comments = await tx
    .update(workOrderComments)
    .set({ body: REDACTED_TEXT })
    .where(and(eq(workOrderComments.companyId, companyId), eq(workOrderComments.authorUserId, userId)))
    .returning({ id: workOrderComments.id });
  await tx
    .update(surveyResponses)
    .set({ comment: null })
    .where(and(eq(surveyResponses.companyId, companyId), eq(surveyResponses.answeredByUserId, userId)));
  await tx
    .update(privacyRequests)
    .set({ details: REDACTED_TEXT })
    .where(and(eq(privacyRequests.companyId, companyId), eq(privacyRequests.userId, userId)));
  await tx.delete(shopCartItems).where(and(eq(shopCartItems.companyId, companyId), eq(shopCartItems.userId, userId)));
  await tx
    .update(residentLinks)
    .set({ status: "removed" })
    .where(and(eq(residentLinks.companyId, companyId), eq(residentLinks.userId, userId), ne(residentLinks.status, "removed")));
  await tx
    .update(users)
    .set({ ...anonymizedUser(userId, `!anonymized:${randomUUID()}`), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  return { contacts: contactIds.length, orders: orders.length, comments: comments.length };
}
