import { and, eq } from "drizzle-orm";
import { bills } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { savePaymentAccount } from "@/lib/billing/payment-accounts/commands";
import { alipayAccountSchema, wechatAccountSchema } from "@/lib/billing/payment-accounts/schemas";
import type { Db } from "@/lib/db/client";
import type { AlipayFake } from "../fakes/alipay";
import type { FakeMerchant, WechatPayFake } from "../fakes/wechatpay";
import { createBillingEstate } from "./billing";

export interface ProviderFakes {
  wechat: WechatPayFake;
  merchant: FakeMerchant;
  alipay: AlipayFake;
  app: { appId: string; privateKey: string };
}

/**
 * A new company with a WeChat Pay (direct merchant) and an Alipay account on the fakes, both
 * enabled, and two households owing two months of fees (2026-10, 2026-11).
 */
export async function providerWorld(db: Db, key: Buffer, f: ProviderFakes) {
  const e = await createBillingEstate(db, 2);
  const actor = { companyId: e.companyId, userId: e.adminId };
  const wechat = wechatAccountSchema.parse({
    enabled: "on",
    mode: "direct",
    mchId: f.merchant.mchId,
    appId: "wxd678efh567hg6787",
    subMchId: "",
    subAppId: "",
    serialNo: f.merchant.serialNo,
    platformSerial: f.wechat.platformSerial,
    platformPublicKey: f.wechat.platform.publicKey,
    baseUrl: f.wechat.baseUrl,
    privateKey: f.merchant.privateKey,
    apiV3Key: f.wechat.apiV3Key,
  });
  await savePaymentAccount(db, key, actor, "wechatpay", wechat);
  const alipay = alipayAccountSchema.parse({
    enabled: true,
    appId: f.app.appId,
    gateway: f.alipay.gateway,
    alipayPublicKey: f.alipay.alipay.publicKey,
    appPrivateKey: f.app.privateKey,
  });
  await savePaymentAccount(db, key, actor, "alipay", alipay);
  await generateBills(db, e.companyId, "2026-10");
  await generateBills(db, e.companyId, "2026-11");
  const household = e.households[0].id;
  const owed = await db
    .select()
    .from(bills)
    .where(and(eq(bills.companyId, e.companyId), eq(bills.householdId, household)))
    .orderBy(bills.period);
  return { e, actor, household, owed };
}
