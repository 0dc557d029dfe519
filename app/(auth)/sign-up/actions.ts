"use server";

import { headers } from "next/headers";
import { publicAction } from "@/lib/actions/authorized-action";
import { clientIp } from "@/lib/auth/client-ip";
import { signUpCompany } from "@/lib/flows/sign-up-company";
import { signUpSchema } from "@/lib/tenancy/schemas";

/** Public: a visitor signs up a property company and becomes its admin. */
export const signUpAction = publicAction({ schema: signUpSchema }, async (input, { db }) => {
  await signUpCompany(db, input, { ip: clientIp(Object.fromEntries(await headers())) });
  return null;
});
