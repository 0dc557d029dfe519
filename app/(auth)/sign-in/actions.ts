"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { publicAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { clientIp } from "@/lib/auth/client-ip";
import { requestSignInCode } from "@/lib/auth/phone-code";
import { requestCodeSchema } from "@/lib/tenancy/schemas";
import { deliverSoon } from "@/lib/outbox/job";

/**
 * Public: sends a sign-in code to the phone if it belongs to an account. The answer never says
 * whether it does; the SMS leaves right after the response (the minute tick is the safety net).
 */
export const requestCodeAction = publicAction({ schema: requestCodeSchema }, async (input, { db }) => {
  const since = new Date();
  const h = await headers();
  const result = await requestSignInCode(db, input.phone, clientIp(Object.fromEntries(h)), since);
  if (!result.ok) {
    if (result.reason === "rate_limited") throw AppError.field("phone", "validation.codeRateLimited", "rate_limited");
    throw AppError.field("phone", "validation.phone");
  }
  after(() => deliverSoon(db, null, since));
  return null;
});
