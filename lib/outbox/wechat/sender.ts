import { and, eq } from "drizzle-orm";
import { wechatAccounts, wechatBindings } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secrets";
import type { DbOrTx } from "@/lib/db/client";
import { loadWechatAccount, tokenContext, type LoadedAccount } from "./account";
import { fetchAccessToken, sendTemplateMessage, WechatApiError } from "./client";
import { isTokenError, templateDataOf, tokenUsableUntil, wechatKindOf } from "./rules";

/**
 * The company's access_token: the cached one while it is usable, else a fresh one from
 * /cgi-bin/token, stored encrypted with its expiry (several workers may refresh at once; the
 * last write wins and every token WeChat issued stays valid until its own expiry).
 */
export async function accessTokenFor(db: DbOrTx, account: LoadedAccount, now: Date, force = false): Promise<string> {
  if (!force && account.accessToken && account.accessTokenExpiresAt && account.accessTokenExpiresAt > now)
    return account.accessToken;
  const fresh = await fetchAccessToken(account);
  const until = tokenUsableUntil(now, fresh.expiresInS);
  await db
    .update(wechatAccounts)
    .set({ accessToken: encryptSecret(fresh.token, tokenContext(account.companyId)), accessTokenExpiresAt: until })
    .where(eq(wechatAccounts.companyId, account.companyId));
  account.accessToken = fresh.token;
  account.accessTokenExpiresAt = until;
  return fresh.token;
}

export type WechatSender = (m: {
  to: string;
  templateKey: string;
  params: Record<string, string | number | null>;
}) => Promise<{ providerRef: string }>;

/**
 * The company's template-message sender. A message whose kind has no template fails the attempt
 * (retried, then failed). A token WeChat calls invalid or expired (40001/42001) is refreshed and the
 * send tried once more.
 */
export async function wechatSenderFor(db: DbOrTx, companyId: number, now: Date): Promise<WechatSender> {
  const account = await loadWechatAccount(db, companyId);
  return async (m) => {
    if (!account) throw new Error("wechat: the company has no enabled official account");
    const kind = wechatKindOf(m.templateKey);
    const template = kind ? account.templates[kind] : undefined;
    if (!template) throw new Error(`wechat: no template registered for ${m.templateKey}`);
    const message = { openid: m.to, templateId: template.templateId, data: templateDataOf(template.fields, m.params) };
    try {
      return {
        providerRef: await sendTemplateMessage(account.apiBaseUrl, await accessTokenFor(db, account, now), message),
      };
    } catch (e) {
      if (!(e instanceof WechatApiError) || !isTokenError(e.errcode)) throw e;
      const token = await accessTokenFor(db, account, now, true);
      return { providerRef: await sendTemplateMessage(account.apiBaseUrl, token, message) };
    }
  };
}

/** The user's openid in the company's official account, or null when not bound. */
export async function openidOf(db: DbOrTx, companyId: number, userId: number): Promise<string | null> {
  const [row] = await db
    .select({ openid: wechatBindings.openid })
    .from(wechatBindings)
    .where(and(eq(wechatBindings.companyId, companyId), eq(wechatBindings.userId, userId)));
  return row?.openid ?? null;
}

/**
 * Where a message to this user goes on WeChat: their openid when the company's account is enabled,
 * has a template for the message's kind and the user is bound; else null (nothing is queued).
 */
export async function wechatRecipientOf(
  db: DbOrTx,
  companyId: number,
  userId: number,
  templateKey: string,
): Promise<string | null> {
  const kind = wechatKindOf(templateKey);
  if (!kind) return null;
  const [row] = await db
    .select({ openid: wechatBindings.openid, enabled: wechatAccounts.enabled, templates: wechatAccounts.templates })
    .from(wechatBindings)
    .innerJoin(wechatAccounts, eq(wechatAccounts.companyId, wechatBindings.companyId))
    .where(and(eq(wechatBindings.companyId, companyId), eq(wechatBindings.userId, userId)));
  return row && row.enabled && row.templates[kind] ? row.openid : null;
}
