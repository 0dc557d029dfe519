import type { CronJob } from "@/lib/cron/types";
import { env } from "@/lib/env";
import { deliverDue } from "./deliver";
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
export const deliverOutbox: CronJob = async (db, company, _asOf, now) => deliverDue(db, { companyId: company.id, now, transport: configuredTransport() });
