import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { companies } from "./tenancy";

// Message channels (lib/outbox/sms, lib/auth/phone-code): per-company SMS provider settings and quiet
// hours, and the one-time sign-in codes sent by SMS.

export const SMS_PROVIDERS = ["log", "aliyun", "tencent"] as const;
/** The message kinds a company maps to its registered SMS templates. */
export const SMS_KINDS = ["receipt", "arrears", "emergency", "visit", "activity", "signInCode"] as const;

/**
 * One row per company (absent = the defaults: SMS to the log, quiet 21:00–08:00 company time).
 * `smsCredentials` is the provider's key pair as JSON, encrypted with lib/crypto/secrets.ts
 * (context "sms:company:<id>"); it is never shown back.
 */
export const messageSettings = sqliteTable(
  "message_settings",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    smsProvider: enumText("sms_provider", SMS_PROVIDERS).notNull().default("log"),
    smsSignName: text("sms_sign_name"),
    /** Tencent's SmsSdkAppId (Aliyun has none). */
    smsAppId: text("sms_app_id"),
    /** Kind → registered template code. */
    smsTemplates: text("sms_templates", { mode: "json" }).$type<Partial<Record<string, string>>>().notNull(),
    smsCredentials: text("sms_credentials"),
    /** Quiet hours in minutes of the company's day; start > end wraps past midnight. Equal = none. */
    quietStartMinute: integer("quiet_start_minute")
      .notNull()
      .default(21 * 60),
    quietEndMinute: integer("quiet_end_minute")
      .notNull()
      .default(8 * 60),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("message_settings_company_uq").on(t.companyId)],
);

/**
 * Phone sign-in codes: only an HMAC of the code is stored. Valid 5 minutes, one use (usedAt set
 * by a conditional update), dead after too many wrong tries.
 */
export const signInCodes = sqliteTable(
  "sign_in_codes",
  {
    id: id(),
    phone: text("phone").notNull(),
    codeHash: text("code_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("sign_in_codes_phone_idx").on(t.phone, t.expiresAt),
    // The minute tick's purge of expired codes (PIPL minimisation).
    index("sign_in_codes_expires_idx").on(t.expiresAt),
  ],
);

/** Channels a resident can turn off per kind (in-app always stays on). */
export const PREFERENCE_KINDS = ["receipt", "arrears", "notice", "activity", "shop"] as const;

/**
 * A user's channel choices per message kind in one company. No row = every channel on. Emergencies
 * and sign-in codes ignore preferences.
 */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id").notNull(),
    kind: enumText("kind", PREFERENCE_KINDS).notNull(),
    sms: integer("sms", { mode: "boolean" }).notNull().default(true),
    email: integer("email", { mode: "boolean" }).notNull().default(true),
    wechat: integer("wechat", { mode: "boolean" }).notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("notification_preferences_uq").on(t.companyId, t.userId, t.kind)],
);
