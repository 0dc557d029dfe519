import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import {
  householdContacts,
  memberships,
  outboxMessages,
  privacyRequests,
  residentLinks,
  shopCartItems,
  surveyResponses,
  users,
  wechatBindings,
  workOrderComments,
  workOrders,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
import { anonymizedName, anonymizedUser, isSamePerson, REDACTED_TEXT, type PersonIdentifiers } from "./rules";

/** Household contacts that are this person (same phone or e-mail) lose name, phone and e-mail. */
async function anonymizeContacts(
  tx: DbOrTx,
  companyId: number,
  userId: number,
  person: PersonIdentifiers,
): Promise<number> {
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
  const ids = candidates.filter((c) => isSamePerson(c, person)).map((c) => c.id);
  if (ids.length)
    await tx
      .update(householdContacts)
      .set({ name: anonymizedName(userId), phone: null, email: null })
      .where(and(eq(householdContacts.companyId, companyId), inArray(householdContacts.id, ids)));
  return ids.length;
}

/** Free text the person wrote becomes [redacted]: work orders, comments, survey comments, their requests. */
async function redactTexts(tx: DbOrTx, companyId: number, userId: number) {
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
  return { orders: orders.length, comments: comments.length };
}

/** Messages to the person lose the address and the text's parameters; one not yet sent is not sent. */
async function forgetMessages(tx: DbOrTx, companyId: number, person: PersonIdentifiers) {
  const addresses = [person.phone, person.email].filter((a): a is string => !!a);
  if (!addresses.length) return;
  const unsent = sql`${outboxMessages.status} in ('queued', 'sending')`;
  await tx
    .update(outboxMessages)
    .set({
      to: REDACTED_TEXT,
      params: {},
      status: sql`case when ${unsent} then 'failed' else ${outboxMessages.status} end`,
      lastError: sql`case when ${unsent} then 'recipient anonymized' else ${outboxMessages.lastError} end`,
    })
    .where(and(eq(outboxMessages.companyId, companyId), inArray(outboxMessages.to, addresses)));
}

/**
 * Anonymizes a resident after an accepted deletion request, inside the caller's transaction:
 * the account loses name, phone, e-mail and password (sign-in disabled, sessions revoked),
 * household contacts that are this person lose theirs, free text they wrote is redacted,
 * messages to them lose the address, their cart is emptied and their household links end.
 * Money records (bills, payments, allocations, credit, receipts) and sentiment ledger entries
 * are not touched: they belong to the household and are kept for the retention period.
 * A person who is also staff, or a resident of another company, is refused (all or nothing).
 */
export async function anonymizeResident(tx: DbOrTx, companyId: number, userId: number) {
  const roles = await tx
    .select({ role: memberships.role, companyId: memberships.companyId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  if (!roles.some((r) => r.companyId === companyId && r.role === "resident")) throw new AppError("not_found");
  if (roles.some((r) => r.companyId !== companyId || r.role !== "resident"))
    throw new AppError("conflict", "privacy.errors.notOnlyResident");
  const [person] = await tx.select({ phone: users.phone, email: users.email }).from(users).where(eq(users.id, userId));
  if (!person) throw new AppError("not_found");

  const contacts = await anonymizeContacts(tx, companyId, userId, person);
  const texts = await redactTexts(tx, companyId, userId);
  await forgetMessages(tx, companyId, person);
  await tx.delete(shopCartItems).where(and(eq(shopCartItems.companyId, companyId), eq(shopCartItems.userId, userId)));
  // The WeChat openid identifies the person: the binding goes (a later sign-in through WeChat finds nobody).
  await tx
    .delete(wechatBindings)
    .where(and(eq(wechatBindings.companyId, companyId), eq(wechatBindings.userId, userId)));
  await tx
    .update(residentLinks)
    .set({ status: "removed" })
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        ne(residentLinks.status, "removed"),
      ),
    );
  await tx
    .update(users)
    .set({ ...anonymizedUser(userId, `!anonymized:${randomUUID()}`), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  return { contacts, ...texts };
}
