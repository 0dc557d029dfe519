import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { notificationPreferences, PREFERENCE_KINDS } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/*
 * A resident's channel choices per message kind (lib/outbox/policy.ts applies them when a message
 * is queued). In-app messages are always on; no row = every channel on.
 */

export const PREFERENCE_CHANNELS = ["sms", "email", "wechat"] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];
export type Preferences = Record<PreferenceKind, Record<PreferenceChannel, boolean>>;

/** One switch on the preferences page: a kind's channel on or off. */
export const preferenceSchema = z.object({
  kind: z.enum(PREFERENCE_KINDS, "validation.required"),
  channel: z.enum(PREFERENCE_CHANNELS, "validation.required"),
  on: z.boolean("validation.required"),
});
export type PreferenceInput = z.input<typeof preferenceSchema>;

/** Every kind's channels for the user in the company (defaults on). */
export async function preferencesOf(db: DbOrTx, companyId: number, userId: number): Promise<Preferences> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.companyId, companyId), eq(notificationPreferences.userId, userId)));
  const out = Object.fromEntries(
    PREFERENCE_KINDS.map((k) => [k, { sms: true, email: true, wechat: true }]),
  ) as Preferences;
  for (const r of rows) out[r.kind] = { sms: r.sms, email: r.email, wechat: r.wechat };
  return out;
}

/** Turns one channel of one kind on or off (one upsert: repeating it changes nothing). */
export async function setPreference(
  db: DbOrTx,
  companyId: number,
  userId: number,
  input: z.output<typeof preferenceSchema>,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ companyId, userId, kind: input.kind, sms: true, email: true, wechat: true, [input.channel]: input.on })
    .onConflictDoUpdate({
      target: [notificationPreferences.companyId, notificationPreferences.userId, notificationPreferences.kind],
      set: { [input.channel]: input.on, updatedAt: new Date() },
    });
}
