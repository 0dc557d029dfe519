import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { companies, residentLinks, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { enqueueMessage } from "./enqueue";
import { wechatRecipientOf } from "./wechat/sender";

/*
 * Business events that send e-mail, called inside the event's own transaction so the
 * message exists exactly when the event does. Each is idempotent (one key per event and
 * recipient). Receipts go by e-mail, SMS and WeChat (the recipient's preferences and the company's quiet
 * hours apply, lib/outbox/policy.ts); dispatch notices by e-mail only.
 */

/** A payment receipt to every approved resident of the household, by e-mail and SMS (bills: lib/billing/payments.ts). */
export async function enqueuePaymentReceipt(
  tx: DbOrTx,
  p: { companyId: number; paymentId: number; householdId: number; receiptNo: string; amountFen: number },
  now: Date = new Date(),
) {
  const [recipients, [company]] = await Promise.all([
    tx
      .select({ id: users.id, email: users.email, phone: users.phone, locale: users.locale })
      .from(residentLinks)
      .innerJoin(users, eq(users.id, residentLinks.userId))
      .where(
        and(
          eq(residentLinks.companyId, p.companyId),
          eq(residentLinks.householdId, p.householdId),
          eq(residentLinks.status, "approved"),
        ),
      ),
    tx.select({ name: companies.name }).from(companies).where(eq(companies.id, p.companyId)),
  ]);
  const params = { receiptNo: p.receiptNo, amountFen: p.amountFen, company: company?.name ?? "" };
  for (const r of recipients) {
    const base = { companyId: p.companyId, templateKey: "receipt" as const, locale: r.locale, params, userId: r.id };
    const key = `receipt:${p.paymentId}:${r.id}`;
    if (r.email) await enqueueMessage(tx, { ...base, channel: "email", to: r.email, idempotencyKey: key }, now);
    if (r.phone) await enqueueMessage(tx, { ...base, channel: "sms", to: r.phone, idempotencyKey: `${key}:sms` }, now);
    const openid = await wechatRecipientOf(tx, p.companyId, r.id, "receipt");
    if (openid)
      await enqueueMessage(tx, { ...base, channel: "wechat", to: openid, idempotencyKey: `${key}:wechat` }, now);
  }
}

/** "A work order was dispatched to you" to each assignee with an e-mail (lib/tickets/commands.ts dispatch). */
export async function enqueueOrderDispatched(
  tx: DbOrTx,
  o: { companyId: number; orderId: number; type: string },
  userIds: number[],
  now: Date = new Date(),
) {
  if (!userIds.length) return;
  const recipients = await tx
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, userIds), isNotNull(users.email)));
  for (const r of recipients) {
    await enqueueMessage(
      tx,
      {
        companyId: o.companyId,
        channel: "email",
        to: r.email!,
        templateKey: "orderDispatched",
        locale: r.locale,
        params: { orderId: o.orderId, type: o.type },
        idempotencyKey: `dispatch:${o.orderId}:${r.id}`,
      },
      now,
    );
  }
}
