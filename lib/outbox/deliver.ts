import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { outboxMessages } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { nextAttemptDelayMs, OUTBOX_LEASE_MS } from "./rules";
import { renderMessage } from "./templates";
import { smsSenderFor, type SmsSender } from "./sms/settings";
import { wechatSenderFor, type WechatSender } from "./wechat/sender";
import type { MessageTransport } from "./transport";

type Claimed = {
  id: number;
  company_id: number | null;
  channel: "email" | "sms" | "wechat";
  to: string;
  template_key: string;
  locale: string;
  params: string;
  attempts: number;
};

/**
 * Claims up to `limit` due messages in ONE update statement — queued and due, or "sending"
 * with an expired lease (a crashed worker) — marking them sending with this worker's token
 * and counting the attempt. Two workers never claim the same row.
 */
async function claim(
  db: Db,
  companyId: number | null,
  now: Date,
  limit: number,
  token: string,
  createdSince?: Date,
): Promise<Claimed[]> {
  const company = companyId === null ? sql`1 = 1` : sql`company_id = ${companyId}`;
  const recent = createdSince ? sql`created_at >= ${createdSince.getTime()}` : sql`1 = 1`;
  return db.all<Claimed>(sql`
    update outbox_messages
      set status = 'sending', claim_token = ${token}, claimed_at = ${now.getTime()}, attempts = attempts + 1
    where id in (
      select id from outbox_messages
      where ${company} and ${recent} and (
        (status = 'queued' and next_attempt_at <= ${now.getTime()})
        or (status = 'sending' and claimed_at < ${now.getTime() - OUTBOX_LEASE_MS})
      )
      order by next_attempt_at, id
      limit ${limit})
    returning id, company_id, channel, "to", template_key, locale, params, attempts`);
}

/** Whether anything is due (one read on outbox_due_idx): an idle tick writes nothing. */
export async function anyDue(db: Db, now: Date, companyId: number | null): Promise<boolean> {
  const company = companyId === null ? sql`1 = 1` : sql`company_id = ${companyId}`;
  const rows = await db.all<{ one: number }>(sql`
    select 1 as one from outbox_messages where ${company} and status = 'queued' and next_attempt_at <= ${now.getTime()}
    union all
    select 1 from outbox_messages where ${company} and status = 'sending' and claimed_at < ${now.getTime() - OUTBOX_LEASE_MS}
    limit 1`);
  return rows.length > 0;
}

/**
 * Sends the due messages (one company's, or all with companyId null): each is claimed,
 * rendered in its language and handed to the transport; success → sent, failure → queued
 * again after an exponential backoff, or failed after the last attempt.
 */
export async function deliverDue(
  db: Db,
  options: {
    companyId: number | null;
    now: Date;
    transport: MessageTransport;
    limit?: number;
    /** Only messages enqueued at or after this instant (a request delivering what it just wrote). */
    createdSince?: Date;
  },
): Promise<{ claimed: number; sent: number; retried: number; failed: number }> {
  const token = randomUUID();
  const rows = await claim(db, options.companyId, options.now, options.limit ?? 100, token, options.createdSince);
  const out = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };
  const senders = new Map<number, Promise<SmsSender | null>>();
  const senderOf = (companyId: number | null) => {
    if (companyId === null) return Promise.resolve(null);
    if (!senders.has(companyId)) senders.set(companyId, smsSenderFor(db, companyId));
    return senders.get(companyId)!;
  };
  const wechat = new Map<number, Promise<WechatSender>>();
  const wechatOf = (companyId: number | null) => {
    if (companyId === null) throw new Error("wechat: a message without a company");
    if (!wechat.has(companyId)) wechat.set(companyId, wechatSenderFor(db, companyId, options.now));
    return wechat.get(companyId)!;
  };
  for (const row of rows) {
    const mine = and(eq(outboxMessages.id, row.id), eq(outboxMessages.claimToken, token));
    try {
      const params = typeof row.params === "string" ? JSON.parse(row.params) : row.params;
      const m = renderMessage(row.template_key, row.locale, params);
      let providerRef: string | null = null;
      // SMS of a company with a provider go as its registered template; otherwise the transport (the log).
      const sender = row.channel === "sms" ? await senderOf(row.company_id) : null;
      if (row.channel === "wechat")
        providerRef = (await (await wechatOf(row.company_id))({ to: row.to, templateKey: row.template_key, params }))
          .providerRef;
      else if (row.channel === "email")
        await options.transport.sendEmail({ to: row.to, subject: m.subject, text: m.text });
      else if (sender) providerRef = (await sender({ to: row.to, templateKey: row.template_key, params })).providerRef;
      else await options.transport.sendSms({ to: row.to, text: m.sms });
      await db
        .update(outboxMessages)
        .set({ status: "sent", sentAt: new Date(), claimToken: null, lastError: null, providerRef })
        .where(mine);
      out.sent++;
    } catch (e) {
      const delay = nextAttemptDelayMs(Number(row.attempts));
      const lastError = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      if (delay === null) {
        await db.update(outboxMessages).set({ status: "failed", claimToken: null, lastError }).where(mine);
        out.failed++;
      } else {
        await db
          .update(outboxMessages)
          .set({
            status: "queued",
            claimToken: null,
            lastError,
            nextAttemptAt: new Date(options.now.getTime() + delay),
          })
          .where(mine);
        out.retried++;
      }
    }
  }
  return out;
}
