import { instantOf, localParts } from "@/lib/time/zone";
import { addDays } from "@/lib/time/calendar";

/** Pure rules for when an SMS may go out and who wants which channel. */

/** Default quiet hours (minutes of the company's day): no non-urgent SMS 21:00–08:00. */
export const DEFAULT_QUIET_START = 21 * 60;
export const DEFAULT_QUIET_END = 8 * 60;

/** Templates that ignore quiet hours and preferences: emergency announcements and sign-in codes. */
const URGENT_TEMPLATES = new Set(["notice", "signInCode"]);

export function isUrgentTemplate(templateKey: string): boolean {
  return URGENT_TEMPLATES.has(templateKey);
}

/** Whether a minute of the day falls inside [start, end), wrapping past midnight when start > end. */
export function inQuietHours(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a non-urgent SMS queued at `now` may be sent: `now` outside quiet hours, else the end of
 * the quiet period in the company's time zone (today's end when before it, tomorrow's otherwise).
 */
export function smsSendAfter(now: Date, timeZone: string, start: number, end: number): Date {
  const { date, minute } = localParts(now, timeZone);
  if (!inQuietHours(minute, start, end)) return now;
  const endDate = start > end && minute >= start ? addDays(date, 1) : date;
  return instantOf(endDate, end, timeZone);
}

/** The preference kind a template belongs to (null: not switchable — always sent on every channel). */
export function preferenceKindOf(templateKey: string): "receipt" | "arrears" | "activity" | "shop" | null {
  switch (templateKey) {
    case "receipt":
      return "receipt";
    case "arrearsNotice":
      return "arrears";
    case "activityPromoted":
      return "activity";
    case "shopPaid":
    case "shopStatus":
      return "shop";
    default:
      return null;
  }
}
