/**
 * 访客通行 — the pure rules of visitor passes: who scans at the gate, what state a pass is in at
 * an instant, which windows a resident may choose, what the shared link shows, when personal
 * fields are purged.
 */
import { dateToZonedLocal } from "@/lib/time/zone";

/** Staff who scan passes at the gate (defined with the other role groups). */
export { GATE_ROLES } from "@/lib/auth/roles";

/** A pass's window is at most this long, and starts at most this far ahead. */
export const MAX_WINDOW_DAYS = 7;
export const MAX_DAYS_AHEAD = 30;
/** A multi-entry pass admits at most this many entries. */
export const MAX_ENTRIES = 20;
/** Days after a pass ends before its visitor's name and plate are purged (company setting default). */
export const DEFAULT_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 365;

const DAY_MS = 86_400_000;

/** The unguessable code in a pass's link and QR code: 24 random bytes, base64url. */
export const PASS_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export const PASS_STATES = ["valid", "not_yet_valid", "expired", "used", "revoked"] as const;
export type PassState = (typeof PASS_STATES)[number];

export interface PassFacts {
  validFrom: Date;
  validUntil: Date;
  maxEntries: number;
  entriesUsed: number;
  revokedAt: Date | null;
}

/** The state of a pass at `now`: revoked and used out win over the window; the window is [from, until). */
export function passState(p: PassFacts, now: Date): PassState {
  if (p.revokedAt) return "revoked";
  if (p.entriesUsed >= p.maxEntries) return "used";
  if (now.getTime() >= p.validUntil.getTime()) return "expired";
  if (now.getTime() < p.validFrom.getTime()) return "not_yet_valid";
  return "valid";
}

/** What the gate page shows after a scan: the state, and for the company's own pass its details. */
export interface GateView {
  state: PassState | "foreign" | "unknown";
  pass?: {
    visitorName: string | null;
    plate: string | null;
    communityName: string;
    validFrom: Date;
    validUntil: Date;
    entriesUsed: number;
    maxEntries: number;
  };
}

/** May the resident still revoke it? Only while it could admit someone. */
export function canRevoke(p: PassFacts, now: Date): boolean {
  const s = passState(p, now);
  return s === "valid" || s === "not_yet_valid";
}

/** The problem with a chosen window (a validation message key), or null. */
export function windowProblem(from: Date, until: Date, now: Date): string | null {
  if (until.getTime() <= from.getTime()) return "visitors.errors.windowOrder";
  if (until.getTime() <= now.getTime()) return "visitors.errors.windowPast";
  if (until.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) return "visitors.errors.windowTooLong";
  if (from.getTime() - now.getTime() > MAX_DAYS_AHEAD * DAY_MS) return "visitors.errors.windowTooFar";
  return null;
}

/** The instant before which a pass's personal fields are kept: its end plus the retention period. */
export function purgeDue(validUntil: Date, retentionDays: number): Date {
  return new Date(validUntil.getTime() + retentionDays * DAY_MS);
}

/** The latest `validUntil` whose pass is purged at `now`. */
export function purgeCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

const CJK = /\p{Script=Han}/u;

/**
 * What the public link shows of the visitor's name: the first word of a Latin-script name
 * ("Anna" of "Anna Li"), the surname and a mask for a Chinese one ("张*" of "张小明").
 */
export function visitorFirstName(name: string | null): string {
  const trimmed = (name ?? "").trim();
  if (!trimmed) return "—";
  const first = [...trimmed][0];
  if (CJK.test(first)) return `${first}*`;
  return trimmed.split(/\s+/)[0];
}

/** A plate as stored: upper case, without spaces, dots or dashes ("粤b·12345" → "粤B12345"). */
export function normalizePlate(plate: string): string {
  return plate.replace(/[\s·.\-]/g, "").toUpperCase();
}

/** The form's suggested window: from the start of the current hour, four hours on, as datetime-local values in the company's zone. */
export function defaultPassWindow(now: Date, timeZone: string): { from: string; until: string } {
  const hour = 3_600_000;
  const start = Math.floor(now.getTime() / hour) * hour;
  return {
    from: dateToZonedLocal(new Date(start), timeZone),
    until: dateToZonedLocal(new Date(start + 5 * hour), timeZone),
  };
}
