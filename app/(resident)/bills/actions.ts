"use server";

import { authorizedAction } from "@/lib/actions/authorized-action";
import { createCheckout } from "@/lib/billing/checkout";
import { checkoutSchema } from "@/lib/billing/schemas";

/**
 * Opens a sandbox checkout for the resident's own household (approved link checked in
 * createCheckout; a tampered household or bill id is not_found and writes nothing).
 */
export const startCheckoutAction = authorizedAction(
  { schema: checkoutSchema, roles: ["resident"] },
  async (input, ctx) => {
    const session = await createCheckout(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input);
    return { sessionId: session.id };
  },
);
