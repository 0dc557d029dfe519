import type { CronJob } from "@/lib/jobs/types";
import { env } from "@/lib/env";
import type { Db } from "@/lib/db/client";
import { anyDue, deliverDue } from "./deliver";
import { loggingTransport, smtpTransport, type MessageTransport } from "./transport";

/** The configured transport: SMTP when SMTP_HOST is set, else logging only. */
export function configuredTransport(): MessageTransport {
  if (!env.SMTP_HOST) return loggingTransport();
  return smtpTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT ?? 587,
    secure: env.SMTP_SECURE === "true",
    user: env.SMTP_USER,
    password: env.SMTP_PASSWORD,
    from: env.SMTP_FROM ?? `Guanjia <no-reply@${env.SMTP_HOST}>`,
  });
}

/**
 * The outbox worker (§11), CronJob-shaped: sends the company's due messages. Overlap-safe
 * (rows are claimed atomically) and idempotent (sent rows are never picked again). The lead
 * may also run it more often than daily — it only sends what is due.
 */
export const deliverOutbox: CronJob = async (db, company, _asOf, now) => {
  // Batch after batch until nothing is due or the time budget is spent (the rest waits for the
  // next run): a daily run must be able to send a day's notices, not only the first hundred.
  const transport = configuredTransport();
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0, batches: 0 };
  const started = Date.now();
  for (;;) {
    const r = await deliverDue(db, { companyId: company.id, now, transport, limit: OUTBOX_BATCH });
    total.batches++;
    for (const k of ["claimed", "sent", "retried", "failed"] as const) total[k] += r[k];
    if (r.claimed < OUTBOX_BATCH || Date.now() - started > OUTBOX_BUDGET_MS) break;
  }
  return total;
};

const OUTBOX_BATCH = 200;
/** How long one cron run may spend sending (each company); what is left goes out on the next run. */
const OUTBOX_BUDGET_MS = 20_000;

/**
 * The minute tick's outbox delivery (SPEC §10, §11): every company's due messages — queued
 * and due, or claimed by a worker that died — batch after batch within the time budget.
 * The "anything due?" check is the claim itself: one statement on outbox_due_idx.
 */
export async function deliverOutboxDue(db: Db, now: Date, companyIds?: readonly number[]) {
  const transport = configuredTransport();
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const started = Date.now();
  for (const companyId of companyIds ?? [null]) {
    for (;;) {
      if (!(await anyDue(db, now, companyId))) break;
      const r = await deliverDue(db, { companyId, now, transport, limit: OUTBOX_BATCH });
      for (const k of ["claimed", "sent", "retried", "failed"] as const) total[k] += r[k];
      if (r.claimed < OUTBOX_BATCH || Date.now() - started > OUTBOX_BUDGET_MS) break;
    }
  }
  return total;
}

/**
 * Right after a request that queued messages (a cashier's receipt): send the messages that
 * request enqueued (created since `since`, the request's start) now, so the e-mail leaves
 * within seconds whatever backlog the company has — the tick is the safety net for the rest.
 * Called from Next's `after()`; never throws (what fails stays queued for the tick).
 */
export async function deliverSoon(db: Db, companyId: number | null, since: Date): Promise<void> {
  try {
    await deliverDue(db, {
      companyId,
      now: new Date(),
      transport: configuredTransport(),
      limit: 20,
      createdSince: since,
    });
  } catch (e) {
    console.error(`[outbox] immediate delivery for company ${companyId} failed; the tick retries`, e);
  }
}
