import { and, eq } from "drizzle-orm";
import { companies, messageSettings, notificationPreferences } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import {
  DEFAULT_QUIET_END,
  DEFAULT_QUIET_START,
  isUrgentTemplate,
  preferenceKindOf,
  smsSendAfter,
} from "./quiet-hours";

/**
 * When a message may go out, or null when its recipient turned that channel off for its kind.
 * Urgent templates (emergencies, sign-in codes) go at once on every channel; other SMS and WeChat
 * messages wait for the end of the company's quiet hours (the minute tick sends them then).
 */
export async function sendAt(
  tx: DbOrTx,
  m: { companyId: number | null; channel: "email" | "sms" | "wechat"; templateKey: string; userId?: number },
  now: Date,
): Promise<Date | null> {
  if (m.companyId === null || isUrgentTemplate(m.templateKey)) return now;
  const kind = preferenceKindOf(m.templateKey);
  if (kind && m.userId !== undefined) {
    const [pref] = await tx
      .select({
        sms: notificationPreferences.sms,
        email: notificationPreferences.email,
        wechat: notificationPreferences.wechat,
      })
      .from(notificationPreferences)
      .where(
        and(
          eq(notificationPreferences.companyId, m.companyId),
          eq(notificationPreferences.userId, m.userId),
          eq(notificationPreferences.kind, kind),
        ),
      );
    if (pref && !pref[m.channel]) return null;
  }
  if (m.channel === "email") return now;
  const [c] = await tx
    .select({
      timeZone: companies.timeZone,
      start: messageSettings.quietStartMinute,
      end: messageSettings.quietEndMinute,
    })
    .from(companies)
    .leftJoin(messageSettings, eq(messageSettings.companyId, companies.id))
    .where(eq(companies.id, m.companyId));
  if (!c) return now;
  return smsSendAfter(now, c.timeZone, c.start ?? DEFAULT_QUIET_START, c.end ?? DEFAULT_QUIET_END);
}
