import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, enumText, id } from "./_helpers";
import { companies } from "./tenancy";

// The outbox (lib/outbox): e-mail and SMS written inside business transactions, sent later.

export const OUTBOX_CHANNELS = ["email", "sms", "wechat"] as const;
/** "delivered": the SMS provider's delivery report confirmed it reached the phone. */
export const OUTBOX_STATUSES = ["queued", "sending", "sent", "delivered", "failed"] as const;

/**
 * Outbound e-mail and SMS (§11). Written inside business transactions by enqueueMessage;
 * sent by the deliverOutbox job with retries and exponential backoff.
 */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: id(),
    companyId: integer("company_id").references(() => companies.id),
    channel: enumText("channel", OUTBOX_CHANNELS).notNull(),
    to: text("to").notNull(),
    templateKey: text("template_key").notNull(),
    locale: text("locale").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, string | number | null>>().notNull(),
    status: enumText("status", OUTBOX_STATUSES).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    /** Set when a worker claims the row; a claim older than the lease is taken over. */
    claimToken: text("claim_token"),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** The SMS provider's id for the message (Aliyun BizId, Tencent SerialNo): delivery reports find the row by it. */
    providerRef: text("provider_ref"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("outbox_idempotency_uq").on(t.idempotencyKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_provider_ref_idx").on(t.providerRef),
  ],
);
