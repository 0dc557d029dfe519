"use server";

import { headers } from "next/headers";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { clientIp } from "@/lib/auth/client-ip";
import { createCheckout } from "@/lib/billing/checkout";
import { residentProvider } from "@/lib/billing/payment-accounts/queries";
import { startAlipayWap, startWechatH5 } from "@/lib/billing/providers/start";
import { checkoutSchema } from "@/lib/billing/schemas";
import { secretsKey } from "@/lib/crypto/secrets";
import { liveEnv } from "@/lib/env";

/**
 * Opens a checkout for the resident's own household (approved link checked in createCheckout;
 * a tampered household or bill id is not_found and writes nothing) with the company's online
 * provider: the sandbox's hosted page (demo default), WeChat Pay H5 (the order created here,
 * server-side) or Alipay wap pay (a signed gateway URL) — for the amount computed from our bills.
 */
export const startCheckoutAction = authorizedAction(
  { schema: checkoutSchema, roles: ["resident"] },
  async (input, ctx) => {
    const provider = await residentProvider(ctx.db, ctx.companyId);
    const session = await createCheckout(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, provider);
    if (provider === "sandbox") return { sessionId: session.id, url: `/pay/sandbox/${session.id}` };
    const h = await headers();
    const baseUrl = liveEnv("NEXTAUTH_URL") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
    const description = `${ctx.user.companyName} 物业费`;
    const start =
      provider === "wechatpay"
        ? startWechatH5(ctx.db, secretsKey, ctx.companyId, session, {
            baseUrl,
            description,
            clientIp: clientIp(Object.fromEntries(h)),
          })
        : startAlipayWap(ctx.db, secretsKey, ctx.companyId, session, { baseUrl, description });
    const url = await start.catch((e) => {
      console.error(`[checkout] ${provider} order failed`, e);
      return null;
    });
    if (!url) throw AppError.field("_form", "billing.accounts.errors.providerUnavailable");
    return { sessionId: session.id, url };
  },
);
