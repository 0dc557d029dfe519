import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES } from "./_enums";
import { active, companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";

/** A property company: the tenant. */
export const companies = sqliteTable("companies", {
  id: id(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
  defaultLocale: enumText("default_locale", ["zh-CN", "en"] as const)
    .notNull()
    .default("zh-CN"),
  active: active(),
  /** Years money records (bills, payments, receipts) are kept after a resident's data is anonymized. */
  moneyRetentionYears: integer("money_retention_years").notNull().default(30),
  /** Days between an admin closing the company and the purge of its data; the admin can cancel meanwhile. */
  closureGraceDays: integer("closure_grace_days").notNull().default(30),
  /** Set while the company is closing (tenant exit): when it was asked and when the purge is due. */
  closureRequestedAt: integer("closure_requested_at", { mode: "timestamp_ms" }),
  purgeAfter: integer("purge_after", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A person who can sign in: staff member or resident. Phone and e-mail are global identifiers. */
export const users = sqliteTable(
  "users",
  {
    id: id(),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    locale: enumText("locale", ["zh-CN", "en"] as const),
    /** Bumped by sign-out-everywhere, password change and role change; older JWTs stop working. */
    sessionVersion: integer("session_version").notNull().default(1),
    active: active(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_phone_uq").on(t.phone), uniqueIndex("users_email_uq").on(t.email)],
);

/** A user's roles in a company; one row per role (a person may hold several). */
export const memberships = sqliteTable(
  "memberships",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: enumText("role", ROLES).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_company_user_role_uq").on(t.companyId, t.userId, t.role),
    index("memberships_user_idx").on(t.userId),
  ],
);

/** Fixed-window counters for rate limiting (sign-in attempts per account and per IP). */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStartMs: integer("window_start_ms").notNull(),
  blockedUntilMs: integer("blocked_until_ms").notNull().default(0),
});

/**
 * Sessions ended by an ordinary sign-out: the token's random id, refused until the token
 * would have expired anyway (then the row may go). Sign-out everywhere bumps users.session_version instead.
 */
export const revokedSessions = sqliteTable("revoked_sessions", {
  sessionId: text("session_id").primaryKey(),
  userId: integer("user_id").notNull(),
  expiresAtMs: integer("expires_at_ms").notNull(),
});

/** Who did what, when, with the row before and after. Never updated or deleted. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    actorUserId: integer("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_company_entity_idx").on(t.companyId, t.entity, t.entityId)],
);
