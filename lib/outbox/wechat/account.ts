import { eq } from "drizzle-orm";
import type { z } from "zod";
import { wechatAccounts, WECHAT_KINDS, type WechatTemplate } from "@/db/schema";
import { writeAudit } from "@/lib/audit/commands";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import type { DbOrTx } from "@/lib/db/client";
import { formatFieldMapping, parseFieldMapping } from "./rules";
import type { wechatAccountSchema } from "./schemas";
import type { WechatApp } from "./client";

/** Encryption contexts: a ciphertext copied to another company does not decrypt. */
export const secretContext = (companyId: number) => `wechat_mp:company:${companyId}`;
export const tokenContext = (companyId: number) => `wechat_mp:company:${companyId}:token`;

/** The first save of an official account came without an AppSecret (the action shows it at the field). */
export class MissingAppSecretError extends Error {}

/**
 * Saves a company's official account (admin, checked by the action). The AppSecret is stored
 * encrypted; blank keeps the stored one (the first save needs one). A new AppId or secret drops the
 * cached access_token. Audited without the secret (only its last four characters).
 */
export async function saveWechatAccount(
  db: DbOrTx,
  companyId: number,
  actorUserId: number,
  input: z.output<typeof wechatAccountSchema>,
): Promise<void> {
  const [before] = await db.select().from(wechatAccounts).where(eq(wechatAccounts.companyId, companyId));
  if (!input.appSecret && !before) throw new MissingAppSecretError("wechat: AppSecret required");
  const templates: Record<string, WechatTemplate> = {};
  for (const kind of WECHAT_KINDS) {
    const t = input.templates[kind];
    if (t?.templateId) templates[kind] = { templateId: t.templateId, fields: parseFieldMapping(t.fields) ?? {} };
  }
  const credentialsChanged = !!input.appSecret || before?.appId !== input.appId;
  const values = {
    enabled: input.enabled,
    appId: input.appId,
    appSecret: input.appSecret ? encryptSecret(input.appSecret, secretContext(companyId)) : before!.appSecret,
    apiBaseUrl: input.apiBaseUrl.replace(/\/$/, ""),
    oauthBaseUrl: input.oauthBaseUrl.replace(/\/$/, ""),
    templates,
    ...(credentialsChanged ? { accessToken: null, accessTokenExpiresAt: null } : {}),
  };
  await db
    .insert(wechatAccounts)
    .values({ companyId, ...values })
    .onConflictDoUpdate({ target: wechatAccounts.companyId, set: values });
  const visible = (v: { appSecret: string } | undefined) =>
    v && { ...v, appSecret: "(set)", accessToken: undefined, accessTokenExpiresAt: undefined };
  await writeAudit(db, {
    companyId,
    actorUserId,
    action: "messages.wechat_account",
    entity: "wechat_accounts",
    entityId: companyId,
    before: visible(before),
    after: { ...visible(values), secretHint: input.appSecret ? secretHint(input.appSecret) : undefined },
  });
}

/** What the settings page shows: everything but the secret, which appears only as its last four characters. */
export async function wechatAccountView(db: DbOrTx, companyId: number) {
  const [row] = await db.select().from(wechatAccounts).where(eq(wechatAccounts.companyId, companyId));
  const templates: Record<string, { templateId: string; fields: string }> = {};
  for (const [kind, t] of Object.entries(row?.templates ?? {}))
    if (t) templates[kind] = { templateId: t.templateId, fields: formatFieldMapping(t.fields) };
  return {
    configured: !!row,
    enabled: row?.enabled ?? false,
    appId: row?.appId ?? "",
    secretHint: row ? secretHint(decryptSecret(row.appSecret, secretContext(companyId))) : null,
    apiBaseUrl: row?.apiBaseUrl ?? "https://api.weixin.qq.com",
    oauthBaseUrl: row?.oauthBaseUrl ?? "https://open.weixin.qq.com",
    templates,
  };
}

export type LoadedAccount = WechatApp & {
  companyId: number;
  oauthBaseUrl: string;
  templates: Partial<Record<string, WechatTemplate>>;
  accessToken: string | null;
  accessTokenExpiresAt: Date | null;
};

/** The company's enabled official account with its secret decrypted (server-side only), or null. */
export async function loadWechatAccount(db: DbOrTx, companyId: number): Promise<LoadedAccount | null> {
  const [row] = await db.select().from(wechatAccounts).where(eq(wechatAccounts.companyId, companyId));
  if (!row || !row.enabled) return null;
  return {
    companyId,
    appId: row.appId,
    appSecret: decryptSecret(row.appSecret, secretContext(companyId)),
    apiBaseUrl: row.apiBaseUrl,
    oauthBaseUrl: row.oauthBaseUrl,
    templates: row.templates,
    accessToken: row.accessToken ? decryptSecret(row.accessToken, tokenContext(companyId)) : null,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
  };
}
