import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, id } from "./_helpers";
import { communities, households } from "./registry";
import { companies, users } from "./tenancy";

/**
 * 访客通行: a resident's pass for one visitor. PIPL minimisation: only a name and an optional
 * plate, never an ID number or a face; both are set to null by the daily purge once the
 * company's retention period after `validUntil` has passed (`purgedAt` says when). `token` is
 * the unguessable code in the shared link and its QR code. `entriesUsed` counts admissions;
 * a one-time pass has `maxEntries` 1.
 */
export const visitorPasses = sqliteTable(
  "visitor_passes",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    createdByUserId: integer("created_by_user_id")
      .notNull()
      .references(() => users.id),
    token: text("token").notNull(),
    visitorName: text("visitor_name"),
    plate: text("plate"),
    validFrom: integer("valid_from", { mode: "timestamp_ms" }).notNull(),
    validUntil: integer("valid_until", { mode: "timestamp_ms" }).notNull(),
    maxEntries: integer("max_entries").notNull(),
    entriesUsed: integer("entries_used").notNull().default(0),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    purgedAt: integer("purged_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("visitor_passes_token_uq").on(t.token),
    index("visitor_passes_company_household_idx").on(t.companyId, t.householdId),
    index("visitor_passes_company_until_idx").on(t.companyId, t.validUntil),
    check("visitor_passes_entries_ck", sql`${t.entriesUsed} >= 0 and ${t.entriesUsed} <= ${t.maxEntries}`),
    check("visitor_passes_window_ck", sql`${t.validUntil} > ${t.validFrom}`),
  ],
);

/** One admission at the gate: which pass, the how-many-th entry, who let the visitor in and when. */
export const visitorEntries = sqliteTable(
  "visitor_entries",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    passId: integer("pass_id")
      .notNull()
      .references(() => visitorPasses.id),
    seq: integer("seq").notNull(),
    admittedByUserId: integer("admitted_by_user_id")
      .notNull()
      .references(() => users.id),
    admittedAt: createdAt(),
  },
  (t) => [
    /** The n-th entry of a pass exists once: two guards scanning at once cannot both admit it. */
    uniqueIndex("visitor_entries_pass_seq_uq").on(t.passId, t.seq),
    index("visitor_entries_company_idx").on(t.companyId),
  ],
);

/** The company's visitor-pass settings (a missing row means the defaults). */
export const visitorSettings = sqliteTable("visitor_settings", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  /** Days after a pass's end before its visitor's name and plate are purged. */
  retentionDays: integer("retention_days").notNull().default(30),
});
