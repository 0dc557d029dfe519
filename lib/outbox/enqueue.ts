import { outboxMessages } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { sendAt } from "./policy";
import { wechatRecipientOf } from "./wechat/sender";
import type { TemplateKey } from "./templates";

export interface OutboundMessage {
  companyId: number | null;
  channel: "email" | "sms" | "wechat";
  /** An e-mail address, a phone number, or (WeChat) the recipient's openid in the company's official account. */
  to: string;
  templateKey: TemplateKey;
  /** The recipient's language (users.locale); anything else falls back to zh-CN. */
  locale?: string | null;
  /** Template parameters; keys ending in "Fen" are formatted as money in the recipient's language. */
  params: Record<string, string | number | null>;
  /** Unique across the outbox: a second enqueue with the same key is ignored (e.g. "receipt:payment:42:email"). */
  idempotencyKey: string;
  /** The recipient's user id: their channel preferences apply (lib/outbox/policy.ts). */
  userId?: number;
}

/**
 * Queues an e-mail or SMS, inside the caller's business transaction: if the transaction
 * rolls back, nothing is sent. Idempotent by `idempotencyKey`. The deliverOutbox job sends it —
 * a non-urgent SMS after the company's quiet hours; nothing is queued on a channel the recipient
 * turned off for the message's kind. Returns whether a new row was queued.
 */
export async function enqueueMessage(tx: DbOrTx, message: OutboundMessage, now: Date = new Date()): Promise<boolean> {
  const to = message.to.trim();
  if (!to) return false;
  const at = await sendAt(tx, message, now);
  if (!at) return false;
  const rows = await tx
    .insert(outboxMessages)
    .values({
      companyId: message.companyId,
      channel: message.channel,
      to,
      templateKey: message.templateKey,
      locale: isLocale(message.locale) ? message.locale : DEFAULT_LOCALE,
      params: message.params,
      idempotencyKey: message.idempotencyKey,
      nextAttemptAt: at,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

/**
 * Queues the same message as e-mail, SMS and WeChat to whichever of the user's addresses exist
 * (WeChat: the user is bound to the company's official account and it has a template for the kind).
 */
export async function enqueueForUser(
  tx: DbOrTx,
  user: { id?: number; email: string | null; phone: string | null; locale: string | null },
  message: Omit<OutboundMessage, "channel" | "to" | "locale">,
  now: Date = new Date(),
) {
  let n = 0;
  if (user.email)
    n += Number(
      await enqueueMessage(
        tx,
        {
          ...message,
          channel: "email",
          to: user.email,
          locale: user.locale,
          userId: user.id,
          idempotencyKey: `${message.idempotencyKey}:email`,
        },
        now,
      ),
    );
  if (user.phone)
    n += Number(
      await enqueueMessage(
        tx,
        {
          ...message,
          channel: "sms",
          to: user.phone,
          locale: user.locale,
          userId: user.id,
          idempotencyKey: `${message.idempotencyKey}:sms`,
        },
        now,
      ),
    );
  const openid =
    user.id !== undefined && message.companyId !== null
      ? await wechatRecipientOf(tx, message.companyId, user.id, message.templateKey)
      : null;
  if (openid)
    n += Number(
      await enqueueMessage(
        tx,
        {
          ...message,
          channel: "wechat",
          to: openid,
          locale: user.locale,
          userId: user.id,
          idempotencyKey: `${message.idempotencyKey}:wechat`,
        },
        now,
      ),
    );
  return n;
}
