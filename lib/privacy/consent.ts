import { and, eq, max } from "drizzle-orm";
import { consentRecords } from "@/db/schema";
import type { CONSENT_DOCUMENTS } from "@/db/schema/privacy";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { PRIVACY_NOTICE_VERSION } from "./rules";

type ConsentDocument = (typeof CONSENT_DOCUMENTS)[number];

/**
 * Records that the user accepted `version` of the document. Append-only and idempotent:
 * accepting the same version twice (a double click, two tabs) leaves one row.
 */
export async function recordConsent(
  tx: DbOrTx,
  companyId: number,
  userId: number,
  document: ConsentDocument,
  version: number,
): Promise<void> {
  await tx.insert(consentRecords).values({ companyId, userId, document, version }).onConflictDoNothing();
}

/** The newest version of the document the user accepted, or null. */
export async function acceptedVersion(
  db: DbOrTx,
  companyId: number,
  userId: number,
  document: ConsentDocument,
): Promise<number | null> {
  const [row] = await db
    .select({ v: max(consentRecords.version) })
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.companyId, companyId),
        eq(consentRecords.userId, userId),
        eq(consentRecords.document, document),
      ),
    );
  return row?.v ?? null;
}

/** A signed-in resident accepts the current privacy notice (asked again after a new version). */
export async function acceptCurrentNotice(db: Db, companyId: number, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await acceptedVersion(tx, companyId, userId, "privacy_notice");
    if (before !== null && before >= PRIVACY_NOTICE_VERSION) return;
    await recordConsent(tx, companyId, userId, "privacy_notice", PRIVACY_NOTICE_VERSION);
    await writeAudit(tx, {
      companyId,
      actorUserId: userId,
      action: "privacy.consent",
      entity: "user",
      entityId: userId,
      before: { version: before },
      after: { document: "privacy_notice", version: PRIVACY_NOTICE_VERSION },
    });
  });
}

/** Every consent the user gave, newest first (shown on "my data"). */
export function consentHistory(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select({
      document: consentRecords.document,
      version: consentRecords.version,
      acceptedAt: consentRecords.acceptedAt,
    })
    .from(consentRecords)
    .where(and(eq(consentRecords.companyId, companyId), eq(consentRecords.userId, userId)))
    .orderBy(consentRecords.id);
}
