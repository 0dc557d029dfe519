import { createHash } from "node:crypto";

/**
 * Residents' rights and tenant exit (PIPL arts. 13–17, 21, 44–47): pure rules, no I/O.
 *
 * The notice and the agreement are versioned in code: their text lives in
 * messages/privacy/<locale>.json; changing the text means raising the version here, and every
 * signed-in resident is asked to accept the new one before using the portal.
 */
export const PRIVACY_NOTICE_VERSION = 1;
export const DPA_VERSION = 1;

/** Whether a person whose newest accepted version is `accepted` (null: never) must accept `current`. */
export function needsConsent(accepted: number | null | undefined, current: number): boolean {
  return accepted == null || accepted < current;
}

/* ── Anonymization (a deletion request accepted) ───────────────────────────────── */

/** What replaces free text a resident wrote (work-order descriptions, comments, survey comments). */
export const REDACTED_TEXT = "[redacted]";

/** The neutral name an anonymized account keeps: no trace of the person, still tells rows apart. */
export function anonymizedName(userId: number): string {
  return `anonymized-${userId}`;
}

export interface PersonIdentifiers {
  phone: string | null;
  email: string | null;
}

/**
 * Whether a household contact is the person being anonymized: the same phone or the same
 * e-mail (case-insensitive). Contacts of other people in the household are not touched.
 */
export function isSamePerson(contact: PersonIdentifiers, person: PersonIdentifiers): boolean {
  const samePhone = !!contact.phone && !!person.phone && contact.phone.trim() === person.phone.trim();
  const sameEmail =
    !!contact.email && !!person.email && contact.email.trim().toLowerCase() === person.email.trim().toLowerCase();
  return samePhone || sameEmail;
}

/** The account after anonymization: no name, phone or e-mail, no way to sign in. */
export function anonymizedUser(userId: number, unusablePasswordHash: string) {
  return {
    name: anonymizedName(userId),
    phone: null,
    email: null,
    locale: null,
    passwordHash: unusablePasswordHash,
    active: false,
  } as const;
}

/* ── Tenant exit ───────────────────────────────────────────────────────────────── */

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a company closed at `requestedAt` with `graceDays` of grace is purged. */
export function purgeDueAt(requestedAt: Date, graceDays: number): Date {
  return new Date(requestedAt.getTime() + graceDays * DAY_MS);
}

export type ClosureState = "open" | "closing" | "due";

export function closureState(company: { purgeAfter: Date | null }, now: Date): ClosureState {
  if (!company.purgeAfter) return "open";
  return company.purgeAfter.getTime() <= now.getTime() ? "due" : "closing";
}

/** The name of a purged company, kept only as a hash with its id (proves which one it was without keeping it). */
export function companyNameHash(companyId: number, name: string): string {
  return createHash("sha256")
    .update(`${companyId}:${name.normalize("NFC")}`)
    .digest("hex");
}
