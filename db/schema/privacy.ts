import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id } from "./_helpers";
import { companies, users } from "./tenancy";

/** What a person accepts: the residents' privacy notice, or the company's data-processing agreement. */
export const CONSENT_DOCUMENTS = ["privacy_notice", "dpa"] as const;

/**
 * One row per acceptance of a versioned document (PIPL arts. 13–17, 21): who, which version,
 * when. Append-only: a new version accepted is a new row, nothing is ever updated or deleted
 * (until the company's own data is purged at tenant exit).
 */
export const consentRecords = sqliteTable(
  "consent_records",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    document: enumText("document", CONSENT_DOCUMENTS).notNull(),
    version: integer("version").notNull(),
    acceptedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("consent_records_user_doc_version_uq").on(t.userId, t.document, t.version),
    index("consent_records_company_idx").on(t.companyId),
  ],
);

export const PRIVACY_REQUEST_KINDS = ["correction", "deletion"] as const;
export const PRIVACY_REQUEST_STATUSES = ["open", "accepted", "rejected"] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** A resident asks for a correction or the deletion of their personal data (PIPL arts. 46–47). */
export const privacyRequests = sqliteTable(
  "privacy_requests",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: enumText("kind", PRIVACY_REQUEST_KINDS).notNull(),
    details: text("details").notNull(),
    status: enumText("status", PRIVACY_REQUEST_STATUSES).notNull().default("open"),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id),
    decisionReason: text("decision_reason"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("privacy_requests_company_status_idx").on(t.companyId, t.status),
    index("privacy_requests_user_idx").on(t.userId),
    /** One open request of a kind per person: asking twice (two tabs, a double tap) is refused. */
    uniqueIndex("privacy_requests_open_uq")
      .on(t.userId, t.kind)
      .where(sql`${t.status} = 'open'`),
  ],
);

/**
 * The record that survives a company's purge at tenant exit (global: the company row is gone).
 * No foreign key: it names a company that no longer exists, by id and a hash of its name.
 */
export const companyPurges = sqliteTable("company_purges", {
  /** Not named company_id: nothing that reaches "every table with company_id" (export, purge) may touch it. */
  purgedCompanyId: integer("purged_company_id").primaryKey(),
  nameHash: text("name_hash").notNull(),
  closureRequestedAt: integer("closure_requested_at", { mode: "timestamp_ms" }).notNull(),
  purgedAt: integer("purged_at", { mode: "timestamp_ms" }).notNull(),
});
