"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { BILLING_SETTINGS_ROLES } from "@/lib/billing/access";
import { savePaymentAccount, type OnlineProvider } from "@/lib/billing/payment-accounts/commands";
import {
  alipayAccountSchema,
  wechatAccountSchema,
  type AlipayAccountInput,
  type WechatAccountInput,
} from "@/lib/billing/payment-accounts/schemas";
import { SecretsKeyError, secretsKey } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db/client";

/** The key, or the admin's clear message that the server has none (nothing written). */
function keyOrError(): Buffer {
  try {
    return secretsKey();
  } catch (e) {
    if (e instanceof SecretsKeyError) throw AppError.field("_form", "billing.accounts.errors.secretsKey");
    throw e;
  }
}

async function save(
  db: Db,
  ctx: { companyId: number; user: { id: number } },
  provider: OnlineProvider,
  input: WechatAccountInput | AlipayAccountInput,
) {
  await savePaymentAccount(db, keyOrError(), { companyId: ctx.companyId, userId: ctx.user.id }, provider, input);
  revalidatePath("/staff/billing/payments");
  return null;
}

/** Saves the company's WeChat Pay merchant account (admin; secrets sealed, audited). */
export const saveWechatAccountAction = authorizedAction(
  { schema: wechatAccountSchema, roles: BILLING_SETTINGS_ROLES },
  async (input, ctx) => save(ctx.db, ctx, "wechatpay", input),
);

/** Saves the company's Alipay merchant account (admin; the app private key sealed, audited). */
export const saveAlipayAccountAction = authorizedAction(
  { schema: alipayAccountSchema, roles: BILLING_SETTINGS_ROLES },
  async (input, ctx) => save(ctx.db, ctx, "alipay", input),
);
