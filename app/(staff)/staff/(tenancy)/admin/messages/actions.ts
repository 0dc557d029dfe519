"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { SecretsKeyError, secretsKey } from "@/lib/crypto/secrets";
import { saveSmsSettings } from "@/lib/outbox/sms/settings";
import { smsSettingsSchema } from "@/lib/outbox/sms/schemas";
import { MissingAppSecretError, saveWechatAccount } from "@/lib/outbox/wechat/account";
import { wechatAccountSchema } from "@/lib/outbox/wechat/schemas";

const PATH = "/staff/admin/messages";

/** The server has no usable SECRETS_KEY: the admin's clear message, nothing written. */
function requireSecretsKey() {
  try {
    secretsKey();
  } catch (e) {
    if (e instanceof SecretsKeyError) throw AppError.field("_form", "messaging.errors.secretsKey");
    throw e;
  }
}

/** Saves the SMS provider, template codes and quiet hours (admin; keys sealed; audited without them). */
export const saveSmsSettingsAction = authorizedAction(
  { schema: smsSettingsSchema, roles: ["admin"] },
  async (input, ctx) => {
    requireSecretsKey();
    await ctx.db.transaction((tx) => saveSmsSettings(tx, ctx.companyId, ctx.user.id, input));
    revalidatePath(PATH);
    return null;
  },
);

/** Saves the WeChat official account and its template mapping (admin; AppSecret sealed; audited without it). */
export const saveWechatAccountAction = authorizedAction(
  { schema: wechatAccountSchema, roles: ["admin"] },
  async (input, ctx) => {
    requireSecretsKey();
    try {
      await ctx.db.transaction((tx) => saveWechatAccount(tx, ctx.companyId, ctx.user.id, input));
    } catch (e) {
      if (e instanceof MissingAppSecretError) throw AppError.field("appSecret", "validation.required");
      throw e;
    }
    revalidatePath(PATH);
    return null;
  },
);
