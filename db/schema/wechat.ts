import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, id, updatedAt } from "./_helpers";
import { companies, users } from "./tenancy";

// WeChat official account (公众号) per company (lib/wechat): OAuth sign-in, openid bindings and
// template messages (an outbox channel).

/** The message kinds a company maps to its WeChat template ids (the SMS kinds without sign-in codes). */
export const WECHAT_KINDS = ["receipt", "arrears", "emergency", "visit", "activity"] as const;

/** A kind's template: the template id and which of our parameters fills each template field. */
export type WechatTemplate = { templateId: string; fields: Record<string, string> };

/**
 * One row per company. `appSecret` and the cached `accessToken` are encrypted with
 * lib/crypto/secrets.ts (context "wechat_mp:company:<id>[:token]") and never shown back. The base
 * URLs default to WeChat's (tests point them at tests/fakes/wechat-mp.ts).
 */
export const wechatAccounts = sqliteTable(
  "wechat_accounts",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
    appId: text("app_id").notNull(),
    appSecret: text("app_secret").notNull(),
    apiBaseUrl: text("api_base_url").notNull().default("https://api.weixin.qq.com"),
    oauthBaseUrl: text("oauth_base_url").notNull().default("https://open.weixin.qq.com"),
    /** Kind → template id and field mapping. */
    templates: text("templates", { mode: "json" }).$type<Partial<Record<string, WechatTemplate>>>().notNull(),
    accessToken: text("access_token"),
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("wechat_accounts_company_uq").on(t.companyId)],
);

/** A user's openid in one company's official account: one openid per user and one user per openid. */
export const wechatBindings = sqliteTable(
  "wechat_bindings",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    openid: text("openid").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("wechat_bindings_openid_uq").on(t.companyId, t.openid),
    uniqueIndex("wechat_bindings_user_uq").on(t.companyId, t.userId),
  ],
);

/**
 * One-time sign-in tickets from the OAuth callback: the openid the browser proved, kept server-side
 * and exchanged once by the "wechat" credentials provider (sign in, or bind then sign in). Only a
 * hash of the ticket is stored; valid 10 minutes.
 */
export const wechatTickets = sqliteTable(
  "wechat_tickets",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    ticketHash: text("ticket_hash").notNull(),
    openid: text("openid").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("wechat_tickets_hash_uq").on(t.ticketHash), index("wechat_tickets_expiry_idx").on(t.expiresAt)],
);
