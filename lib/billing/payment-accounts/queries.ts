import { and, eq } from "drizzle-orm";
import { billingSettings, paymentAccounts } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { DbOrTx } from "@/lib/db/client";
import type { AlipayAccount } from "../providers/alipay/client";
import type { WechatPayAccount } from "../providers/wechatpay/client";
import { accountAad, type OnlineProvider } from "./commands";

/** What the settings page shows: the config, whether it is on, and each secret's last 4 characters only. */
export async function paymentAccountSummaries(db: DbOrTx, companyId: number) {
  const rows = await db
    .select({
      provider: paymentAccounts.provider,
      enabled: paymentAccounts.enabled,
      config: paymentAccounts.config,
      secretHints: paymentAccounts.secretHints,
      updatedAt: paymentAccounts.updatedAt,
    })
    .from(paymentAccounts)
    .where(eq(paymentAccounts.companyId, companyId));
  const [settings] = await db
    .select({ online: billingSettings.onlineProvider })
    .from(billingSettings)
    .where(eq(billingSettings.companyId, companyId));
  return { accounts: rows, residentProvider: settings?.online ?? "sandbox" };
}

/** The company's residents' online provider: "sandbox" unless an enabled account was chosen. */
export async function residentProvider(db: DbOrTx, companyId: number): Promise<"sandbox" | OnlineProvider> {
  const { accounts, residentProvider: chosen } = await paymentAccountSummaries(db, companyId);
  if (chosen === "sandbox") return "sandbox";
  return accounts.some((a) => a.provider === chosen && a.enabled) ? (chosen as OnlineProvider) : "sandbox";
}

/** A key, or how to get it (read only when there is an account to open: no key is needed without one). */
export type KeySource = Buffer | (() => Buffer);

/** An enabled account's config and opened secrets, or null. */
export async function openPaymentAccount(db: DbOrTx, key: KeySource, companyId: number, provider: OnlineProvider) {
  const [row] = await db
    .select()
    .from(paymentAccounts)
    .where(
      and(
        eq(paymentAccounts.companyId, companyId),
        eq(paymentAccounts.provider, provider),
        eq(paymentAccounts.enabled, true),
      ),
    );
  if (!row) return null;
  const k = typeof key === "function" ? key() : key;
  const secrets = JSON.parse(decryptSecret(row.sealedSecrets, accountAad(companyId, provider), k)) as Record<
    string,
    string
  >;
  return { ...row.config, ...secrets };
}

/** The company's enabled WeChat Pay account, ready for the client, or null. */
export async function wechatAccount(db: DbOrTx, key: KeySource, companyId: number): Promise<WechatPayAccount | null> {
  const a = await openPaymentAccount(db, key, companyId, "wechatpay");
  if (!a) return null;
  return {
    mode: a.mode === "partner" ? "partner" : "direct",
    mchId: a.mchId,
    appId: a.appId,
    subMchId: a.subMchId || undefined,
    subAppId: a.subAppId || undefined,
    serialNo: a.serialNo,
    platformPublicKey: a.platformPublicKey,
    platformSerial: a.platformSerial,
    baseUrl: a.baseUrl,
    privateKey: a.privateKey,
    apiV3Key: a.apiV3Key,
  };
}

/** The company's enabled Alipay account, ready for the SDK, or null. */
export async function alipayAccount(db: DbOrTx, key: KeySource, companyId: number): Promise<AlipayAccount | null> {
  const a = await openPaymentAccount(db, key, companyId, "alipay");
  if (!a) return null;
  return { appId: a.appId, gateway: a.gateway, alipayPublicKey: a.alipayPublicKey, appPrivateKey: a.appPrivateKey };
}
