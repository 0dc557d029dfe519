"use server";

import QRCode from "qrcode";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { BILLING_ROLES } from "@/lib/billing/access";
import { openDeskCheckout } from "@/lib/billing/desk-checkout";
import { deskCheckoutSchema, deskQrSchema } from "@/lib/billing/schemas";
import { secretsKey } from "@/lib/crypto/secrets";
import { liveEnv } from "@/lib/env";
import { cancelDeskCheckout, deskCheckoutStatus } from "@/lib/flows/desk-checkout";

/**
 * The cashier's QR payments (finance and admin, their company only): open a WeChat Pay Native /
 * Alipay precreate order for the chosen bills, poll it until paid, or cancel it.
 */
export const openDeskQrAction = authorizedAction({ schema: deskQrSchema, roles: BILLING_ROLES }, async (input, ctx) => {
  const baseUrl = liveEnv("NEXTAUTH_URL") ?? "http://localhost:3000";
  const r = await openDeskCheckout(ctx.db, secretsKey, { companyId: ctx.companyId, userId: ctx.user.id }, input, {
    baseUrl,
    description: `${ctx.user.companyName} 物业费`,
  });
  // The code as SVG, drawn on the server (crisp at any size, no canvas in the browser).
  const svg = await QRCode.toString(r.qr, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { sessionId: r.sessionId, amountFen: r.amountFen, status: r.status, qr: r.qr, svg };
});

// No revalidation here: a refreshed page without open bills would unmount the receipt panel;
// "next customer" and the receipt link load fresh pages.
export const deskStatusAction = authorizedAction(
  { schema: deskCheckoutSchema, roles: BILLING_ROLES },
  async (input, ctx) => deskCheckoutStatus(ctx.db, secretsKey, ctx.companyId, input.sessionId),
);

export const cancelDeskAction = authorizedAction(
  { schema: deskCheckoutSchema, roles: BILLING_ROLES },
  async (input, ctx) => cancelDeskCheckout(ctx.db, secretsKey, ctx.companyId, input.sessionId),
);
