import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id } from "../_helpers";
import { arrearsEpisodes, crmNotices } from "./arrears";
import { billingCorrections, bills } from "../billing";
import { sentimentEntries } from "./sentiment";
import { households } from "../registry";
import { companies, users } from "../tenancy";

// Due process before escalation (SPEC §12): residents dispute a notice or a bill; legal confirms lawyer's letters.

export const DISPUTE_SUBJECT_VALUES = ["notice", "bill"] as const;
export const DISPUTE_STATUS_VALUES = ["open", "upheld", "rejected"] as const;

/**
 * A resident's dispute of an arrears notice or a bill. While a household has an open dispute the
 * ladder fires no further step for it (lib/crm/rules/arrears.ts). Resolution is a one-way move
 * open → upheld | rejected with the staff member's reason; an upheld dispute links the correction
 * entries it wrote (sentiment and/or billing). At most one open dispute per notice and per bill.
 */
export const crmDisputes = sqliteTable(
  "crm_disputes",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    subject: enumText("subject", DISPUTE_SUBJECT_VALUES).notNull(),
    noticeId: integer("notice_id").references(() => crmNotices.id),
    billId: integer("bill_id").references(() => bills.id),
    /** The household's open arrears episode when the dispute was filed (the one it pauses). */
    episodeId: integer("episode_id").references(() => arrearsEpisodes.id),
    reason: text("reason").notNull(),
    createdByUserId: integer("created_by_user_id")
      .notNull()
      .references(() => users.id),
    status: enumText("status", DISPUTE_STATUS_VALUES).notNull().default("open"),
    resolution: text("resolution"),
    resolvedByUserId: integer("resolved_by_user_id").references(() => users.id),
    resolvedOn: text("resolved_on"),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    sentimentEntryId: integer("sentiment_entry_id").references(() => sentimentEntries.id),
    billingCorrectionId: integer("billing_correction_id").references(() => billingCorrections.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("crm_disputes_open_notice_uq")
      .on(t.noticeId)
      .where(sql`${t.status} = 'open' and ${t.noticeId} is not null`),
    uniqueIndex("crm_disputes_open_bill_uq")
      .on(t.billId)
      .where(sql`${t.status} = 'open' and ${t.billId} is not null`),
    index("crm_disputes_company_status_idx").on(t.companyId, t.status),
    index("crm_disputes_household_idx").on(t.householdId, t.status),
  ],
);

/** Per-company CRM settings outside the versioned rule set. No row = the defaults. */
export const crmSettings = sqliteTable("crm_settings", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  /** The 13-month lawyer's letter waits for a legal staff member's confirmation before it is sent. */
  legalConfirmation: integer("legal_confirmation", { mode: "boolean" }).notNull().default(true),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** A dispute's photos (bill, receipt, …), stored like work-order photos; served only by /api/files/d<id>. */
export const crmDisputePhotos = sqliteTable(
  "crm_dispute_photos",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    disputeId: integer("dispute_id")
      .notNull()
      .references(() => crmDisputes.id),
    uploadedByUserId: integer("uploaded_by_user_id").references(() => users.id),
    storedPath: text("stored_path").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("crm_dispute_photos_dispute_idx").on(t.disputeId)],
);
