import { eq } from "drizzle-orm";
import type { z } from "zod";
import { messageSettings } from "@/db/schema";
import { writeAudit } from "@/lib/audit/commands";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import type { DbOrTx } from "@/lib/db/client";
import { templateSmsOf } from "./params";
import { aliyunSms, tencentSmsProvider, type TemplateSmsProvider } from "./providers";
import type { smsSettingsSchema } from "./schemas";

/** The encryption context of a company's SMS keys: a ciphertext moved to another company does not decrypt. */
const context = (companyId: number) => `sms:company:${companyId}`;

type Keys = { keyId: string; keySecret: string };

/**
 * Saves a company's SMS settings (admin only, checked by the caller's action). Keys are stored
 * encrypted; blank key fields keep the stored ones. The audit entry records what changed, never
 * a key (only its last four characters).
 */
export async function saveSmsSettings(
  db: DbOrTx,
  companyId: number,
  actorUserId: number,
  input: z.output<typeof smsSettingsSchema>,
): Promise<void> {
  const [before] = await db.select().from(messageSettings).where(eq(messageSettings.companyId, companyId));
  const newKeys = input.keyId && input.keySecret ? { keyId: input.keyId, keySecret: input.keySecret } : null;
  const values = {
    smsProvider: input.provider,
    smsSignName: input.signName || null,
    smsAppId: input.appId || null,
    smsTemplates: Object.fromEntries(Object.entries(input.templates).filter(([, v]) => v)),
    smsCredentials: newKeys
      ? encryptSecret(JSON.stringify(newKeys), context(companyId))
      : (before?.smsCredentials ?? null),
    quietStartMinute: input.quietStartMinute,
    quietEndMinute: input.quietEndMinute,
  };
  await db
    .insert(messageSettings)
    .values({ companyId, ...values })
    .onConflictDoUpdate({ target: messageSettings.companyId, set: values });
  const visible = (v: { smsCredentials: string | null } | undefined) =>
    v && { ...v, smsCredentials: v.smsCredentials ? "(set)" : null };
  await writeAudit(db, {
    companyId,
    actorUserId,
    action: "messages.sms_settings",
    entity: "message_settings",
    entityId: companyId,
    before: visible(before),
    after: { ...visible(values), keyHint: newKeys ? secretHint(newKeys.keyId) : undefined },
  });
}

/** What the settings page shows: everything but the keys, which appear only as "set (…abcd)". */
export async function smsSettingsView(db: DbOrTx, companyId: number) {
  const [row] = await db.select().from(messageSettings).where(eq(messageSettings.companyId, companyId));
  const keys = row?.smsCredentials ? (JSON.parse(decryptSecret(row.smsCredentials, context(companyId))) as Keys) : null;
  return {
    provider: row?.smsProvider ?? "log",
    signName: row?.smsSignName ?? "",
    appId: row?.smsAppId ?? "",
    templates: row?.smsTemplates ?? {},
    keyHint: keys ? secretHint(keys.keyId) : null,
    quietStartMinute: row?.quietStartMinute ?? 21 * 60,
    quietEndMinute: row?.quietEndMinute ?? 8 * 60,
  };
}

export type SmsSender = (m: {
  to: string;
  templateKey: string;
  params: Record<string, string | number | null>;
}) => Promise<{ providerRef: string }>;

/** The company's template SMS sender, or null when it sends SMS to the log (the default). */
export async function smsSenderFor(db: DbOrTx, companyId: number): Promise<SmsSender | null> {
  const [row] = await db.select().from(messageSettings).where(eq(messageSettings.companyId, companyId));
  if (!row || row.smsProvider === "log") return null;
  if (!row.smsCredentials || !row.smsSignName) throw new Error(`sms: company ${companyId} has no keys or sign name`);
  const keys = JSON.parse(decryptSecret(row.smsCredentials, context(companyId))) as Keys;
  const provider: TemplateSmsProvider =
    row.smsProvider === "aliyun"
      ? aliyunSms({ accessKeyId: keys.keyId, accessKeySecret: keys.keySecret })
      : tencentSmsProvider({ secretId: keys.keyId, secretKey: keys.keySecret }, row.smsAppId ?? "");
  return async (m) => {
    const sms = templateSmsOf(m.templateKey, m.params);
    const code = sms && row.smsTemplates[sms.kind];
    if (!sms || !code) throw new Error(`sms: no template registered for ${m.templateKey}`);
    return provider.send({ to: m.to, signName: row.smsSignName!, templateCode: code, params: sms.params });
  };
}
