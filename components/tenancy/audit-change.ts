import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One value as a person reads it: money fields (…Fen) as yuan, lists joined, nothing as "—". */
export function auditValue(field: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number" && /fen$/i.test(field)) return formatFen(value, locale);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (Array.isArray(value)) return value.map((v) => auditValue(field, v, locale)).join(", ");
  if (isRecord(value)) {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  }
  return String(value);
}

/**
 * An audit entry's before/after as the fields that changed (an entry with only "after" lists
 * every field it set, one with only "before" every field it removed), values formatted.
 */
export function auditChanges(before: unknown, after: unknown, locale: Locale): AuditChange[] {
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((f) => ({
      field: f,
      before: f in b ? auditValue(f, b[f], locale) : null,
      after: f in a ? auditValue(f, a[f], locale) : null,
    }));
}
