import { and, eq } from "drizzle-orm";
import { billingSettings, paymentAccounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit/commands";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/actions/result";
import { SECRET_FIELDS, type AlipayAccountInput, type WechatAccountInput } from "./schemas";

export type OnlineProvider = keyof typeof SECRET_FIELDS;

/** The additional data that binds a sealed value to its company and provider. */
export const accountAad = (companyId: number, provider: OnlineProvider) => `payment_account:${companyId}:${provider}`;

/**
 * Saves a company's merchant account: the non-secret fields as config, the secrets sealed
 * (AES-256-GCM, `key`) — an empty secret keeps the stored one, a new account needs them all.
 * The audit entry names which secrets changed, never their values. `useForResidents` makes the
 * account the residents' online payment (an unchecked box on the enabled account falls back to the sandbox).
 */
export async function savePaymentAccount(
  db: Db,
  key: Buffer,
  actor: Actor,
  provider: OnlineProvider,
  input: WechatAccountInput | AlipayAccountInput,
) {
  const secretNames: readonly string[] = SECRET_FIELDS[provider];
  const fields = input as unknown as Record<string, string | boolean>;
  const config: Record<string, string> = {};
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === "enabled" || name === "useForResidents") continue;
    if (secretNames.includes(name)) {
      if (value) given[name] = String(value);
    } else config[name] = String(value);
  }
  const aad = accountAad(actor.companyId, provider);
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(paymentAccounts)
      .where(and(eq(paymentAccounts.companyId, actor.companyId), eq(paymentAccounts.provider, provider)));
    const secrets = { ...(existing ? JSON.parse(decryptSecret(existing.sealedSecrets, aad, key)) : {}), ...given };
    const missing = secretNames.find((n) => !secrets[n]);
    if (missing) throw AppError.field(missing, "validation.required");
    const hints = Object.fromEntries(secretNames.map((n) => [n, secretHint(secrets[n])]));
    const row = {
      enabled: input.enabled,
      config,
      sealedSecrets: encryptSecret(JSON.stringify(secrets), aad, key),
      secretHints: hints,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    await tx
      .insert(paymentAccounts)
      .values({ companyId: actor.companyId, provider, ...row })
      .onConflictDoUpdate({ target: [paymentAccounts.companyId, paymentAccounts.provider], set: row });
    await setResidentProvider(tx, actor.companyId, provider, input.enabled && input.useForResidents);
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "payment_account.save",
      entity: "payment_account",
      entityId: provider,
      before: existing ? { enabled: existing.enabled, config: existing.config } : null,
      after: {
        enabled: input.enabled,
        useForResidents: input.useForResidents,
        config,
        secretsChanged: Object.keys(given),
      },
    });
  });
}

async function setResidentProvider(tx: DbOrTx, companyId: number, provider: OnlineProvider, use: boolean) {
  const [settings] = await tx
    .select({ online: billingSettings.onlineProvider })
    .from(billingSettings)
    .where(eq(billingSettings.companyId, companyId));
  const next = use ? provider : settings?.online === provider ? "sandbox" : (settings?.online ?? "sandbox");
  await tx
    .insert(billingSettings)
    .values({ companyId, onlineProvider: next })
    .onConflictDoUpdate({ target: billingSettings.companyId, set: { onlineProvider: next } });
}
